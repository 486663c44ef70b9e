#include "cli/run_command.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli_args.h"
#include "script/parameter_parser.h"
#include "worker/client/job_spec.h"
#include "worker/client/kernel_client.h"

namespace partsmith::cli {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const char* kRunUsage =
    "usage: partsmith-cli run FILE.js [--param NAME=VALUE]... [--export PATH]... [--per-part] [--stl-ascii] [--tolerance MM] "
    "[--render DIR [--views iso,front,...] [--size WxH]] [--json] [--timeout SECONDS]";

json paramValueToJson(const script::ParamValue& value) {
  return std::visit([](const auto& v) { return json(v); }, value);
}

// --param NAME=VALUE, typed by the script's own declaration.
json parseOverrides(const std::vector<std::string>& specs, const std::string& source) {
  json out = json::object();
  if (specs.empty()) return out;
  std::vector<script::Parameter> declared = script::parseParameters(source);
  for (const auto& spec : specs) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--param needs NAME=VALUE, got '" + spec + "'");
    std::string name = spec.substr(0, eq);
    std::map<std::string, script::ParamValue> probe;
    auto it = std::find_if(declared.begin(), declared.end(), [&](const script::Parameter& p) { return p.name == name; });
    try {
      if (it == declared.end()) {
        // Let the parameter parser phrase the error (it suggests the closest real name).
        probe[name] = spec.substr(eq + 1);
        script::applyParameterOverrides(source, probe);
        throw UsageError("the script has no parameter '" + name + "'");
      }
      out[name] = paramValueToJson(script::parseOverride(*it, spec.substr(eq + 1)));
    } catch (const UsageError&) {
      throw;
    } catch (const std::exception& e) {
      throw UsageError(e.what());
    }
  }
  return out;
}

std::pair<int, int> parseSize(const std::string& text) {
  int w = 0, h = 0;
  char x = 0;
  std::istringstream in(text);
  if (!(in >> w >> x >> h) || (x != 'x' && x != 'X') || w < 16 || h < 16 || w > 8192 || h > 8192)
    throw UsageError("--size needs WIDTHxHEIGHT between 16 and 8192, e.g. 800x600; got '" + text + "'");
  return {w, h};
}

std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void printHuman(const json& reply, const std::string& file) {
  for (const auto& e : reply.value("errors", json::array())) {
    int line = e.value("line", 0), column = e.value("column", 0);
    std::cerr << file;
    if (line > 0) std::cerr << ":" << line << (column > 0 ? ":" + std::to_string(column) : "");
    std::cerr << ": " << e.value("kind", "error") << " error: " << e.value("message", "") << "\n";
    std::string source = e.value("source", "");
    if (!source.empty()) {
      std::cerr << "    " << source << "\n";
      if (column > 0) std::cerr << "    " << std::string(static_cast<size_t>(column - 1), ' ') << "^\n";
    }
    if (!e.value("hint", "").empty()) std::cerr << "  hint: " << e.value("hint", "") << "\n";
  }
  for (const auto& line : reply.value("log", json::array())) std::cout << "log: " << line.get<std::string>() << "\n";
  const json& facts = reply.contains("facts") ? reply["facts"] : json(nullptr);
  if (facts.is_object()) {
    const auto& size = facts["bbox"]["size"];
    std::cout << reply["parts"].size() << " part(s); size " << formatNumber(size[0]) << " x " << formatNumber(size[1])
              << " x " << formatNumber(size[2]) << " mm; volume " << formatNumber(facts.value("volume", 0.0))
              << " mm3; " << facts.value("solids", 0) << " solid(s), " << facts.value("faces", 0) << " faces"
              << (facts.value("valid", true) ? "" : "; NOT VALID") << "\n";
  }
  for (const auto& out : reply.value("outputs", json::array()))
    std::cout << "wrote " << out.value("path", "") << "\n";
}

}  // namespace

int runCommand(const std::vector<std::string>& args) {
  CliArgs cli(args, {"--param", "--export", "--render", "--views", "--size", "--timeout", "--tolerance"},
              {"--json", "--stl-ascii", "--per-part"});
  if (cli.positional().size() != 1) throw UsageError(kRunUsage);
  const std::string file = cli.positional()[0];
  const std::string source = readTextFile(file);

  json job = {{"op", "run"}, {"source", source}, {"params", parseOverrides(cli.values("--param"), source)}};
  if (cli.has("--timeout")) {
    double seconds = 0;
    try {
      seconds = std::stod(cli.value("--timeout"));
    } catch (const std::exception&) {
      seconds = -1;
    }
    if (!(seconds > 0) || seconds > 3600) throw UsageError("--timeout needs seconds between 0 and 3600");
    job["timeout_ms"] = static_cast<int>(std::lround(seconds * 1000));
  }
  // Everything that can be checked is checked before the run: a typo must not cost a run.
  double tolerance = 0;
  if (cli.has("--tolerance")) {
    try {
      size_t used = 0;
      tolerance = std::stod(cli.value("--tolerance"), &used);
      if (used != cli.value("--tolerance").size()) tolerance = -1;
    } catch (const std::exception&) {
      tolerance = -1;
    }
    if (!(tolerance >= 0.001 && tolerance <= 5))
      throw UsageError("--tolerance needs the largest mesh deviation in mm, between 0.001 and 5 (e.g. 0.05); got '" +
                       cli.value("--tolerance") + "'");
  }
  json exports = json::array();
  bool meshExport = false, stlExport = false;
  for (const auto& path : cli.values("--export")) {
    if (std::string problem = worker::exportPathProblem(path); !problem.empty()) throw UsageError("--export " + problem);
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    stlExport = stlExport || ext == ".stl";
    meshExport = meshExport || ext == ".stl" || ext == ".3mf";
    json spec = {{"path", fs::absolute(path).string()}, {"ascii", cli.has("--stl-ascii")}};
    if (cli.has("--per-part")) spec["per_part_files"] = true;
    if (tolerance > 0) spec["tolerance"] = tolerance;
    exports.push_back(spec);
  }
  if (cli.has("--per-part") && exports.empty()) throw UsageError("--per-part goes with --export PATH");
  if (cli.has("--stl-ascii") && !stlExport) throw UsageError("--stl-ascii goes with --export PATH.stl");
  if (cli.has("--tolerance") && !meshExport) throw UsageError("--tolerance goes with --export PATH.stl or PATH.3mf");
  if (!exports.empty()) job["exports"] = exports;
  json views;
  if (cli.has("--views")) {
    std::string problem;
    views = worker::parseRenderViews(cli.value("--views"), problem);
    if (!problem.empty()) throw UsageError("--views: " + problem);
  }
  if (cli.has("--render")) {
    fs::path dir = fs::absolute(cli.value("--render"));
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw UsageError("cannot create render directory " + dir.string() + ": " + ec.message());
    json render = {{"dir", dir.string()}};
    if (cli.has("--views")) render["views"] = views;
    if (cli.has("--size")) {
      auto [w, h] = parseSize(cli.value("--size"));
      render["width"] = w;
      render["height"] = h;
    }
    job["render"] = render;
  } else if (cli.has("--views") || cli.has("--size")) {
    throw UsageError("--views and --size go with --render DIR");
  }

  worker::KernelClient client;
  json reply = client.request(job);
  if (cli.has("--json")) {
    json out = {{"ok", reply.value("ok", false)},
                {"parameters", reply.value("parameters", json::array())},
                {"parts", reply.value("parts", json::array())},
                {"facts", reply.contains("facts") ? reply["facts"] : json(nullptr)},
                {"errors", reply.value("errors", json::array())},
                {"log", reply.value("log", json::array())},
                {"notes", reply.value("notes", json::array())},
                {"timing", reply.value("timing", json::object())},
                {"outputs", reply.value("outputs", json::array())}};
    std::cout << out.dump(2) << std::endl;
  } else {
    printHuman(reply, file);
  }
  return reply.value("ok", false) ? 0 : 1;
}

int paramsCommand(const std::vector<std::string>& args) {
  CliArgs cli(args, {}, {"--json"});
  if (cli.positional().size() != 1) throw UsageError("usage: partsmith-cli params FILE.js");
  json list = json::array();
  for (const auto& p : script::parseParameters(readTextFile(cli.positional()[0]))) list.push_back(p);
  std::cout << list.dump(2) << std::endl;
  return 0;
}

}  // namespace partsmith::cli
