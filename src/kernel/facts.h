// Measured facts about a result: what the agent, the evaluation and the UI check a part against.
#pragma once
#include <array>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <TopoDS_Shape.hxx>

namespace partsmith::kernel {

struct BoundingBox {
  std::array<double, 3> min{0, 0, 0}, max{0, 0, 0};
  std::array<double, 3> size() const { return {max[0] - min[0], max[1] - min[1], max[2] - min[2]}; }
  bool empty = true;
};

struct HoleFact {
  double diameter = 0;
  double depth = 0;
  bool through = false;
  std::array<double, 3> axis{0, 0, 1};      // unit direction of the hole axis
  std::array<double, 3> position{0, 0, 0};  // a point on the axis at the hole's entry
};

struct PrintabilityFacts {
  double largestFlatFaceArea = 0;  // largest planar face: a candidate for the print bed
  double overhangArea = 0;         // downward area steeper than 45° from vertical (Z up), excluding the bed face
  double thinnestWall = 0;         // estimate from opposite parallel planar faces; 0 when unknown
};

struct Facts {
  BoundingBox bbox;
  double volume = 0;
  double area = 0;
  int solids = 0;
  int shells = 0;
  int faces = 0;
  int edges = 0;
  int vertices = 0;
  std::map<std::string, int> facesByType;  // geomType() -> count
  std::vector<HoleFact> holes;
  bool valid = true;   // BRepCheck_Analyzer
  bool closed = true;  // every shell closed, every edge shared by exactly two faces
  PrintabilityFacts printability;
};

Facts computeFacts(const TopoDS_Shape& shape);

// What a person must be told about a result with these facts, one sentence each; empty for a
// valid part. A run whose final part is invalid still succeeds, so these belong in its notes.
std::vector<std::string> factsNotes(const Facts& facts);

// JSON layout used by the worker and the CLI (`bbox` {min, max, size}, `faces_by_type`, ...).
void to_json(nlohmann::json& j, const Facts& facts);
void to_json(nlohmann::json& j, const BoundingBox& box);
void to_json(nlohmann::json& j, const HoleFact& hole);

}  // namespace partsmith::kernel
