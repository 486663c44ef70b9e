// The binary mesh file the worker writes for the viewport (one per part): little-endian
// "PSMESH01", uint32 vertex count, uint32 triangle count, float xyz positions, float xyz
// normals, uint32 triangle indices. Readable without OCCT.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace partsmith::worker {

struct MeshPayload {
  std::vector<std::array<float, 3>> positions;
  std::vector<std::array<float, 3>> normals;  // same count as positions
  std::vector<std::array<uint32_t, 3>> triangles;
};

// Both throw std::runtime_error naming the path and the problem.
void writeMeshPayload(const std::string& path, const MeshPayload& mesh);
MeshPayload readMeshPayload(const std::string& path);

}  // namespace partsmith::worker
