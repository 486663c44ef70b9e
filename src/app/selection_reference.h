// Turns a face or edge picked in the viewport into a reference the person (and later the
// model) can use in a message. Qt-free.
//
// Format of text():
//   faces(">Z") on part "bracket" (PLANE face, centre (27.5, -20, 5) mm, normal (0, 0, 1), area 1350 mm²)
//   faces("<X").edges("|Y and >Z") on part "bracket" (LINE edge, centre (0, -20, 40) mm, direction (0, 1, 0), length 40 mm)
//   the CYLINDER face of part "bracket" (centre (...) mm, axis (0, 0, 1), radius 2.25 mm, area 70.7 mm²)
// The selector is a CadQuery selector chain, verified against the part's own shape with the
// kernel's selector engine: applied to the part it yields exactly the picked face or edge.
// When no short selector identifies it, the reference falls back to the geometric description
// (centre, normal or direction, size), which is always present.
#pragma once
#include <optional>
#include <string>

#include <TopoDS_Shape.hxx>
#include <gp_Dir.hxx>
#include <gp_Pnt.hxx>

namespace partsmith::app {

struct SelectionReference {
  std::string partName;
  int partIndex = -1;
  std::string kind;      // "face" | "edge" | "vertex"
  std::string geomType;  // CadQuery's geomType(): PLANE, CYLINDER, LINE, CIRCLE, ...
  std::string selector;  // e.g. faces(">Z"); empty when none was found
  gp_Pnt center;
  std::optional<gp_Dir> direction;  // face normal, line direction or circle/cylinder axis
  std::optional<double> radius;     // circles, cylinders, spheres
  double size = 0;                  // area of a face, length of an edge

  std::string text() const;  // the full reference (format above)
  std::string summary() const;  // the selector, or "PLANE face" when there is none
};

// Describes `picked` (a face, edge or vertex of `partShape`). Throws std::runtime_error when
// `picked` is null.
SelectionReference describeSelection(const TopoDS_Shape& partShape, const TopoDS_Shape& picked,
                                     const std::string& partName, int partIndex);

}  // namespace partsmith::app
