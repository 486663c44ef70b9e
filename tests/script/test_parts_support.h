// Helpers for the parts library tests: run a script, read numbers it logged as JSON, and
// measure shapes (planar sections sampled into points, polar radii).
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAlgoAPI_Section.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Pln.hxx>
#include <nlohmann/json.hpp>

#include "kernel/facts.h"
#include "kernel/shape_utils.h"
#include "script_test_support.h"

namespace partsmith::test {

// The run's single part (the run must succeed).
inline script::RunResult runOk(const std::string& source) {
  auto r = runScript(source);
  INFO(source);
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  return r;
}

inline nlohmann::json loggedJson(const script::RunResult& r, size_t index = 0) {
  REQUIRE(r.log.size() > index);
  return nlohmann::json::parse(r.log[index]);
}

// Points sampled along every edge of the section of `shape` by `plane`.
inline std::vector<gp_Pnt> sectionPoints(const TopoDS_Shape& shape, const gp_Pln& plane, int perEdge = 60) {
  BRepAlgoAPI_Section section(shape, plane, false);
  section.Build();
  REQUIRE(section.IsDone());
  std::vector<gp_Pnt> pts;
  for (TopExp_Explorer it(section.Shape(), TopAbs_EDGE); it.More(); it.Next()) {
    BRepAdaptor_Curve c(TopoDS::Edge(it.Current()));
    for (int i = 0; i <= perEdge; ++i)
      pts.push_back(c.Value(c.FirstParameter() + (c.LastParameter() - c.FirstParameter()) * i / perEdge));
  }
  return pts;
}

// Each section edge as its sampled points (for per-edge checks such as flank slopes).
inline std::vector<std::vector<gp_Pnt>> sectionEdges(const TopoDS_Shape& shape, const gp_Pln& plane, int perEdge = 20) {
  BRepAlgoAPI_Section section(shape, plane, false);
  section.Build();
  REQUIRE(section.IsDone());
  std::vector<std::vector<gp_Pnt>> edges;
  for (TopExp_Explorer it(section.Shape(), TopAbs_EDGE); it.More(); it.Next()) {
    BRepAdaptor_Curve c(TopoDS::Edge(it.Current()));
    std::vector<gp_Pnt> pts;
    for (int i = 0; i <= perEdge; ++i)
      pts.push_back(c.Value(c.FirstParameter() + (c.LastParameter() - c.FirstParameter()) * i / perEdge));
    edges.push_back(std::move(pts));
  }
  return edges;
}

inline double radiusXY(const gp_Pnt& p) { return std::hypot(p.X(), p.Y()); }

inline kernel::BoundingBox bboxOf(const TopoDS_Shape& s) { return kernel::computeFacts(s).bbox; }

}  // namespace partsmith::test
