// parts.threads: diameters, length, pitch and flank angle measured on an axial section of the
// helical solid.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include <BRepCheck_Analyzer.hxx>
#include <Bnd_Box.hxx>

#include "test_parts_support.h"

using namespace partsmith;
using namespace partsmith::test;

namespace {

struct AxialProfile {
  double rMax = 0, rMin = 1e9;
  std::vector<double> crestCentres;  // z of the crest flats on the +X side
  std::vector<double> flankSlopes;   // |dr/dz| of the flank edges
};

// The section by the XZ plane, on the +X side (r = x).
AxialProfile axialProfile(const TopoDS_Shape& shape, double crestRadius) {
  AxialProfile out;
  for (const auto& edge : sectionEdges(shape, gp_Pln(gp_Pnt(0, 0, 0), gp_Dir(0, 1, 0)), 24)) {
    const gp_Pnt& a = edge.front();
    const gp_Pnt& b = edge.back();
    if (a.X() <= 0.1 || b.X() <= 0.1) continue;
    for (const auto& p : edge) { out.rMax = std::max(out.rMax, p.X()); out.rMin = std::min(out.rMin, p.X()); }
    const double dz = std::abs(b.Z() - a.Z()), dr = std::abs(b.X() - a.X());
    if (dz < 1e-6) continue;  // an end face
    if (dr < 1e-4 && std::abs(a.X() - crestRadius) < 1e-3) out.crestCentres.push_back((a.Z() + b.Z()) / 2);
    else if (dr > 0.05) out.flankSlopes.push_back(dr / dz);
  }
  std::sort(out.crestCentres.begin(), out.crestCentres.end());
  return out;
}

}  // namespace

TEST_CASE("an external M8 thread has the ISO 68-1 diameters, pitch and 60-degree flanks", "[parts][threads]") {
  auto r = runOk("show(parts.threads.external('M8', 10));\n"
                 "console.log(JSON.stringify(parts.threads.spec('M8')));\n");
  INFO("script ms " << r.scriptMs);
  const auto& rod = r.parts[0].shape;
  // (computeFacts is slow on helical B-spline faces: check validity and extents directly.)
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
  auto prof = axialProfile(rod, 4.0);
  CHECK(prof.rMax == Approx(4.0).margin(2e-3));
  CHECK(prof.rMin == Approx(4.0 - 5 * H / 8).margin(2e-3));  // D1 = d - 1.0825 P
  REQUIRE(prof.crestCentres.size() >= 6);
  for (size_t i = 1; i < prof.crestCentres.size(); ++i)
    CHECK(prof.crestCentres[i] - prof.crestCentres[i - 1] == Approx(P).margin(2e-3));
  REQUIRE(prof.flankSlopes.size() >= 10);
  for (double s : prof.flankSlopes) CHECK(s == Approx(std::tan(60 * M_PI / 180)).epsilon(0.01));
  // The volume of a thread per length is that of its profile revolved: pi (rMin^2 + ...) —
  // checked through the mean of r^2 over one pitch of the basic profile.
  const double rMaj = 4.0, rMin = 4.0 - 5 * H / 8;
  auto r2 = [](double a, double b) { return (a * a + a * b + b * b) / 3; };  // mean r^2 along a linear flank
  const double meanR2 = (rMin * rMin * 0.25 + rMaj * rMaj * 0.125 + 2 * r2(rMin, rMaj) * 0.3125);
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
  const double P = 1.0, H = std::sqrt(3) / 2 * P;
  auto bolt = axialProfile(r.parts[0].shape, 3.0 - 0.15);
  CHECK(bolt.rMax == Approx(2.85).margin(2e-3));
  CHECK(bolt.rMin == Approx(3.0 - 5 * H / 8 - 0.15).margin(2e-3));
  for (size_t i = 1; i < bolt.crestCentres.size(); ++i)
    CHECK(bolt.crestCentres[i] - bolt.crestCentres[i - 1] == Approx(P).margin(2e-3));
  CHECK(bolt.crestCentres.size() >= 4);
  // The nut's hole: the innermost material is the internal thread's crest at D1/2 + clearance.
  double innermost = 1e9, outermostHole = 0;
  for (const auto& edge : sectionEdges(r.parts[1].shape, gp_Pln(gp_Pnt(0, 0, 0), gp_Dir(0, 1, 0)), 24))
    for (const auto& p : edge)
      if (p.X() > 0.1 && p.X() < 6.9 && p.Z() > 1e-3 && p.Z() < 6 - 1e-3) {
        innermost = std::min(innermost, p.X());
        outermostHole = std::max(outermostHole, p.X());
      }
  CHECK(innermost == Approx(3.0 - 5 * H / 8 + 0.15).margin(2e-3));
  CHECK(outermostHole == Approx(3.15).margin(2e-3));
  CHECK(BRepCheck_Analyzer(r.parts[1].shape).IsValid());
}

TEST_CASE("thread arguments are checked", "[parts][threads]") {
  auto r = runScript("parts.threads.external('M7', 10);");
  CHECK(firstError(r).message.find("parts.threads.external: unknown size 'M7' \xE2\x80\x94 known sizes: M1.6, M2") == 0);
  r = runScript("parts.threads.external('M3', 100);");
  CHECK(firstError(r).message == "parts.threads.external: a M3 thread 100 mm long has 200 turns; at most 60 are built");
  r = runScript("parts.threads.internal('M3', 5, {clearence: 0.1});");
  CHECK(firstError(r).message == "parts.threads.internal: unknown option 'clearence' \xE2\x80\x94 did you mean 'clearance'?");
}
