#include "cli/bench_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/bench_native_parts.h"
#include "cli/bench_stats.h"
#include "cli/cli_args.h"
#include "store/example_header.h"
#include "kernel/facts.h"
#include "kernel/mesh.h"
#include "script/parameter_parser.h"
#include "worker/client/kernel_client.h"

namespace partsmith::cli {
namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

long residentKb(int pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// The sliders a drag can move: numeric, visible, not a drop-down.
std::vector<const script::Parameter*> sliders(const std::vector<script::Parameter>& params) {
  std::vector<const script::Parameter*> out;
  for (const auto& p : params)
    if (p.type == "number" && !p.hidden && p.options.empty()) out.push_back(&p);
  return out;
}

// One step of `p` away from its default, inside its range.
double nudged(const script::Parameter& p) {
  const double value = std::get<double>(p.value);
  const double step = p.step.value_or(1.0);
  const double alt = value + step;
  return p.max && alt > *p.max ? value - step : alt;
}

// A parameter change per run: the first slider alternates between its default and a nearby
// value, so every run really rebuilds the geometry downstream of that slider (which, being
// first, is usually the main dimension: nearly everything).
json paramChange(const std::vector<script::Parameter>& params, int run) {
  auto list = sliders(params);
  if (list.empty()) return json::object();
  const script::Parameter& p = *list.front();
  return {{p.name, run % 2 ? nudged(p) : std::get<double>(p.value)}};
}

// Any slider: run i moves slider (i/2 mod n) one step and back, so every slider of the
// script is dragged in turn, as a person tuning a part does.
json anySliderChange(const std::vector<script::Parameter>& params, int run) {
  auto list = sliders(params);
  if (list.empty()) return json::object();
  const script::Parameter& p = *list[static_cast<size_t>(run / 2) % list.size()];
  return {{p.name, run % 2 ? nudged(p) : std::get<double>(p.value)}};
}

}  // namespace

int benchCommand(const std::vector<std::string>& args) {
  CliArgs cli(args, {"--examples", "--runs", "--memory-runs", "--only"}, {"--json"});
  std::string dir = cli.value("--examples", store::defaultExamplesDir());
  int runs = std::stoi(cli.value("--runs", "30"));
  int memoryRuns = std::stoi(cli.value("--memory-runs", "1000"));
  if (runs < 3) throw UsageError("--runs must be at least 3");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".js") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (cli.has("--only")) {
    std::string only = cli.value("--only");
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const fs::path& p) { return p.stem().string().find(only) == std::string::npos; }),
                files.end());
  }
  if (files.empty()) throw UsageError("no example scripts (*.js) in " + dir);

  worker::KernelClient client;
  client.warmUp();
  json report = {{"machine", machineDescription()}, {"runs_per_script", runs}, {"scripts", json::array()}};
  std::vector<double> simpleP50s;
  std::vector<double> overheads;
  std::vector<double> simpleAnyP50s;

  std::cerr << "warm re-run after a parameter change (script + kernel + tessellation + IPC), " << runs
            << " runs each\n";
  std::cerr << "columns: first slider with unchanged kernel results reused (p50, p95), the same rebuilt from\n"
               "scratch (rebuild), every slider in turn with reuse (any), native C++ build + tessellation of the\n"
               "same part (native) and rebuild / native (ratio)\n";
  std::fprintf(stderr, "%-28s %4s %8s %8s %8s %8s %8s %7s\n", "script", "cplx", "p50 ms", "p95 ms", "rebuild", "any",
               "native", "ratio");
  for (const auto& file : files) {
    std::string source;
    {
      std::ifstream in(file);
      source.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    store::ExampleHeader header = store::parseExampleHeader(source);
    auto params = script::parseParameters(source);
    // What a slider drag costs: script, kernel, tessellation and IPC (facts come after the drag).
    json job = {{"op", "run"}, {"source", source}, {"mesh", true}, {"facts", false}};
    json first = client.request(job);  // cold for this script
    if (!first.value("ok", false)) {
      std::cerr << file.filename().string() << ": fails, skipped: " << first["errors"].dump() << "\n";
      continue;
    }
    // Three drags through the same warm worker: the first slider with the kernel results of
    // the previous run reused where their inputs did not change (what the app does), the same
    // without reuse (the full rebuild, compared with native below), and every slider in turn.
    auto drag = [&](bool reuse, json (*change)(const std::vector<script::Parameter>&, int), std::vector<double>* kernelMs,
                    long long* hits) {
      std::vector<double> wall;
      json j = job;
      j["op_cache"] = reuse;
      client.request(j);  // settles the cache for this mode
      for (int i = 0; i < runs; ++i) {
        j["params"] = change(params, i + 1);
        auto t = Clock::now();
        json reply = client.request(j);
        wall.push_back(msSince(t));
        if (kernelMs) kernelMs->push_back(reply["timing"].value("kernel_ms", 0.0));
        if (hits && reply.contains("op_cache")) *hits += reply["op_cache"].value("hits", 0LL);
      }
      return wall;
    };
    std::vector<double> kernel;
    long long hits = 0, anyHits = 0;
    std::vector<double> rebuild = drag(false, paramChange, nullptr, nullptr);
    std::vector<double> wall = drag(true, paramChange, &kernel, &hits);
    std::vector<double> anySlider = drag(true, anySliderChange, nullptr, &anyHits);
    json row = {{"script", file.filename().string()},
                {"complexity", header.complexity},
                {"p50_ms", percentile(wall, 0.5)},
                {"p95_ms", percentile(wall, 0.95)},
                {"rebuild_p50_ms", percentile(rebuild, 0.5)},
                {"any_slider_p50_ms", percentile(anySlider, 0.5)},
                {"reused_ops_per_run", double(hits) / runs},
                {"any_slider_reused_ops_per_run", double(anyHits) / runs},
                {"kernel_p50_ms", percentile(kernel, 0.5)}};
    if (header.complexity > 0 && header.complexity <= 3) simpleP50s.push_back(row["p50_ms"]);

    // The same part built through the C++ kernel API in this process (kernel + tessellation).
    double nativeP50 = 0;
    if (auto builder = nativeBuilderFor(file.stem().string())) {
      std::vector<double> native;
      for (int i = 0; i < runs; ++i) {
        auto t = Clock::now();
        TopoDS_Shape shape = builder(i % 2 == 1);
        kernel::Mesh mesh = kernel::tessellate(shape, {}, false);
        (void)mesh;
        native.push_back(msSince(t));
      }
      nativeP50 = percentile(native, 0.5);
      row["native_p50_ms"] = nativeP50;
      row["overhead_ratio"] = row["rebuild_p50_ms"].get<double>() / nativeP50;
      if (nativeP50 >= 20) overheads.push_back(row["overhead_ratio"]);
    }
    if (header.complexity > 0 && header.complexity <= 3) simpleAnyP50s.push_back(row["any_slider_p50_ms"]);
    std::fprintf(stderr, "%-28s %4d %8.1f %8.1f %8.1f %8.1f %8s %7s\n", file.filename().string().c_str(),
                 header.complexity, row["p50_ms"].get<double>(), row["p95_ms"].get<double>(),
                 row["rebuild_p50_ms"].get<double>(), row["any_slider_p50_ms"].get<double>(),
                 nativeP50 > 0 ? std::to_string(nativeP50).substr(0, 6).c_str() : "-",
                 nativeP50 > 0 ? std::to_string(row["overhead_ratio"].get<double>()).substr(0, 4).c_str() : "-");
    report["scripts"].push_back(row);
  }

  // Worker memory over many runs of one script.
  if (memoryRuns > 0) {
    std::string source;
    std::ifstream in(files.front());
    source.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    auto params = script::parseParameters(source);
    json job = {{"op", "run"}, {"source", source}, {"mesh", true}};
    long early = 0, late = 0;
    for (int i = 0; i < memoryRuns; ++i) {
      job["params"] = paramChange(params, i);
      client.request(job);
      if (i == std::min(20, memoryRuns - 1)) early = residentKb(client.workerPid());
    }
    late = residentKb(client.workerPid());
    double growth = early > 0 ? 100.0 * (late - early) / early : 0;
    report["memory"] = {{"script", files.front().filename().string()}, {"runs", memoryRuns},
                        {"rss_kb_after_20", early}, {"rss_kb_at_end", late}, {"growth_percent", growth}};
    std::fprintf(stderr, "worker memory over %d runs of %s: %ld kB after 20 runs, %ld kB at the end (%+.1f %%)\n",
                 memoryRuns, files.front().filename().string().c_str(), early, late, growth);
  }
  report["simple_p50_ms_median"] = percentile(simpleP50s, 0.5);
  report["simple_any_slider_p50_ms_median"] = percentile(simpleAnyP50s, 0.5);
  report["overhead_ratio_median_20ms_plus"] = percentile(overheads, 0.5);
  std::fprintf(stderr, "machine: %s\n", report["machine"].get<std::string>().c_str());
  std::fprintf(stderr, "simple examples (complexity <= 3): median of p50 = %.1f ms over %zu scripts (goal <= 30 ms)\n",
               report["simple_p50_ms_median"].get<double>(), simpleP50s.size());
  std::fprintf(stderr, "simple examples, every slider in turn: median of p50 = %.1f ms\n",
               report["simple_any_slider_p50_ms_median"].get<double>());
  if (!overheads.empty())
    std::fprintf(stderr, "overhead vs native for parts >= 20 ms: median %.2fx over %zu scripts (goal <= 1.2x)\n",
                 report["overhead_ratio_median_20ms_plus"].get<double>(), overheads.size());
  if (cli.has("--json")) std::cout << report.dump(2) << std::endl;
  return 0;
}

}  // namespace partsmith::cli
