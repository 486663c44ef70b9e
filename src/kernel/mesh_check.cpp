#include "kernel/mesh_check.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "kernel/mesh.h"

namespace partsmith::kernel {

namespace {

uint64_t edgeKey(uint32_t from, uint32_t to) { return (uint64_t(from) << 32) | to; }

}  // namespace

bool isManifoldOriented(const Mesh& mesh) {
  if (mesh.triangles.empty()) return false;
  const size_t vertexCount = mesh.vertices.size();
  // Each directed edge must occur once; its twin (the reverse) must occur once too. A
  // directed edge seen twice means two neighbours disagree on orientation or three or
  // more triangles share the edge.
  std::unordered_map<uint64_t, int> directed;
  directed.reserve(mesh.triangles.size() * 3);
  for (const auto& t : mesh.triangles) {
    for (int i = 0; i < 3; ++i) {
      if (t[i] >= vertexCount) return false;
      const uint32_t a = t[i], b = t[(i + 1) % 3];
      if (a == b) return false;
      if (++directed[edgeKey(a, b)] > 1) return false;
    }
  }
  for (const auto& [key, count] : directed) {
    const uint32_t a = uint32_t(key >> 32), b = uint32_t(key & 0xffffffffu);
    if (directed.find(edgeKey(b, a)) == directed.end()) return false;
  }
  return true;
}

double meshVolume(const Mesh& mesh) {
  double sum = 0;
  const size_t vertexCount = mesh.vertices.size();
  for (const auto& t : mesh.triangles) {
    if (t[0] >= vertexCount || t[1] >= vertexCount || t[2] >= vertexCount) continue;
    const auto& p = mesh.vertices[t[0]];
    const auto& q = mesh.vertices[t[1]];
    const auto& r = mesh.vertices[t[2]];
    // p · (q × r), in double: the float inputs are exact, the products are not.
    const double qx = q[0], qy = q[1], qz = q[2], rx = r[0], ry = r[1], rz = r[2];
    sum += double(p[0]) * (qy * rz - qz * ry) + double(p[1]) * (qz * rx - qx * rz) + double(p[2]) * (qx * ry - qy * rx);
  }
  return sum / 6.0;
}

}  // namespace partsmith::kernel
