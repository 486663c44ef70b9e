// parts.threads: diameters, length, pitch and flank angle measured by intersecting the helical
// solid with lines parallel to its axis (a planar section of helical B-spline faces takes
// OCCT over a minute; a line takes milliseconds).
#include <catch2/catch.hpp>

#include <algorithm>

#include <BRepCheck_Analyzer.hxx>
#include <BRepIntCurveSurface_Inter.hxx>
#include <Bnd_Box.hxx>
#include <gp_Lin.hxx>

#include "test_parts_support.h"

using namespace partsmith;
using namespace partsmith::test;

namespace {

const double kTan30 = std::tan(M_PI / 6);

// Where the line x = r, y = 0 (parallel to the axis) crosses the boundary, sorted by z.
std::vector<double> crossings(const TopoDS_Shape& shape, double r) {
  std::vector<double> zs;
  BRepIntCurveSurface_Inter inter;
  for (inter.Init(shape, gp_Lin(gp_Pnt(r, 0, -5), gp_Dir(0, 0, 1)), 1e-7); inter.More(); inter.Next())
    zs.push_back(inter.Pnt().Z());
  std::sort(zs.begin(), zs.end());
  zs.erase(std::unique(zs.begin(), zs.end(), [](double a, double b) { return std::abs(a - b) < 1e-6; }), zs.end());
  return zs;
}

// Lengths of the material runs along that line (pairs of crossings) that do not touch the
// ends z = 0 and z = length.
std::vector<double> innerRuns(const std::vector<double>& zs, double length) {
  std::vector<double> runs;
  for (size_t i = 0; i + 1 < zs.size(); i += 2)
    if (zs[i] > 1e-4 && zs[i + 1] < length - 1e-4) runs.push_back(zs[i + 1] - zs[i]);
  return runs;
}

// The ISO 68-1 thread width at radius r (external thread, major radius rMaj): the crest flat
// P/8 plus the two 30-degree flanks.
double threadWidth(double P, double rMaj, double r) { return P / 8 + 2 * (rMaj - r) * kTan30; }

void checkProfile(const TopoDS_Shape& rod, double P, double rMaj, double rMin, double length) {
  CHECK(crossings(rod, rMaj + 0.005).empty());
  CHECK(crossings(rod, rMaj - 0.005).size() >= 2 * size_t(length / P) - 2);
  CHECK(crossings(rod, rMin - 0.005).size() == 2);  // only the end faces: the core is solid
  CHECK(crossings(rod, rMin + 0.005).size() > 2);
  for (double f : {0.2, 0.5, 0.8}) {
    const double r = rMin + f * (rMaj - rMin);
    auto zs = crossings(rod, r);
    auto runs = innerRuns(zs, length);
    INFO("r = " << r);
    REQUIRE(runs.size() >= size_t(length / P) - 2);
    for (double w : runs) CHECK(w == Approx(threadWidth(P, rMaj, r)).margin(1e-3));
    // The pitch: starts of successive runs.
    for (size_t i = 2; i + 2 < zs.size(); i += 2) CHECK(zs[i + 2] - zs[i] == Approx(P).margin(1e-3));
  }
}

}  // namespace

TEST_CASE("an external M8 thread has the ISO 68-1 diameters, pitch and 60-degree flanks", "[parts][threads]") {
  auto r = runOk("show(parts.threads.external('M8', 10));\n"
                 "console.log(JSON.stringify(parts.threads.spec('M8')));\n");
  INFO("script ms " << r.scriptMs);
  const auto& rod = r.parts[0].shape;
  CHECK(BRepCheck_Analyzer(rod).IsValid());
  CHECK(kernel::solidsOf(rod).size() == 1);
  Bnd_Box box = kernel::tightBoundingBox(rod);
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  CHECK(z0 == Approx(0).margin(1e-6));
  CHECK(z1 == Approx(10).margin(1e-6));
  CHECK(x1 - x0 == Approx(8).margin(0.01));
  CHECK(y1 - y0 == Approx(8).margin(0.01));
  const double P = 1.25, H = std::sqrt(3) / 2 * P;
  checkProfile(rod, P, 4.0, 4.0 - 5 * H / 8, 10);
  // The volume per length is pi times the mean of r^2 over one pitch of the basic profile.
  const double rMaj = 4.0, rMin = 4.0 - 5 * H / 8;
  auto r2 = [](double a, double b) { return (a * a + a * b + b * b) / 3; };  // mean r^2 along a linear flank
  const double meanR2 = rMin * rMin * 0.25 + rMaj * rMaj * 0.125 + 2 * r2(rMin, rMaj) * 0.3125;
  CHECK(kernel::shapeVolume(rod) == Approx(M_PI * meanR2 * 10).epsilon(2e-4));
  auto v = loggedJson(r);
  CHECK(v["pitch"] == Approx(1.25));
  CHECK(v["minorDiameter"] == Approx(8 - 1.082532 * 1.25).margin(1e-5));
  CHECK(v["pitchDiameter"] == Approx(8 - 0.649519 * 1.25).margin(1e-5));
}

TEST_CASE("a printable clearance shrinks external and grows internal threads", "[parts][threads]") {
  auto r = runOk(
      "show(parts.threads.external('M6', 6, {clearance: 0.15}), 'bolt');\n"
      "const nut = cq.Workplane('XY').box(14, 14, 6, {centered: [true, true, false]}).cut(parts.threads.internal('M6', 6, {clearance: 0.15}));\n"
      "show(nut, 'nut');\n");
  REQUIRE(r.parts.size() == 2);
  const double P = 1.0, H = std::sqrt(3) / 2 * P, rMin = 3.0 - 5 * H / 8;
  checkProfile(r.parts[0].shape, P, 3.0 - 0.15, rMin - 0.15, 6);
  // The nut: no material inside the grown minor radius; between the radii its material runs
  // are what the grown tap leaves of each pitch.
  const auto& nut = r.parts[1].shape;
  CHECK(BRepCheck_Analyzer(nut).IsValid());
  CHECK(crossings(nut, rMin + 0.15 - 0.005).empty());
  CHECK(crossings(nut, 3.15 + 0.005).size() == 2);  // past the tap: solid from bottom to top
  const double rm = (rMin + 3.0) / 2 + 0.15;
  auto runs = innerRuns(crossings(nut, rm), 6);
  REQUIRE(runs.size() >= 4);
  for (double w : runs) CHECK(w == Approx(P - threadWidth(P, 3.15, rm)).margin(1e-3));
}

TEST_CASE("thread arguments are checked", "[parts][threads]") {
  auto r = runScript("parts.threads.external('M7', 10);");
  CHECK(firstError(r).message.find("parts.threads.external: unknown size 'M7' \xE2\x80\x94 known sizes: M1.6, M2") == 0);
  r = runScript("parts.threads.external('M3', 100);");
  CHECK(firstError(r).message == "parts.threads.external: a M3 thread 100 mm long has 200 turns; at most 60 are built");
  r = runScript("parts.threads.internal('M3', 5, {clearence: 0.1});");
  CHECK(firstError(r).message == "parts.threads.internal: unknown option 'clearence' \xE2\x80\x94 did you mean 'clearance'?");
}
