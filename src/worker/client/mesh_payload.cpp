#include "worker/client/mesh_payload.h"

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace partsmith::worker {
namespace {
constexpr char kMagic[8] = {'P', 'S', 'M', 'E', 'S', 'H', '0', '1'};
}

void writeMeshPayload(const std::string& path, const MeshPayload& mesh) {
  if (mesh.normals.size() != mesh.positions.size())
    throw std::runtime_error("mesh payload " + path + ": normals and positions differ in count");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write mesh payload " + path);
  uint32_t counts[2] = {static_cast<uint32_t>(mesh.positions.size()), static_cast<uint32_t>(mesh.triangles.size())};
  out.write(kMagic, sizeof kMagic);
  out.write(reinterpret_cast<const char*>(counts), sizeof counts);
  out.write(reinterpret_cast<const char*>(mesh.positions.data()), mesh.positions.size() * sizeof(mesh.positions[0]));
  out.write(reinterpret_cast<const char*>(mesh.normals.data()), mesh.normals.size() * sizeof(mesh.normals[0]));
  out.write(reinterpret_cast<const char*>(mesh.triangles.data()), mesh.triangles.size() * sizeof(mesh.triangles[0]));
  if (!out.flush()) throw std::runtime_error("cannot write mesh payload " + path + " (disk full?)");
}

MeshPayload readMeshPayload(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open mesh payload " + path);
  char magic[8];
  uint32_t counts[2];
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    throw std::runtime_error("mesh payload " + path + " has an unknown format");
  if (!in.read(reinterpret_cast<char*>(counts), sizeof counts))
    throw std::runtime_error("mesh payload " + path + " is truncated");
  MeshPayload mesh;
  mesh.positions.resize(counts[0]);
  mesh.normals.resize(counts[0]);
  mesh.triangles.resize(counts[1]);
  in.read(reinterpret_cast<char*>(mesh.positions.data()), mesh.positions.size() * sizeof(mesh.positions[0]));
  in.read(reinterpret_cast<char*>(mesh.normals.data()), mesh.normals.size() * sizeof(mesh.normals[0]));
  in.read(reinterpret_cast<char*>(mesh.triangles.data()), mesh.triangles.size() * sizeof(mesh.triangles[0]));
  if (!in) throw std::runtime_error("mesh payload " + path + " is truncated");
  for (const auto& t : mesh.triangles)
    for (uint32_t i : t)
      if (i >= counts[0]) throw std::runtime_error("mesh payload " + path + " has an index out of range");
  return mesh;
}

}  // namespace partsmith::worker
