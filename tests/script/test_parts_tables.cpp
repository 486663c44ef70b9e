// The parts library's standard tables pinned against published tables: a sample of rows per
// table, each block naming the source it was checked against. A failing row means the table
// (src/script/parts_*.js) drifted from the standard.
#include <catch2/catch.hpp>

#include "test_parts_support.h"

using namespace partsmith;
using namespace partsmith::test;

namespace {

nlohmann::json tables() {
  static const nlohmann::json v = loggedJson(runOk(
      "const sizes = ['M1.6', 'M2', 'M2.5', 'M3', 'M4', 'M5', 'M6', 'M8', 'M10', 'M12', 'M14', 'M16', 'M18', 'M20', 'M22', 'M24'];\n"
      "const has = (kind, s) => parts.holes.sizes(kind).indexOf(s) >= 0;\n"
      "const out = {};\n"
      "for (const s of sizes) {\n"
      "  out[s] = {pitch: parts.holes.pitch(s), tap: parts.holes.tapDrill(s),\n"
      "    clearance: ['close', 'normal', 'loose'].map((fit) => parts.holes.clearance(s, {fit: fit}))};\n"
      "  if (has('counterbore', s)) out[s].screw = parts.fasteners.screwSpec(s);\n"
      "  if (has('countersink', s)) out[s].csk = parts.holes.countersink(s);\n"
      "  if (has('nutTrap', s)) out[s].nut = parts.fasteners.nutSpec(s);\n"
      "  if (has('washer', s)) out[s].washer = parts.holes.washer(s);\n"
      "}\n"
      "out.boards = ['rpi4b', 'rpizero2w', 'arduinouno', 'esp32devkitc'].map((b) => parts.boards.get(b));\n"
      "console.log(JSON.stringify(out));\n"
      "show(cq.Workplane().box(1, 1, 1));\n"));
  return v;
}

double num(const nlohmann::json& v) { return v.get<double>(); }

}  // namespace

TEST_CASE("ISO 273 clearance holes (close / normal / loose)", "[parts][tables]") {
  // engineeringhardware.com/?p=50 "Clearance Hole Sizes conform to ISO 273" (fine H12 /
  // medium H13 / coarse H14), rows M1.6 to M16.
  const struct { const char* size; double close, normal, loose; } rows[] = {
      {"M1.6", 1.7, 1.8, 2.0}, {"M2", 2.2, 2.4, 2.6},   {"M2.5", 2.7, 2.9, 3.1}, {"M3", 3.2, 3.4, 3.6},
      {"M4", 4.3, 4.5, 4.8},   {"M5", 5.3, 5.5, 5.8},   {"M6", 6.4, 6.6, 7.0},   {"M8", 8.4, 9.0, 10.0},
      {"M10", 10.5, 11.0, 12.0}, {"M12", 13.0, 13.5, 14.5}, {"M14", 15.0, 15.5, 16.5}, {"M16", 17.0, 17.5, 18.5}};
  const auto t = tables();
  for (const auto& r : rows) {
    INFO(r.size);
    const auto& c = t[r.size]["clearance"];
    CHECK(num(c[0]) == Approx(r.close));
    CHECK(num(c[1]) == Approx(r.normal));
    CHECK(num(c[2]) == Approx(r.loose));
  }
}

TEST_CASE("metric coarse pitches and tap drills", "[parts][tables]") {
  // Pitches: the ISO 4762 size table of engineeringhardware.com/?p=12 (pitch column, M1.6 to
  // M24). Tap drill = d - P ("subtract the pitch of the tap from the diameter",
  // yakmetric.tripod.com/technical_info_.htm); aimsindustrial.com.au's metric coarse chart
  // lists M3 2.5, M4 3.3, M5 4.2, M6 5.0, M10 8.5, M16 14.0, M20 17.5, M24 21.0 (and the
  // rounded workshop drills 6.8 for M8, 10.2 for M12).
  const struct { const char* size; double pitch, tap; } rows[] = {
      {"M1.6", 0.35, 1.25}, {"M2", 0.4, 1.6},   {"M2.5", 0.45, 2.05}, {"M3", 0.5, 2.5},   {"M4", 0.7, 3.3},
      {"M5", 0.8, 4.2},     {"M6", 1.0, 5.0},   {"M8", 1.25, 6.75},   {"M10", 1.5, 8.5},  {"M12", 1.75, 10.25},
      {"M14", 2.0, 12.0},   {"M16", 2.0, 14.0}, {"M18", 2.5, 15.5},   {"M20", 2.5, 17.5}, {"M22", 2.5, 19.5},
      {"M24", 3.0, 21.0}};
  const auto t = tables();
  for (const auto& r : rows) {
    INFO(r.size);
    CHECK(num(t[r.size]["pitch"]) == Approx(r.pitch));
    CHECK(num(t[r.size]["tap"]) == Approx(r.tap));
  }
}

TEST_CASE("ISO 4762 socket head cap screws", "[parts][tables]") {
  // engineeringhardware.com/?p=12 "Socket Head Cap Screws (ISO 4762 / DIN 912)": head diameter
  // dk, head height k, hex key s, socket depth t min.
  const struct { const char* size; double dk, k, s, t; } rows[] = {
      {"M1.6", 3.0, 1.6, 1.5, 0.7}, {"M2", 3.8, 2.0, 1.5, 1.0},    {"M2.5", 4.5, 2.5, 2.0, 1.1},
      {"M3", 5.5, 3.0, 2.5, 1.3},   {"M4", 7.0, 4.0, 3.0, 2.0},    {"M5", 8.5, 5.0, 4.0, 2.5},
      {"M6", 10.0, 6.0, 5.0, 3.0},  {"M8", 13.0, 8.0, 6.0, 4.0},   {"M10", 16.0, 10.0, 8.0, 5.0},
      {"M12", 18.0, 12.0, 10.0, 6.0}, {"M16", 24.0, 16.0, 14.0, 8.0}, {"M20", 30.0, 20.0, 17.0, 10.0},
      {"M24", 36.0, 24.0, 19.0, 12.0}};
  const auto t = tables();
  for (const auto& r : rows) {
    INFO(r.size);
    const auto& screw = t[r.size]["screw"];
    CHECK(num(screw["headDiameter"]) == Approx(r.dk));
    CHECK(num(screw["headHeight"]) == Approx(r.k));
    CHECK(num(screw["socket"]) == Approx(r.s));
    CHECK(num(screw["socketDepth"]) == Approx(r.t));
  }
}

TEST_CASE("ISO 10642 countersunk heads", "[parts][tables]") {
  // EN ISO 10642 (DIN 7991) table on scribd.com/document/342214778 (dk theoretical max, k max),
  // the same numbers as joshuanava.biz's "ISO metric hexagon socket countersunk head screws"
  // table (A maximum, head depth H).
  const struct { const char* size; double dk, k; } rows[] = {
      {"M3", 6.72, 1.86},   {"M4", 8.96, 2.48},   {"M5", 11.20, 3.10},  {"M6", 13.44, 3.72}, {"M8", 17.92, 4.96},
      {"M10", 22.40, 6.20}, {"M12", 26.88, 7.44}, {"M16", 33.60, 8.80}, {"M20", 40.32, 10.16}};
  const auto t = tables();
  for (const auto& r : rows) {
    INFO(r.size);
    const auto& csk = t[r.size]["csk"];
    CHECK(num(csk["headDiameter"]) == Approx(r.dk));
    CHECK(num(csk["headHeight"]) == Approx(r.k));
    CHECK(num(csk["cskAngle"]) == Approx(90));
  }
}

TEST_CASE("ISO 4032 hex nuts", "[parts][tables]") {
  // BS EN ISO 4032:2001 table 1 (preferred sizes) on engineersedge.com
  // (bs_en_iso_4032_hexagon_nuts__14571): s nominal = max, m max, e min.
  const struct { const char* size; double s, m, e; } rows[] = {
      {"M1.6", 3.2, 1.3, 3.41},  {"M2", 4.0, 1.6, 4.32},    {"M2.5", 5.0, 2.0, 5.45},  {"M3", 5.5, 2.4, 6.01},
      {"M4", 7.0, 3.2, 7.66},    {"M5", 8.0, 4.7, 8.79},    {"M6", 10.0, 5.2, 11.05},  {"M8", 13.0, 6.8, 14.38},
      {"M10", 16.0, 8.4, 17.77}, {"M12", 18.0, 10.8, 20.03}, {"M16", 24.0, 14.8, 26.75}, {"M20", 30.0, 18.0, 32.95},
      {"M24", 36.0, 21.5, 39.55}};
  const auto t = tables();
  for (const auto& r : rows) {
    INFO(r.size);
    const auto& nut = t[r.size]["nut"];
    CHECK(num(nut["acrossFlats"]) == Approx(r.s));
    CHECK(num(nut["height"]) == Approx(r.m));
    CHECK(num(nut["acrossCorners"]) == Approx(r.e));
  }
}

TEST_CASE("ISO 7089 plain washers", "[parts][tables]") {
  // engineeringhardware.com/guide/standard/iso-7089-cad-svg-086-washer/ (ISO 7089 / GB/T 97.1):
  // inner d1, outer d2, thickness, rows M3 to M24.
  const struct { const char* size; double d1, d2, h; } rows[] = {
      {"M3", 3.2, 7.0, 0.5},    {"M4", 4.3, 9.0, 0.8},    {"M5", 5.3, 10.0, 1.0},   {"M6", 6.4, 12.0, 1.6},
      {"M8", 8.4, 16.0, 1.6},   {"M10", 10.5, 20.0, 2.0}, {"M12", 13.0, 24.0, 2.5}, {"M14", 15.0, 28.0, 2.5},
      {"M16", 17.0, 30.0, 3.0}, {"M20", 21.0, 37.0, 3.0}, {"M24", 25.0, 44.0, 4.0}};
  const auto t = tables();
  for (const auto& r : rows) {
    INFO(r.size);
    const auto& w = t[r.size]["washer"];
    CHECK(num(w["d1"]) == Approx(r.d1));
    CHECK(num(w["d2"]) == Approx(r.d2));
    CHECK(num(w["h"]) == Approx(r.h));
  }
}

TEST_CASE("board outlines and mounting holes", "[parts][tables]") {
  const auto boards = tables()["boards"];
  REQUIRE(boards.size() == 4);

  // Raspberry Pi 4 Model B: 85 x 56 board, holes 2.7 mm for M2.5 on a 58 x 49 rectangle 3.5 mm
  // from two adjacent edges (kapycad.com/en/learn/standards/raspberry-pi; the same pattern and
  // outline on osban.se's "Raspberry Pi 3 / 4 / 5 mounting dimensions").
  const auto& pi = boards[0];
  CHECK(num(pi["width"]) == 85);
  CHECK(num(pi["height"]) == 56);
  CHECK(num(pi["holeDiameter"]) == Approx(2.7));
  CHECK(pi["screw"] == "M2.5");
  const double piHoles[4][2] = {{3.5, 3.5}, {61.5, 3.5}, {3.5, 52.5}, {61.5, 52.5}};
  for (int i = 0; i < 4; ++i) {
    CHECK(num(pi["holes"][i][0]) == Approx(piHoles[i][0]));
    CHECK(num(pi["holes"][i][1]) == Approx(piHoles[i][1]));
  }

  // Raspberry Pi Zero 2 W: 65 x 30 form factor (etechnophiles.com's Zero 2 W specifications).
  const auto& zero = boards[1];
  CHECK(num(zero["width"]) == 65);
  CHECK(num(zero["height"]) == 30);

  // Arduino UNO: three of the four holes at the Diecimila-class coordinates softsolder.com
  // measured on the Eagle layout (inch grid, origin at the lower-left corner below the power
  // jack): (0.6, 2.0), (2.6, 0.3), (2.6, 1.4) inch.
  const auto& uno = boards[2];
  const double unoHoles[3][2] = {{0.6 * 25.4, 2.0 * 25.4}, {2.6 * 25.4, 0.3 * 25.4}, {2.6 * 25.4, 1.4 * 25.4}};
  for (const auto& h : unoHoles) {
    bool found = false;
    for (const auto& p : uno["holes"])
      found = found || (std::abs(num(p[0]) - h[0]) < 1e-9 && std::abs(num(p[1]) - h[1]) < 1e-9);
    INFO("UNO hole at " << h[0] << ", " << h[1]);
    CHECK(found);
  }
  CHECK(num(uno["holeDiameter"]) == Approx(3.2));

  // ESP32-DevKitC V4: 27.9 x 56.628 outline in Wokwi's board definition
  // (wokwi-boards/boards/esp32-devkit-c-v4/board.json); the board has no mounting holes.
  const auto& esp = boards[3];
  CHECK(num(esp["width"]) == Approx(27.9));
  CHECK(num(esp["height"]) == Approx(56.63).margin(0.005));
  CHECK(esp["holes"].empty());
}
