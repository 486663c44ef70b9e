// Kernel results kept between runs (kernel/op_cache.h): a warm engine that reuses the
// previous run's unchanged operations must build exactly what a fresh engine builds, for
// every value a slider can move to and back.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "kernel/facts.h"
#include "kernel/shape_utils.h"
#include "script/parameter_parser.h"
#include "script/script_engine.h"
#include "test_paths.h"

using namespace partsmith;

namespace {

std::string readExample(const std::string& name) {
  std::ifstream in(test::examplesDir() + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Built {
  kernel::Facts facts;
  long long hits = 0;
};

Built build(script::ScriptEngine& engine, const std::string& source,
            const std::map<std::string, script::ParamValue>& params) {
  script::RunResult r = engine.run(source, params);
  INFO((r.errors.empty() ? std::string() : r.errors.front().message));
  REQUIRE(r.ok);
  std::vector<TopoDS_Shape> shapes;
  for (const auto& part : r.parts) shapes.push_back(part.shape);
  return {kernel::computeFacts(shapes.size() == 1 ? shapes.front() : kernel::makeCompound(shapes)), r.opCacheHits};
}

void requireSameGeometry(const kernel::Facts& warm, const kernel::Facts& fresh) {
  CHECK(warm.volume == Approx(fresh.volume).epsilon(1e-9));
  CHECK(warm.area == Approx(fresh.area).epsilon(1e-9));
  CHECK(warm.solids == fresh.solids);
  CHECK(warm.faces == fresh.faces);
  CHECK(warm.edges == fresh.edges);
  CHECK(warm.vertices == fresh.vertices);
  CHECK(warm.facesByType == fresh.facesByType);
  CHECK(warm.holes.size() == fresh.holes.size());
  CHECK(warm.valid == fresh.valid);
  CHECK(warm.closed == fresh.closed);
  for (int i = 0; i < 3; ++i) {
    CHECK(warm.bbox.min[i] == Approx(fresh.bbox.min[i]).margin(1e-7));
    CHECK(warm.bbox.max[i] == Approx(fresh.bbox.max[i]).margin(1e-7));
  }
}

// A step of each numeric parameter within its range.
std::map<std::string, script::ParamValue> nudged(const script::Parameter& p) {
  const double value = std::get<double>(p.value);
  const double step = p.step.value_or(1.0);
  double moved = value + step;
  if (p.max && moved > *p.max) moved = value - step;
  return {{p.name, moved}};
}

}  // namespace

TEST_CASE("op cache: a warm engine builds what a fresh engine builds, for every slider moved and back",
          "[script][op-cache]") {
  const char* examples[] = {"pen_holder.js",   "bolt_circle_flange.js", "rounded_plate.js", "mounting_bracket.js",
                            "box_with_lid.js", "desk_tray.js",          "pipe_clamp.js",    "hex_standoff.js"};
  script::ScriptEngine warm;
  script::ScriptEngine fresh;
  fresh.setOpCacheEnabled(false);
  for (const char* name : examples) {
    const std::string source = readExample(name);
    std::vector<script::Parameter> numeric;
    for (const auto& p : script::parseParameters(source))
      if (std::holds_alternative<double>(p.value) && numeric.size() < 5) numeric.push_back(p);
    REQUIRE(!numeric.empty());
    const Built base = build(fresh, source, {});
    build(warm, source, {});
    long long hits = 0;
    for (const auto& p : numeric) {
      INFO(name << ": " << p.name);
      const auto moved = nudged(p);
      const Built expected = build(fresh, source, moved);
      const Built there = build(warm, source, moved);
      requireSameGeometry(there.facts, expected.facts);
      const Built back = build(warm, source, {});
      requireSameGeometry(back.facts, base.facts);
      hits += there.hits + back.hits;
    }
    INFO(name);
    CHECK(hits > 0);  // every example has operations upstream of some parameter
  }
}

TEST_CASE("op cache: only what the slider changes is rebuilt", "[script][op-cache]") {
  script::ScriptEngine engine;
  const std::string source = readExample("pen_holder.js");
  script::RunResult first = engine.run(source, {});
  REQUIRE(first.ok);
  CHECK(first.opCacheHits == 0);
  // The pockets change; the block with its rounded corners (box, fillet) does not.
  script::RunResult second = engine.run(source, {{"pocket", 12.0}});
  REQUIRE(second.ok);
  CHECK(second.opCacheHits >= 2);
  CHECK(second.opCacheMisses >= 1);
  // Nothing changes: the whole model comes from the previous run.
  script::RunResult same = engine.run(source, {{"pocket", 12.0}});
  REQUIRE(same.ok);
  CHECK(same.opCacheMisses == 0);
  CHECK(same.opCacheHits >= 1);
  CHECK(kernel::shapeVolume(same.parts.front().shape) == Approx(kernel::shapeVolume(second.parts.front().shape)));

  // Off: everything is computed.
  engine.setOpCacheEnabled(false);
  script::RunResult off = engine.run(source, {{"pocket", 12.0}});
  REQUIRE(off.ok);
  CHECK(off.opCacheHits == 0);
  CHECK(off.opCacheMisses == 0);
  CHECK(kernel::shapeVolume(off.parts.front().shape) ==
        Approx(kernel::shapeVolume(second.parts.front().shape)).epsilon(1e-9));
}

TEST_CASE("op cache: a failed run in between loses nothing and keeps memory bounded", "[script][op-cache]") {
  script::ScriptEngine engine;
  const std::string source = readExample("pen_holder.js");
  REQUIRE(engine.run(source, {}).ok);
  // An oversized fillet fails after the box was built; the next good run is still right.
  script::RunResult broken = engine.run(source, {{"cornerRadius", 15.0}, {"rows", 1.0}, {"spacing", 10.0}});
  CHECK_FALSE(broken.ok);
  script::RunResult again = engine.run(source, {});
  REQUIRE(again.ok);
  script::ScriptEngine fresh;
  fresh.setOpCacheEnabled(false);
  script::RunResult reference = fresh.run(source, {});
  REQUIRE(reference.ok);
  CHECK(kernel::shapeVolume(again.parts.front().shape) ==
        Approx(kernel::shapeVolume(reference.parts.front().shape)).epsilon(1e-9));

  // Many different values: what is kept stays one run's worth.
  for (int i = 0; i < 40; ++i) REQUIRE(engine.run(source, {{"pocket", 10.0 + 0.1 * i}}).ok);
  script::RunResult last = engine.run(source, {{"pocket", 14.0}});
  REQUIRE(last.ok);
  CHECK(engine.opCacheEntries() > 0);
  CHECK(engine.opCacheEntries() <= size_t(last.opCacheHits + last.opCacheMisses));
}

TEST_CASE("op cache: equal calls in one run stay distinct shapes, run after run", "[script][op-cache]") {
  script::ScriptEngine engine;
  const std::string source =
      "const a = cq.Workplane().box(2, 2, 2), b = cq.Workplane().box(2, 2, 2);\n"
      "console.log(a.val().isSame(b.val()) ? 'same' : 'distinct');\n"
      "show(a.union(b.translate([1, 0, 0])));\n";
  for (int run = 0; run < 3; ++run) {
    INFO("run " << run);
    script::RunResult r = engine.run(source, {});
    REQUIRE(r.ok);
    REQUIRE(!r.log.empty());
    CHECK(r.log.front().find("distinct") != std::string::npos);
    CHECK(kernel::shapeVolume(r.parts.front().shape) == Approx(12.0));
    if (run > 0) CHECK(r.opCacheMisses == 0);
  }
}

TEST_CASE("engines prepared ahead, while the previous run executes: fresh for every run, optional modules load",
          "[script][prepare-ahead]") {
  script::ScriptEngine engine;
  engine.prepareNext();
  script::RunResult first = engine.run("globalThis.leak = 41; show(cq.Workplane().box(1, 2, 3));\n", {});
  REQUIRE(first.ok);
  engine.prepareNext();
  script::RunResult second = engine.run("console.log(typeof leak); show(cq.Workplane().box(1, 1, 1));\n", {});
  REQUIRE(second.ok);
  REQUIRE(!second.log.empty());
  CHECK(second.log.front().find("undefined") != std::string::npos);
  engine.prepareNext();
  // `parts` and the Sketch API load on top of the prepared prelude.
  script::RunResult parts = engine.run(
      "const s = cq.Sketch().rect(10, 6);\n"
      "const m3 = parts.metricThread ? 'ok' : 'ok';\n"
      "show(cq.Workplane().placeSketch(s).extrude(2));\n",
      {});
  INFO((parts.errors.empty() ? std::string() : parts.errors.front().message));
  REQUIRE(parts.ok);
  CHECK(kernel::shapeVolume(parts.parts.front().shape) == Approx(120.0));
  engine.prepareNext();
  // The engine of a run is built while the run before it executes: after a run that takes a
  // while, the next one finds its engine ready and waits for nothing.
  script::RunResult slow =
      engine.run("const t0 = Date.now(); while (Date.now() - t0 < 400) {}\nshow(cq.Workplane().box(1, 1, 1));\n", {});
  REQUIRE(slow.ok);
  script::RunResult next = engine.run("show(cq.Workplane().box(2, 2, 2));\n", {});
  REQUIRE(next.ok);
  CHECK(next.engineWaitMs == 0);
  engine.prepareNext();
  // Errors still point at the script's own lines.
  script::RunResult broken = engine.run("const a = 1;\nshow(cq.Workplane().box(1, 1));\n", {});
  REQUIRE_FALSE(broken.ok);
  CHECK(broken.errors.front().line == 2);
}
