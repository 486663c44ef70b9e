// parts.gears: tip and root diameters, tooth counts and the involute flank measured on a
// section of the built solid.
#include <catch2/catch.hpp>

#include <algorithm>

#include "test_parts_support.h"

using namespace partsmith;
using namespace partsmith::test;

namespace {

double inv(double a) { return std::tan(a) - a; }

struct Polar {
  double r, theta;
};

std::vector<Polar> polarSection(const TopoDS_Shape& shape, double z, double minRadius) {
  std::vector<Polar> out;
  for (const auto& p : sectionPoints(shape, gp_Pln(gp_Pnt(0, 0, z), gp_Dir(0, 0, 1)), 80)) {
    double r = radiusXY(p);
    if (r > minRadius) out.push_back({r, std::atan2(p.Y(), p.X())});
  }
  return out;
}

// Teeth = runs of the outline above the mid radius, going round the circle.
int countTeeth(std::vector<Polar> pts, double mid) {
  std::sort(pts.begin(), pts.end(), [](const Polar& a, const Polar& b) { return a.theta < b.theta; });
  int rises = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const Polar& prev = pts[(i + pts.size() - 1) % pts.size()];
    if (prev.r < mid && pts[i].r >= mid) ++rises;
  }
  return rises;
}

// Largest distance (mm, along the arc) between a flank point and the ideal involute of a
// tooth centred on angle k * 2pi/z whose half-thickness angle at the pitch radius is psi.
double involuteDeviation(const std::vector<Polar>& pts, int z, double rb, double r0, double psi, double rLow,
                         double rHigh, double centreOffset, int* samples) {
  const double a0 = std::acos(rb / r0);
  double worst = 0;
  *samples = 0;
  for (const auto& p : pts) {
    if (p.r <= rLow || p.r >= rHigh) continue;
    const double step = 2 * M_PI / z;
    double rel = std::remainder(p.theta - centreOffset, step);
    double half = psi + inv(a0) - inv(std::acos(rb / p.r));
    worst = std::max(worst, std::abs(std::abs(rel) - half) * p.r);
    ++*samples;
  }
  return worst;
}

}  // namespace

TEST_CASE("a 24-tooth module 2 spur gear has the right diameters, teeth and involute flanks", "[parts][gears]") {
  auto r = runOk("show(parts.gears.spur({module: 2, teeth: 24, thickness: 8, bore: 5}));\n");
  INFO("script ms " << r.scriptMs);
  CHECK(r.scriptMs < 1000);  // about 0.1 s on an idle machine
  const auto& gear = r.parts[0].shape;
  CHECK(kernel::computeFacts(gear).valid);
  auto box = bboxOf(gear);
  CHECK(box.size()[2] == Approx(8));
  auto pts = polarSection(gear, 4, 3.0);
  double rMax = 0, rMin = 1e9;
  for (const auto& p : pts) { rMax = std::max(rMax, p.r); rMin = std::min(rMin, p.r); }
  CHECK(2 * rMax == Approx(52.0).margin(1e-4));  // da = m (z + 2)
  CHECK(2 * rMin == Approx(43.0).margin(1e-4));  // df = m (z - 2.5)
  CHECK(countTeeth(pts, (rMax + rMin) / 2) == 24);
  const double rb = 24 * std::cos(20 * M_PI / 180);
  int samples = 0;
  double dev = involuteDeviation(pts, 24, rb, 24, M_PI / 48, rb + 0.05, 25.95, 0, &samples);
  CHECK(samples > 200);
  CHECK(dev < 0.002);
  // A flank one degree of pressure angle off is measurably not this one.
  const double rb21 = 24 * std::cos(21 * M_PI / 180);
  CHECK(involuteDeviation(pts, 24, rb21, 24, M_PI / 48, rb + 0.05, 25.95, 0, &samples) > 0.01);
  // The bore
  auto bore = polarSection(gear, 4, 0);
  double boreMax = 0;
  for (const auto& p : bore) if (p.r < 3) boreMax = std::max(boreMax, p.r);
  CHECK(2 * boreMax == Approx(5).margin(1e-6));
}

TEST_CASE("profile shift, pressure angle and hub change the gear as the formulas say", "[parts][gears]") {
  auto r = runOk(
      "show(parts.gears.spur({module: 1.5, teeth: 15, thickness: 5, profileShift: 0.4, pressureAngle: 25,\n"
      "  hubDiameter: 12, hubLength: 4, bore: 4}));\n"
      "console.log(JSON.stringify(parts.gears.dimensions({module: 1.5, teeth: 15, profileShift: 0.4, pressureAngle: 25})));\n");
  const auto& gear = r.parts[0].shape;
  auto pts = polarSection(gear, 2.5, 2.5);
  double rMax = 0, rMin = 1e9;
  for (const auto& p : pts) { rMax = std::max(rMax, p.r); rMin = std::min(rMin, p.r); }
  CHECK(2 * rMax == Approx(1.5 * (15 + 2 + 0.8)).margin(1e-4));
  CHECK(2 * rMin == Approx(1.5 * (15 - 2.5 + 0.8)).margin(1e-4));
  CHECK(countTeeth(pts, (rMax + rMin) / 2) == 15);
  const double alpha = 25 * M_PI / 180, r0 = 1.5 * 15 / 2, rb = r0 * std::cos(alpha);
  const double psi = M_PI / 30 + 2 * 0.4 * std::tan(alpha) / 15;
  int samples = 0;
  CHECK(involuteDeviation(pts, 15, rb, r0, psi, std::max(rb, rMin) + 0.05, rMax - 0.05, 0, &samples) < 0.002);
  CHECK(samples > 100);
  auto box = bboxOf(gear);
  CHECK(box.size()[2] == Approx(9));
  auto hub = polarSection(gear, 7, 0);
  double hubMax = 0;
  for (const auto& p : hub) hubMax = std::max(hubMax, p.r);
  CHECK(2 * hubMax == Approx(12).margin(1e-6));
  auto v = loggedJson(r);
  CHECK(v["tipDiameter"] == Approx(26.7));
  CHECK(v["rootDiameter"] == Approx(19.95));
  CHECK(v["pitchDiameter"] == Approx(22.5));
  CHECK(v["baseDiameter"] == Approx(22.5 * std::cos(alpha)).margin(1e-6));
}

TEST_CASE("an internal gear has its tips inside and its roots outside the pitch circle", "[parts][gears]") {
  auto r = runOk("show(parts.gears.internal({module: 1, teeth: 40, thickness: 5, outerDiameter: 52}));\n");
  const auto& ring = r.parts[0].shape;
  CHECK(kernel::computeFacts(ring).valid);
  auto pts = polarSection(ring, 2.5, 0);
  double rMax = 0, rMin = 1e9;
  std::vector<Polar> inner;
  for (const auto& p : pts) {
    if (p.r > 25.9) { rMax = std::max(rMax, p.r); continue; }  // the outer cylinder
    inner.push_back(p);
    rMin = std::min(rMin, p.r);
  }
  CHECK(2 * rMax == Approx(52).margin(1e-6));
  double rootMax = 0;
  for (const auto& p : inner) rootMax = std::max(rootMax, p.r);
  CHECK(2 * rMin == Approx(38).margin(1e-4));     // m (z - 2)
  CHECK(2 * rootMax == Approx(42.5).margin(1e-4));  // m (z + 2.5)
  CHECK(countTeeth(inner, (rMin + rootMax) / 2) == 40);
  const double rb = 20 * std::cos(20 * M_PI / 180);
  int samples = 0;
  // The spaces are centred on +X with the involute of an external tooth.
  CHECK(involuteDeviation(inner, 40, rb, 20, M_PI / 80, std::max(rb, rMin) + 0.05, rootMax - 0.05, 0, &samples) < 0.002);
  CHECK(samples > 100);
}

TEST_CASE("a rack has straight flanks at the pressure angle and the circular pitch", "[parts][gears]") {
  auto r = runOk("show(parts.gears.rack({module: 2, teeth: 10, thickness: 6, height: 8}));\n");
  auto box = bboxOf(r.parts[0].shape);
  CHECK(box.size()[0] == Approx(10 * M_PI * 2));
  CHECK(box.max[1] == Approx(2));
  CHECK(box.min[1] == Approx(-8));
  CHECK(box.size()[2] == Approx(6));
  // Area of the profile: bar below the roots plus 10 trapezoid teeth.
  const double p = 2 * M_PI, t = std::tan(20 * M_PI / 180);
  const double tip = p / 2 - 4 * t, root = p / 2 + 5 * t;
  const double area = 10 * p * (8 - 2.5) + 10 * (tip + root) / 2 * 4.5;
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(area * 6).epsilon(1e-9));
  CHECK(kernel::computeFacts(r.parts[0].shape).valid);
}

TEST_CASE("gear options are checked", "[parts][gears]") {
  auto r = runScript("parts.gears.spur({module: 2, teeth: 24});");
  CHECK(firstError(r).message == "parts.gears.spur: the option 'thickness' is required");
  r = runScript("parts.gears.spur({module: 2, teeth: 24, thickness: 5, teth: 3});");
  CHECK(firstError(r).message == "parts.gears.spur: unknown option 'teth' \xE2\x80\x94 did you mean 'teeth'?");
  r = runScript("parts.gears.spur({module: 2, teeth: 24.5, thickness: 5});");
  CHECK(firstError(r).message == "parts.gears.spur: teeth must be a whole number, got 24.5");
  r = runScript("parts.gears.spur({module: 1, teeth: 10, thickness: 5, profileShift: 1.5});");
  CHECK(firstError(r).message == "parts.gears.spur: the teeth come to a point below the tip circle");
  r = runScript("parts.gears.spur({module: 1, teeth: 20, thickness: 5, bore: 18});");
  CHECK(firstError(r).message.find("leaves no material under the teeth") != std::string::npos);
  r = runOk("console.log(parts.gears.centerDistance(2, 24, 12), parts.gears.centerDistance(1, 60, 20, {internal: true}));\n"
            "show(cq.Workplane().box(1, 1, 1));");
  CHECK(r.log[0] == "36 20");
}
