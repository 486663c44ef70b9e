#include "kernel/facts.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include <BRepCheck_Analyzer.hxx>
#include <BRepGProp.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>

#include "kernel/hole_finder.h"
#include "kernel/printability.h"
#include "kernel/shape_utils.h"

namespace partsmith::kernel {

namespace {

// Runs one fact's computation; an OCCT failure (exception or converted signal) degrades
// that fact to its fallback instead of losing every fact of the result.
template <class F>
bool attempt(F&& fn) {
  try {
    OCC_CATCH_SIGNALS
    fn();
    return true;
  } catch (const Standard_Failure&) {
    return false;
  } catch (const std::exception&) {
    return false;
  }
}

int countOf(const TopoDS_Shape& shape, TopAbs_ShapeEnum type) {
  TopTools_IndexedMapOfShape map;
  TopExp::MapShapes(shape, type, map);
  return map.Extent();
}

// Watertight: there are faces, each lies in a closed shell, and every real edge (not
// degenerate, not a seam) bounds exactly two faces.
bool isClosed(const TopoDS_Shape& shape) {
  TopTools_IndexedDataMapOfShapeListOfShape faceShells;
  TopExp::MapShapesAndUniqueAncestors(shape, TopAbs_FACE, TopAbs_SHELL, faceShells);
  if (faceShells.IsEmpty()) return false;
  for (int i = 1; i <= faceShells.Extent(); ++i)
    if (faceShells(i).IsEmpty()) return false;  // a loose face
  TopTools_IndexedMapOfShape shells;
  TopExp::MapShapes(shape, TopAbs_SHELL, shells);
  for (int i = 1; i <= shells.Extent(); ++i)
    if (!BRep_Tool::IsClosed(shells(i))) return false;

  TopTools_IndexedDataMapOfShapeListOfShape edgeFaces;
  TopExp::MapShapesAndUniqueAncestors(shape, TopAbs_EDGE, TopAbs_FACE, edgeFaces);
  for (int i = 1; i <= edgeFaces.Extent(); ++i) {
    const TopoDS_Edge& edge = TopoDS::Edge(edgeFaces.FindKey(i));
    if (BRep_Tool::Degenerated(edge)) continue;
    const TopTools_ListOfShape& faces = edgeFaces(i);
    if (faces.Extent() == 2) continue;
    if (faces.Extent() == 1 && BRep_Tool::IsClosed(edge, TopoDS::Face(faces.First()))) continue;  // seam
    return false;
  }
  return true;
}

// Prints 10 rather than 9.99999999997 while keeping real digits: a value within 1e-6
// (relative) of a round number (at most 4 significant digits) becomes that number; other
// values only lose floating-point noise (they print as the shortest decimal within 1e-9
// relative). Anything tinier than `zero` is 0 (e.g. -1e-16 coordinates).
double tidy(double value, double zero = 1e-12) {
  if (!std::isfinite(value)) return value;
  if (std::abs(value) < zero) return 0.0;
  char buffer[40];
  for (int digits = 1; digits <= 15; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    const double rounded = std::strtod(buffer, nullptr);
    const double noise = digits <= 4 ? 1e-6 : 1e-9;
    if (std::abs(rounded - value) <= noise * std::abs(value)) return rounded;
  }
  return value;
}

nlohmann::json tidyArray(const std::array<double, 3>& v, double zero = 1e-12) {
  return nlohmann::json::array({tidy(v[0], zero), tidy(v[1], zero), tidy(v[2], zero)});
}

// Coordinates below a billionth of the part's size are rounding noise of the modeller.
double zeroFor(double scale) { return std::max(1e-12, 1e-9 * scale); }

double diagonalOf(const BoundingBox& box) {
  const auto s = box.size();
  return std::sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
}

void holeToJson(nlohmann::json& j, const HoleFact& hole, double scale) {
  j = nlohmann::json{{"diameter", tidy(hole.diameter)},
                     {"depth", tidy(hole.depth)},
                     {"through", hole.through},
                     {"axis", tidyArray(hole.axis)},
                     {"position", tidyArray(hole.position, zeroFor(scale))}};
}

void boxToJson(nlohmann::json& j, const BoundingBox& box, double scale) {
  const double zero = zeroFor(scale);
  j = nlohmann::json{{"min", tidyArray(box.min, zero)}, {"max", tidyArray(box.max, zero)},
                     {"size", tidyArray(box.size(), zero)}};
}

}  // namespace

Facts computeFacts(const TopoDS_Shape& shape) {
  Facts facts;
  if (shape.IsNull()) {
    facts.valid = false;
    facts.closed = false;
    return facts;
  }

  attempt([&] {
    Bnd_Box box = tightBoundingBox(shape);
    if (box.IsVoid()) return;
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    facts.bbox.min = {x0, y0, z0};
    facts.bbox.max = {x1, y1, z1};
    facts.bbox.empty = false;
  });
  attempt([&] {
    // Only closed shells enclose volume; an open shell's signed integral means nothing.
    GProp_GProps props;
    BRepGProp::VolumeProperties(shape, props, /*OnlyClosed=*/true);
    facts.volume = props.Mass();
  });
  // Face areas once, for the total and for printability; each distinct face counts once.
  std::vector<double> faceAreas;
  const bool areasOk = attempt([&] {
    TopTools_IndexedMapOfShape faces;
    TopExp::MapShapes(shape, TopAbs_FACE, faces);
    faceAreas.reserve(size_t(faces.Extent()));
    for (int i = 1; i <= faces.Extent(); ++i) {
      faceAreas.push_back(shapeArea(faces(i)));
      facts.area += faceAreas.back();
    }
  });
  if (!areasOk) {
    faceAreas.clear();
    facts.area = 0;
    attempt([&] { facts.area = shapeArea(shape); });
  }
  attempt([&] {
    facts.solids = countOf(shape, TopAbs_SOLID);
    facts.shells = countOf(shape, TopAbs_SHELL);
    facts.edges = countOf(shape, TopAbs_EDGE);
    facts.vertices = countOf(shape, TopAbs_VERTEX);
    TopTools_IndexedMapOfShape faces;
    TopExp::MapShapes(shape, TopAbs_FACE, faces);
    facts.faces = faces.Extent();
    for (int i = 1; i <= faces.Extent(); ++i) ++facts.facesByType[geomType(faces(i))];
  });
  if (!attempt([&] { facts.valid = BRepCheck_Analyzer(shape).IsValid(); })) facts.valid = false;
  if (!attempt([&] { facts.closed = isClosed(shape); })) facts.closed = false;
  attempt([&] { facts.holes = HoleFinder::find(shape); });
  attempt([&] {
    const double bedZ = facts.bbox.empty ? 0.0 : facts.bbox.min[2];
    facts.printability = PrintabilityEstimator::estimate(shape, bedZ, areasOk ? &faceAreas : nullptr);
  });
  return facts;
}

std::vector<std::string> factsNotes(const Facts& facts) {
  std::vector<std::string> notes;
  if (!facts.valid && (facts.faces > 0 || facts.solids > 0))
    notes.push_back(
        "the final part is not a valid solid (the geometry check found faces or edges that do not fit "
        "together), so its volume and other measurements may be wrong; STL and 3MF exports of it may have "
        "holes or overlapping triangles, and other CAD programs may refuse or repair its STEP file. "
        "Try the last boolean with {clean: false}, or simplify the step that made it");
  return notes;
}

void to_json(nlohmann::json& j, const BoundingBox& box) { boxToJson(j, box, diagonalOf(box)); }

void to_json(nlohmann::json& j, const HoleFact& hole) {
  const double scale = std::max({hole.diameter, hole.depth, std::abs(hole.position[0]), std::abs(hole.position[1]),
                                 std::abs(hole.position[2])});
  holeToJson(j, hole, scale);
}

void to_json(nlohmann::json& j, const Facts& facts) {
  const double scale = diagonalOf(facts.bbox);
  nlohmann::json box, holes = nlohmann::json::array(), byType = nlohmann::json::object();
  boxToJson(box, facts.bbox, scale);
  for (const auto& hole : facts.holes) {
    nlohmann::json h;
    holeToJson(h, hole, scale);
    holes.push_back(std::move(h));
  }
  for (const auto& [type, count] : facts.facesByType) byType[type] = count;
  j = nlohmann::json{
      {"bbox", std::move(box)},
      {"volume", tidy(facts.volume, zeroFor(scale * scale * scale))},
      {"area", tidy(facts.area, zeroFor(scale * scale))},
      {"solids", facts.solids},
      {"shells", facts.shells},
      {"faces", facts.faces},
      {"edges", facts.edges},
      {"vertices", facts.vertices},
      {"faces_by_type", std::move(byType)},
      {"holes", std::move(holes)},
      {"valid", facts.valid},
      {"closed", facts.closed},
      {"printability",
       {{"largest_flat_face_area", tidy(facts.printability.largestFlatFaceArea, zeroFor(scale * scale))},
        {"overhang_area", tidy(facts.printability.overhangArea, zeroFor(scale * scale))},
        {"thinnest_wall", tidy(facts.printability.thinnestWall, zeroFor(scale))}}},
  };
}

}  // namespace partsmith::kernel
