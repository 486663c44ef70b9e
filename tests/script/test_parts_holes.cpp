// parts.holes and parts.fasteners: the standard numbers, the error messages, and the holes and
// solids the builders make, measured on the result.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kernel/hole_finder.h"
#include "test_parts_support.h"

using namespace partsmith;
using namespace partsmith::test;

TEST_CASE("ISO 273 clearance holes by fit", "[parts][holes]") {
  auto r = runOk(
      "console.log(JSON.stringify([parts.holes.clearance('M3'), parts.holes.clearance('M3', {fit: 'close'}),\n"
      "  parts.holes.clearance('M3', {fit: 'loose'}), parts.holes.clearance('M8', {fit: 'fine'}),\n"
      "  parts.holes.clearance(2.5), parts.holes.clearance('m24', {fit: 'coarse'}), parts.holes.clearance('M1.6'),\n"
      "  parts.holes.clearance('M12', {fit: 'medium'})]));\n"
      "show(cq.Workplane().box(1, 1, 1));\n");
  auto v = loggedJson(r);
  CHECK(v[0] == Approx(3.4));
  CHECK(v[1] == Approx(3.2));
  CHECK(v[2] == Approx(3.6));
  CHECK(v[3] == Approx(8.4));
  CHECK(v[4] == Approx(2.9));
  CHECK(v[5] == Approx(28.0));
  CHECK(v[6] == Approx(1.8));
  CHECK(v[7] == Approx(13.5));
}

TEST_CASE("tap drills are d - P for ISO 261 coarse pitches", "[parts][holes]") {
  auto r = runOk(
      "console.log(JSON.stringify(['M2', 'M2.5', 'M3', 'M4', 'M5', 'M6', 'M8', 'M10', 'M12', 'M20'].map(\n"
      "  (s) => [parts.holes.tapDrill(s), parts.holes.pitch(s)])));\n"
      "show(cq.Workplane().box(1, 1, 1));\n");
  auto v = loggedJson(r);
  const double expected[][2] = {{1.6, 0.4}, {2.05, 0.45}, {2.5, 0.5}, {3.3, 0.7}, {4.2, 0.8},
                                {5.0, 1.0}, {6.75, 1.25}, {8.5, 1.5}, {10.25, 1.75}, {17.5, 2.5}};
  REQUIRE(v.size() == 10);
  for (size_t i = 0; i < 10; ++i) {
    CHECK(v[i][0].get<double>() == Approx(expected[i][0]));
    CHECK(v[i][1].get<double>() == Approx(expected[i][1]));
  }
}

TEST_CASE("counterbore, countersink, insert, nut trap and washer numbers", "[parts][holes]") {
  auto r = runOk(
      "console.log(JSON.stringify({cb: parts.holes.counterbore('M3'), cb8: parts.holes.counterbore('M8', {fit: 'close', cboreClearance: 0.6}),\n"
      "  cs: parts.holes.countersink('M4'), ins: parts.holes.insert('M3'), insShort: parts.holes.insert('M3', {variant: 'short'}),\n"
      "  ins5: parts.holes.insert('M5'), nut: parts.holes.nutTrap('M3'), nut0: parts.holes.nutTrap('M8', {clearance: 0}),\n"
      "  w: parts.holes.washer('M8'), w3: parts.holes.washer('M3')}));\n"
      "show(cq.Workplane().box(1, 1, 1));\n");
  auto v = loggedJson(r);
  CHECK(v["cb"]["diameter"] == Approx(3.4));
  CHECK(v["cb"]["headDiameter"] == Approx(5.5));  // ISO 4762 dk max
  CHECK(v["cb"]["headHeight"] == Approx(3.0));    // ISO 4762 k max
  CHECK(v["cb"]["cboreDiameter"] == Approx(6.5));
  CHECK(v["cb"]["cboreDepth"] == Approx(3.5));
  CHECK(v["cb8"]["diameter"] == Approx(8.4));
  CHECK(v["cb8"]["cboreDiameter"] == Approx(13.6));
  CHECK(v["cb8"]["cboreDepth"] == Approx(8.5));
  CHECK(v["cs"]["diameter"] == Approx(4.5));
  CHECK(v["cs"]["cskDiameter"] == Approx(8.96));  // ISO 10642 dk theoretical
  CHECK(v["cs"]["cskAngle"] == Approx(90));
  CHECK(v["cs"]["headHeight"] == Approx(2.48));
  CHECK(v["ins"]["diameter"] == Approx(4.0));
  CHECK(v["ins"]["depth"] == Approx(6.2));
  CHECK(v["insShort"]["depth"] == Approx(4.5));
  CHECK(v["ins5"]["diameter"] == Approx(6.4));
  CHECK(v["nut"]["acrossFlats"] == Approx(5.7));   // ISO 4032 s 5.5 + 0.2
  CHECK(v["nut"]["depth"] == Approx(2.6));         // m 2.4 + 0.2
  CHECK(v["nut"]["acrossCorners"] == Approx(5.7 / std::cos(M_PI / 6)));
  CHECK(v["nut0"]["acrossFlats"] == Approx(13.0));
  CHECK(v["nut0"]["depth"] == Approx(6.8));
  CHECK(v["w"]["d1"] == Approx(8.4));
  CHECK(v["w"]["d2"] == Approx(16.0));
  CHECK(v["w"]["h"] == Approx(1.6));
  CHECK(v["w3"]["d2"] == Approx(7.0));
}

TEST_CASE("unknown sizes list the known ones; bad options are named", "[parts][holes]") {
  auto r = runScript("parts.holes.clearance('M7');");
  CHECK(firstError(r).message ==
        "parts.holes.clearance: unknown size 'M7' \xE2\x80\x94 known sizes: M1.6, M2, M2.5, M3, M4, M5, M6, M8, M10, "
        "M12, M14, M16, M18, M20, M22, M24");
  CHECK(firstError(r).line == 1);
  r = runScript("parts.holes.clearance('M3', {fitt: 'close'});");
  CHECK(firstError(r).message == "parts.holes.clearance: unknown option 'fitt' \xE2\x80\x94 did you mean 'fit'?");
  r = runScript("parts.holes.clearance('M3', {fit: 'snug'});");
  CHECK(firstError(r).message.find("fit must be one of 'close', 'normal', 'loose'") != std::string::npos);
  r = runScript("parts.holes.countersink('M2');");
  CHECK(firstError(r).message.find("known sizes: M3, M4, M5, M6, M8, M10, M12, M16, M20") != std::string::npos);
  r = runScript("parts.holes.insert('M3', {variant: 'long'});");
  CHECK(firstError(r).message == "parts.holes.insert: variant must be one of 'standard', 'short', got 'long'");
  r = runScript("parts.holes.counterboreHole(5, 'M3');");
  CHECK(firstError(r).message.find("parts.holes.counterboreHole: the first argument must be a Workplane") == 0);
}

TEST_CASE("hole builders cut the standard holes at the workplane's points", "[parts][holes]") {
  auto r = runOk(
      "let plate = cq.Workplane('XY').box(40, 20, 10);\n"
      "plate = parts.holes.counterboreHole(plate.faces('>Z').workplane().pushPoints([[-12, 0], [12, 0]]), 'M3');\n"
      "plate = parts.holes.clearanceHole(plate.faces('<Z').workplane().pushPoints([[0, 5]]), 'M4', {fit: 'close'});\n"
      "plate = parts.holes.tapHole(plate.faces('>Z').workplane().pushPoints([[0, 5]]), 'M5', {depth: 6});\n"
      "show(plate);\n");
  auto holes = kernel::HoleFinder::find(r.parts[0].shape);
  auto count = [&](double d) {
    return std::count_if(holes.begin(), holes.end(), [&](const kernel::HoleFact& h) { return std::abs(h.diameter - d) < 1e-3; });
  };
  CHECK(count(3.4) == 2);  // M3 normal through the counterbores
  CHECK(count(6.5) == 2);  // counterbores dk 5.5 + 1
  CHECK(count(4.3) == 1);  // M4 close
  CHECK(count(4.2) == 1);  // M5 tap drill
  for (const auto& h : holes) {
    if (std::abs(h.diameter - 6.5) < 1e-3) CHECK(h.depth == Approx(3.5));
    if (std::abs(h.diameter - 4.2) < 1e-3) CHECK(h.depth == Approx(6.0).margin(1e-3));
  }
}

TEST_CASE("countersink and insert holes, nut trap pockets and cutters", "[parts][holes]") {
  auto r = runOk(
      "let plate = cq.Workplane('XY').box(40, 20, 10);\n"
      "plate = parts.holes.countersinkHole(plate.faces('>Z').workplane().pushPoints([[-10, 0]]), 'M5');\n"
      "plate = parts.holes.insertHole(plate.faces('>Z').workplane().pushPoints([[10, 0]]), 'M3');\n"
      "plate = parts.holes.nutTrapHole(plate.faces('<Z').workplane().pushPoints([[0, 0]]), 'M4');\n"
      "show(plate, 'plate');\n"
      "show(parts.holes.nutTrapCutter('M3'), 'cutter');\n"
      "show(parts.holes.nutTrapCutter('M3', {boltLength: 10, clearance: 0}), 'bolted');\n");
  REQUIRE(r.parts.size() == 3);
  auto holes = kernel::HoleFinder::find(r.parts[0].shape);
  bool sawInsert = false, sawCsk = false;
  for (const auto& h : holes) {
    if (std::abs(h.diameter - 4.0) < 1e-3) { sawInsert = true; CHECK(h.depth == Approx(6.2).margin(1e-3)); }
    if (std::abs(h.diameter - 5.5) < 1e-3) sawCsk = true;
  }
  CHECK(sawInsert);
  CHECK(sawCsk);
  // The countersink: the plate lost a 90-degree cone of top diameter 11.2 over the 5.5 hole.
  // The hex pocket (M4: s 7.2 with clearance, depth 3.4) cut from below: volume check.
  const double box = 40 * 20 * 10;
  const double hexArea = 7.2 * 7.2 * std::sqrt(3) / 2;
  const double insertVol = M_PI * 2.0 * 2.0 * 6.2;
  const double cskThrough = M_PI * 2.75 * 2.75 * 10;
  const double rTop = 11.2 / 2, rHole = 2.75, hCone = rTop - rHole;
  const double cone = M_PI * hCone / 3 * (rTop * rTop + rTop * rHole + rHole * rHole) - M_PI * rHole * rHole * hCone;
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(box - hexArea * 3.4 - insertVol - cskThrough - cone).epsilon(1e-4));

  auto cutter = bboxOf(r.parts[1].shape);
  CHECK(cutter.size()[1] == Approx(5.7).margin(1e-6));  // flats parallel to X
  CHECK(cutter.size()[0] == Approx(5.7 / std::cos(M_PI / 6)).margin(1e-6));
  CHECK(cutter.min[2] == Approx(0).margin(1e-9));
  CHECK(cutter.max[2] == Approx(2.6));
  auto bolted = bboxOf(r.parts[2].shape);
  CHECK(bolted.min[2] == Approx(-10));
  CHECK(bolted.max[2] == Approx(2.4));
}

TEST_CASE("fastener models have the ISO 4762, ISO 4032 and ISO 7089 dimensions", "[parts][fasteners]") {
  auto r = runOk(
      "show(parts.fasteners.socketHeadCapScrew('M3', 10), 'screw');\n"
      "show(parts.fasteners.hexNut('M8'), 'nut');\n"
      "show(parts.fasteners.washer('M6'), 'washer');\n"
      "console.log(JSON.stringify([parts.fasteners.screwSpec('M5'), parts.fasteners.nutSpec('M10')]));\n");
  REQUIRE(r.parts.size() == 3);
  auto screw = bboxOf(r.parts[0].shape);
  CHECK(screw.min[2] == Approx(-10));
  CHECK(screw.max[2] == Approx(3.0));
  CHECK(screw.size()[0] == Approx(5.5));
  // head - socket (hexagon s 2.5, depth t 1.3) + shank
  const double screwVol = M_PI * 2.75 * 2.75 * 3 - 2.5 * 2.5 * std::sqrt(3) / 2 * 1.3 + M_PI * 1.5 * 1.5 * 10;
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(screwVol).epsilon(1e-6));
  auto nut = bboxOf(r.parts[1].shape);
  CHECK(nut.size()[1] == Approx(13.0));
  CHECK(nut.size()[2] == Approx(6.8));
  CHECK(kernel::shapeVolume(r.parts[1].shape) == Approx((13.0 * 13.0 * std::sqrt(3) / 2 - M_PI * 16) * 6.8).epsilon(1e-6));
  CHECK(kernel::shapeVolume(r.parts[2].shape) == Approx(M_PI * (36 - 3.2 * 3.2) * 1.6).epsilon(1e-6));
  auto v = loggedJson(r);
  CHECK(v[0]["headDiameter"] == Approx(8.5));
  CHECK(v[0]["socket"] == Approx(4.0));
  CHECK(v[1]["acrossFlats"] == Approx(16.0));
  CHECK(v[1]["height"] == Approx(8.4));
}
