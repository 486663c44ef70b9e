// The partsmith-cli contract other tools rely on: `run` and `params`, their JSON, exit status
// 0/1/2, exports by extension and renders. Runs the real executable as a child process.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "io/step_reader.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct Result {
  int status = -1;
  std::string out;
};

// Runs partsmith-cli with `args` (already shell-quoted), capturing stdout; stderr is dropped,
// or captured too (usage messages go there).
Result runCli(const std::string& args, bool withStderr) {
  std::string command = partsmith::test::cliExecutable() + " " + args + (withStderr ? " 2>&1" : " 2>/dev/null");
  Result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Result cli(const std::string& args) { return runCli(args, false); }
Result cliWithStderr(const std::string& args) { return runCli(args, true); }

fs::path scratchDir(const std::string& name) {
  fs::path dir = fs::path(partsmith::test::binaryDir()) / "test-output" / "cli" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path writeScript(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

const char* kPlate =
    "/* [Size] */\n"
    "// Plate width\n"
    "const width = 40; // [10:1:100]\n"
    "const holes = true;\n"
    "let plate = cq.Workplane(\"XY\").box(width, 30, 5);\n"
    "if (holes) plate = plate.faces(\">Z\").workplane().rect(width - 10, 20, {forConstruction: true}).vertices().hole(3);\n"
    "show(plate, \"plate\", {color: \"#ff8000\"});\n";

}  // namespace

TEST_CASE("run --json prints one object with the whole contract", "[cli]") {
  fs::path dir = scratchDir("contract");
  fs::path script = writeScript(dir, "plate.js", kPlate);
  Result r = cli("run " + script.string() + " --json");
  REQUIRE(r.status == 0);
  json j = json::parse(r.out);
  for (const char* key : {"ok", "parameters", "parts", "facts", "errors", "log", "timing", "outputs"})
    CHECK(j.contains(key));
  CHECK(j["ok"] == true);
  REQUIRE(j["parameters"].size() == 2);
  const json& width = j["parameters"][0];
  CHECK(width["name"] == "width");
  CHECK(width["value"] == 40);
  CHECK(width["type"] == "number");
  CHECK(width["min"] == 10);
  CHECK(width["max"] == 100);
  CHECK(width["step"] == 1);
  CHECK(width["group"] == "Size");
  CHECK(width["description"] == "Plate width");
  CHECK(j["parameters"][1]["type"] == "boolean");
  REQUIRE(j["parts"].size() == 1);
  CHECK(j["parts"][0]["name"] == "plate");
  CHECK(j["parts"][0]["color"] == "#ff8000");
  const json& facts = j["facts"];
  CHECK(facts["bbox"]["size"][0].get<double>() == Approx(40));
  CHECK(facts["bbox"]["size"][2].get<double>() == Approx(5));
  CHECK(facts["holes"].size() == 4);
  CHECK(facts["holes"][0]["diameter"].get<double>() == Approx(3));
  CHECK(facts["holes"][0]["through"] == true);
  CHECK(facts["volume"].get<double>() == Approx(40 * 30 * 5 - 4 * M_PI * 1.5 * 1.5 * 5).epsilon(1e-6));
  for (const char* key : {"solids", "faces", "edges", "faces_by_type", "valid", "closed", "area"})
    CHECK(facts.contains(key));
  CHECK(j["timing"].contains("total_ms"));
}

TEST_CASE("--param overrides are typed by the script's declarations", "[cli]") {
  fs::path dir = scratchDir("params");
  fs::path script = writeScript(dir, "plate.js", kPlate);
  json j = json::parse(cli("run " + script.string() + " --param width=80 --param holes=false --json").out);
  CHECK(j["ok"] == true);
  CHECK(j["facts"]["bbox"]["size"][0].get<double>() == Approx(80));
  CHECK(j["facts"]["holes"].empty());
  CHECK(j["parameters"][0]["value"] == 80);

  CHECK(cli("run " + script.string() + " --param widht=80").status == 2);       // unknown name
  CHECK(cli("run " + script.string() + " --param width=wide").status == 2);     // not a number
  CHECK(cli("run " + script.string() + " --param width").status == 2);          // no value
}

TEST_CASE("params prints only the parameters", "[cli]") {
  fs::path dir = scratchDir("params-only");
  fs::path script = writeScript(dir, "plate.js", kPlate);
  Result r = cli("params " + script.string());
  REQUIRE(r.status == 0);
  json j = json::parse(r.out);
  REQUIRE(j.is_array());
  CHECK(j.size() == 2);
  CHECK(j[0]["name"] == "width");
}

TEST_CASE("a script error exits 1 with the error located in the script", "[cli]") {
  fs::path dir = scratchDir("errors");
  fs::path script = writeScript(dir, "broken.js",
                                "const size = 10;\n"
                                "const part = cq.Workplane(\"XY\").box(size, size, size)\n"
                                "  .edges(\"|Z\").filet(2);\n"
                                "show(part);\n");
  Result r = cli("run " + script.string() + " --json");
  CHECK(r.status == 1);
  json j = json::parse(r.out);
  CHECK(j["ok"] == false);
  REQUIRE(!j["errors"].empty());
  const json& e = j["errors"][0];
  CHECK(e["kind"] == "api");
  CHECK(e["line"] == 3);
  CHECK(e["message"].get<std::string>().find("did you mean 'fillet'") != std::string::npos);
  CHECK(e["source"].get<std::string>().find(".filet(2)") != std::string::npos);
}

TEST_CASE("bad usage exits 2", "[cli]") {
  CHECK(cli("").status == 2);
  CHECK(cli("frobnicate").status == 2);
  CHECK(cli("run").status == 2);
  CHECK(cli("run /no/such/file.js").status == 2);
  fs::path dir = scratchDir("usage");
  fs::path script = writeScript(dir, "plate.js", kPlate);
  CHECK(cli("run " + script.string() + " --size 800x600").status == 2);  // --size needs --render
  CHECK(cli("run " + script.string() + " --timeout -3").status == 2);
  CHECK(cli("run " + script.string() + " --no-such-flag").status == 2);
}

TEST_CASE("exports follow the file extension and re-import", "[cli]") {
  fs::path dir = scratchDir("exports");
  fs::path script = writeScript(dir, "plate.js", kPlate);
  std::string args = "run " + script.string();
  for (const char* ext : {"step", "stl", "3mf", "brep"}) args += " --export " + (dir / "plate.").string() + ext;
  json j = json::parse(cli(args + " --json").out);
  REQUIRE(j["ok"] == true);
  REQUIRE(j["outputs"].size() == 4);
  for (const char* ext : {"step", "stl", "3mf", "brep"}) CHECK(fs::file_size(dir / (std::string("plate.") + ext)) > 0);
  auto parts = partsmith::io::StepReader().read((dir / "plate.step").string());
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].name == "plate");

}

TEST_CASE("an unknown export type or render view is bad usage, caught before the run", "[cli]") {
  fs::path dir = scratchDir("usage-formats");
  // A script that would fail with exit status 1 if it ran.
  fs::path script = writeScript(dir, "broken.js", "show(cq.Workplane('XY').box(1, 1, 1)\n");
  Result r = cliWithStderr("run " + script.string() + " --export " + (dir / "a.xyz").string());
  CHECK(r.status == 2);
  CHECK(r.out.find("unknown file type '.xyz' (supported: .stl, .step, .stp, .3mf, .brep, .brp)") != std::string::npos);
  CHECK(r.out.find("syntax") == std::string::npos);
  r = cliWithStderr("run " + script.string() + " --export " + (dir / "noextension").string());
  CHECK(r.status == 2);
  CHECK(r.out.find("no extension") != std::string::npos);
  r = cliWithStderr("run " + script.string() + " --render " + (dir / "views").string() + " --views iso,diag");
  CHECK(r.status == 2);
  CHECK(r.out.find("unknown view 'diag' (views are: iso, iso2, front, back, left, right, top, bottom)") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "views"));
  CHECK(cli("run " + script.string() + " --views diag").status == 2);
  CHECK(cli("run " + script.string() + " --render " + (dir / "v").string() + " --views ,").status == 2);
}

TEST_CASE("--stl-ascii and --tolerance control the STL export", "[cli]") {
  fs::path dir = scratchDir("stl-options");
  fs::path script = writeScript(dir, "rod.js", "show(cq.Workplane('XY').cylinder(20, 10), 'rod');\n");
  const std::string run = "run " + script.string();
  REQUIRE(cli(run + " --export " + (dir / "binary.stl").string()).status == 0);
  REQUIRE(cli(run + " --export " + (dir / "ascii.stl").string() + " --stl-ascii").status == 0);
  auto head = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string text(5, '\0');
    in.read(&text[0], 5);
    return text;
  };
  CHECK(head(dir / "ascii.stl") == "solid");
  CHECK(head(dir / "binary.stl") != "solid");

  // Binary STL: 84 header bytes and 50 per triangle, so the size counts the triangles.
  REQUIRE(cli(run + " --export " + (dir / "coarse.stl").string() + " --tolerance 0.5").status == 0);
  REQUIRE(cli(run + " --export " + (dir / "fine.stl").string() + " --tolerance=0.005").status == 0);
  CHECK(fs::file_size(dir / "fine.stl") > 2 * fs::file_size(dir / "coarse.stl"));

  CHECK(cli(run + " --export " + (dir / "x.stl").string() + " --tolerance 0").status == 2);
  CHECK(cli(run + " --export " + (dir / "x.stl").string() + " --tolerance fine").status == 2);
  CHECK(cli(run + " --export " + (dir / "x.step").string() + " --stl-ascii").status == 2);
  CHECK(cli(run + " --tolerance 0.1").status == 2);
  CHECK_FALSE(fs::exists(dir / "x.stl"));
}

TEST_CASE("--render writes the requested views at the requested size", "[cli]") {
  if (!std::getenv("DISPLAY")) {
    WARN("no X display: render check skipped (run the tests under xvfb-run)");
    return;
  }
  fs::path dir = scratchDir("render");
  fs::path script = writeScript(dir, "plate.js", kPlate);
  json j = json::parse(
      cli("run " + script.string() + " --render " + (dir / "views").string() + " --views iso,top --size 320x240 --json").out);
  REQUIRE(j["ok"] == true);
  CHECK(j["outputs"].size() == 2);
  CHECK(fs::exists(dir / "views" / "iso.png"));
  CHECK(fs::exists(dir / "views" / "top.png"));
}

TEST_CASE("--per-part writes one file per shown part beside the path", "[cli]") {
  fs::path dir = scratchDir("per-part");
  fs::path script = writeScript(dir, "pillbox.js",
                                "show(cq.Workplane('XY').box(30, 20, 10), 'Base plate');\n"
                                "show(cq.Workplane('XY').box(30, 20, 2).translate([0, 0, 20]), 'lid');\n"
                                "show(cq.Workplane('XY').box(5, 5, 5).translate([40, 0, 0]), 'lid');\n");
  json j = json::parse(cli("run " + script.string() + " --export " + (dir / "box.stl").string() + " --export " +
                           (dir / "box.step").string() + " --per-part --json")
                           .out);
  REQUIRE(j["ok"] == true);
  REQUIRE(j["outputs"].size() == 6);
  CHECK_FALSE(fs::exists(dir / "box.stl"));
  // Binary STL: 84 header bytes and 50 per triangle; a box has 12. show() names the second "lid_2".
  for (const char* name : {"box-Base_plate.stl", "box-lid.stl", "box-lid_2.stl"})
    CHECK(fs::file_size(dir / name) == 84 + 12 * 50);
  auto lid = partsmith::io::StepReader().read((dir / "box-lid.step").string());
  REQUIRE(lid.size() == 1);
  CHECK(lid[0].name == "lid");

  CHECK(cli("run " + script.string() + " --per-part").status == 2);
  // One part keeps the path it was given.
  fs::path single = writeScript(dir, "one.js", "show(cq.Workplane('XY').box(3, 3, 3), 'cube');\n");
  REQUIRE(cli("run " + single.string() + " --export " + (dir / "one.stl").string() + " --per-part").status == 0);
  CHECK(fs::exists(dir / "one.stl"));
}
