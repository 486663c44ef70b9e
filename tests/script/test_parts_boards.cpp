// parts.boards, parts.vents and parts.snapFit: footprints, standoffs, cut-outs, vent patterns
// and the snap-fit hook, measured on the results.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "kernel/hole_finder.h"
#include "test_parts_support.h"

using namespace partsmith;
using namespace partsmith::test;

TEST_CASE("board footprints carry the drawings' holes", "[parts][boards]") {
  auto r = runOk(
      "console.log(JSON.stringify(['rpi4b', 'Raspberry Pi Zero 2 W', 'arduino uno', 'esp32devkitc'].map((n) => parts.boards.get(n))));\n"
      "show(cq.Workplane().box(1, 1, 1));\n");
  auto v = loggedJson(r);
  REQUIRE(v.size() == 4);
  auto pi = v[0];
  CHECK(pi["width"] == 85);
  CHECK(pi["height"] == 56);
  CHECK(pi["holes"].size() == 4);
  CHECK(pi["holes"][1][0].get<double>() - pi["holes"][0][0].get<double>() == Approx(58));
  CHECK(pi["holes"][2][1].get<double>() - pi["holes"][0][1].get<double>() == Approx(49));
  CHECK(pi["holes"][0][0] == 3.5);
  CHECK(pi["screw"] == "M2.5");
  auto zero = v[1];
  CHECK(zero["width"] == 65);
  CHECK(zero["height"] == 30);
  CHECK(zero["holes"][1][0].get<double>() - zero["holes"][0][0].get<double>() == Approx(58));
  CHECK(zero["holes"][2][1].get<double>() - zero["holes"][0][1].get<double>() == Approx(23));
  auto uno = v[2];
  CHECK(uno["width"] == Approx(68.58));
  CHECK(uno["height"] == Approx(53.34));
  const double unoHoles[4][2] = {{13.97, 2.54}, {15.24, 50.8}, {66.04, 7.62}, {66.04, 35.56}};
  for (int i = 0; i < 4; ++i) {
    CHECK(uno["holes"][i][0].get<double>() == Approx(unoHoles[i][0]));
    CHECK(uno["holes"][i][1].get<double>() == Approx(unoHoles[i][1]));
  }
  CHECK(v[3]["holes"].empty());
}

TEST_CASE("standoffs sit under the holes with the screw's tap drill", "[parts][boards]") {
  auto r = runOk(
      "show(parts.boards.standoffs('rpi4b', {height: 6}), 'posts');\n"
      "show(parts.boards.standoffs('arduinouno', {hole: 'insert', height: 8}), 'uno');\n");
  const auto& posts = r.parts[0].shape;
  auto facts = kernel::computeFacts(posts);
  CHECK(facts.solids == 4);
  CHECK(facts.bbox.min[0] == Approx(3.5 - 2.7));  // diameter 2 x hole 5.4 around the holes
  CHECK(facts.bbox.max[0] == Approx(61.5 + 2.7));
  CHECK(facts.bbox.min[2] == Approx(-6));
  CHECK(facts.bbox.max[2] == Approx(0).margin(1e-9));
  auto holes = kernel::HoleFinder::find(posts);
  REQUIRE(holes.size() == 4);
  for (const auto& h : holes) {
    CHECK(h.diameter == Approx(2.05));  // M2.5 tap drill 2.5 - 0.45
    CHECK(h.depth == Approx(6));
  }
  auto unoHoles = kernel::HoleFinder::find(r.parts[1].shape);
  REQUIRE(unoHoles.size() == 4);
  for (const auto& h : unoHoles) {
    CHECK(h.diameter == Approx(4.0));  // M3 heat-set insert
    CHECK(h.depth == Approx(6.2));
  }
  auto err = runScript("parts.boards.standoffs('esp32devkitc');");
  CHECK(firstError(err).message == "parts.boards.standoffs: ESP32-DevKitC V4 has no mounting holes");
  err = runScript("parts.boards.get('rpi5');");
  CHECK(firstError(err).message == "parts.boards.get: unknown board 'rpi5' \xE2\x80\x94 known boards: rpi4b, rpizero2w, arduinouno, esp32devkitc");
}

TEST_CASE("connector cut-outs stand at the drawing's positions", "[parts][boards]") {
  auto r = runOk(
      "show(parts.boards.cutouts('rpi4b', {only: 'usbc', clearance: 0.5, depth: 10, inset: 2}), 'usbc');\n"
      "show(parts.boards.cutouts('rpi4b', {only: ['ethernet'], z: 1.5}), 'eth');\n"
      "show(parts.boards.cutouts('rpi4b'), 'all');\n");
  auto usbc = bboxOf(r.parts[0].shape);
  CHECK((usbc.min[0] + usbc.max[0]) / 2 == Approx(11.2));
  CHECK(usbc.size()[0] == Approx(10.0));
  CHECK(usbc.min[1] == Approx(-10));
  CHECK(usbc.max[1] == Approx(2));
  CHECK(usbc.min[2] == Approx(-0.5));
  CHECK(usbc.size()[2] == Approx(4.3));
  auto eth = bboxOf(r.parts[1].shape);
  CHECK((eth.min[1] + eth.max[1]) / 2 == Approx(45.75));
  CHECK(eth.max[0] == Approx(95));
  CHECK(eth.min[2] == Approx(1.0));
  CHECK(kernel::computeFacts(r.parts[2].shape).solids == 7);
  auto err = runScript("parts.boards.cutouts('rpi4b', {only: 'hdmi'});");
  CHECK(firstError(err).message.find("unknown connector 'hdmi' \xE2\x80\x94 Raspberry Pi 4 Model B has: usbc, hdmi0") !=
        std::string::npos);
}

TEST_CASE("vent patterns stay inside their area", "[parts][vents]") {
  auto r = runOk(
      "show(parts.vents.slots({width: 40, height: 20, depth: 3}), 'slots');\n"
      "show(parts.vents.slots({width: 40, height: 20, depth: 3, slotWidth: 3, gap: 1.5, orientation: 'horizontal'}), 'h');\n"
      "show(parts.vents.hexGrid({width: 40, height: 30, depth: 2, cell: 5, wall: 1.2}), 'hex');\n"
      "show(cq.Workplane('XY').box(50, 40, 2, {centered: [true, true, false]}).cut(parts.vents.hexGrid({width: 40, height: 30, depth: 2})), 'panel');\n");
  auto slots = kernel::computeFacts(r.parts[0].shape);
  CHECK(slots.solids == 10);  // floor((40 + 2) / (2 + 2))
  CHECK(slots.bbox.size()[1] == Approx(20));
  CHECK(slots.bbox.size()[0] == Approx(10 * 2 + 9 * 2));
  CHECK(slots.bbox.size()[2] == Approx(3));
  const double slotArea = 18 * 2 + M_PI;  // straight part + two half circles of diameter 2
  CHECK(slots.volume == Approx(10 * slotArea * 3).epsilon(1e-6));
  auto h = kernel::computeFacts(r.parts[1].shape);
  CHECK(h.solids == 4);  // floor((20 + 1.5) / 4.5)
  CHECK(h.bbox.size()[0] == Approx(40));
  auto hex = kernel::computeFacts(r.parts[2].shape);
  CHECK(hex.bbox.size()[0] <= 40 + 1e-6);
  CHECK(hex.bbox.size()[1] <= 30 + 1e-6);
  const double cellArea = 5.0 * 5.0 * std::sqrt(3) / 2;
  CHECK(hex.volume == Approx(hex.solids * cellArea * 2).epsilon(1e-6));
  // columns: floor((40 - 5.7735) / (6.2 cos 30)) + 1 = 7; 5 rows in even columns (|y| <= 12.5, pitch 6.2),
  // 4 in odd ones (3.1 + k 6.2)
  CHECK(hex.solids == 4 * 5 + 3 * 4);
  CHECK(kernel::computeFacts(r.parts[3].shape).volume == Approx(50 * 40 * 2 - hex.volume).epsilon(1e-6));
}

TEST_CASE("the cantilever snap-fit follows the beam formulas", "[parts][snapfit]") {
  auto r = runOk(
      "show(parts.snapFit.cantilever({length: 15, thickness: 1.5, width: 6, hookDepth: 1, angle: 30}));\n"
      "console.log(JSON.stringify(parts.snapFit.design({length: 15, thickness: 1.5, width: 6, strain: 0.025, modulus: 2100, friction: 0.5, angle: 30})));\n");
  auto facts = kernel::computeFacts(r.parts[0].shape);
  CHECK(facts.bbox.size()[0] == Approx(2.5));
  CHECK(facts.bbox.size()[1] == Approx(6));
  CHECK(facts.bbox.min[2] == Approx(0).margin(1e-9));
  const double ramp = 1 / std::tan(30 * M_PI / 180);
  CHECK(facts.bbox.max[2] == Approx(15 + ramp));
  CHECK(facts.volume == Approx((1.5 * (15 + ramp) + 0.5 * 1 * ramp) * 6).epsilon(1e-9));
  auto v = loggedJson(r);
  CHECK(v["maxDeflection"] == Approx(0.67 * 0.025 * 225 / 1.5));
  const double P = 6 * 1.5 * 1.5 / 6 * 2100 * 0.025 / 15;
  CHECK(v["deflectionForce"] == Approx(P).margin(1e-4));
  const double t = std::tan(30 * M_PI / 180);
  CHECK(v["matingForce"] == Approx(P * (0.5 + t) / (1 - 0.5 * t)).margin(1e-4));
  auto err = runScript("parts.snapFit.cantilever({length: 10, thickness: 2, width: 5, hookDepth: 2, strain: 0.02});");
  CHECK(firstError(err).message == "parts.snapFit.cantilever: hookDepth 2 exceeds the permissible deflection 0.67 mm for strain 0.02");
}

TEST_CASE("every example of the LLM-facing parts reference runs", "[parts][reference]") {
  std::ifstream file(std::string(PARTSMITH_SOURCE_DIR) + "/prompts/reference/parts.md");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  const std::string doc = text.str();
  int examples = 0;
  for (size_t at = doc.find("```js\n"); at != std::string::npos; at = doc.find("```js\n", at)) {
    const size_t begin = at + 6, end = doc.find("```", begin);
    REQUIRE(end != std::string::npos);
    std::string code = doc.substr(begin, end - begin);
    // Show the example's last declared variable.
    const size_t c = code.rfind("const "), l = code.rfind("let ");
    const size_t decl = c == std::string::npos ? l : (l == std::string::npos ? c : std::max(c, l));
    REQUIRE(decl != std::string::npos);
    const size_t nameBegin = code.find(' ', decl) + 1;
    const std::string name = code.substr(nameBegin, code.find_first_of(" =", nameBegin) - nameBegin);
    auto r = runScript(code + "show(" + name + ");\n");
    INFO(code);
    INFO(firstError(r).message);
    CHECK(r.ok);
    ++examples;
    at = end + 3;
  }
  CHECK(examples == 5);
}
