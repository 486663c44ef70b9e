#include "io/stl_writer.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>

#include "io/export_error.h"
#include "io/file_output.h"

namespace partsmith::io {
namespace {

using Vec3 = std::array<float, 3>;

// Outward because kernel::tessellate winds triangles counter-clockwise seen from outside.
Vec3 facetNormal(const Vec3& a, const Vec3& b, const Vec3& c) {
  const double u[3] = {double(b[0]) - a[0], double(b[1]) - a[1], double(b[2]) - a[2]};
  const double v[3] = {double(c[0]) - a[0], double(c[1]) - a[1], double(c[2]) - a[2]};
  double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
  if (len <= 0)
    return {0.f, 0.f, 0.f};  // degenerate sliver: STL readers recompute a zero normal
  return {float(n[0] / len), float(n[1] / len), float(n[2] / len)};
}

// STL binary is little-endian whatever the host is.
void putUint32(char* dst, uint32_t value) {
  for (int i = 0; i < 4; ++i)
    dst[i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

void putFloat(char* dst, float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  putUint32(dst, bits);
}

std::string oneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text;
}

}  // namespace

void StlWriter::transfer(const kernel::PartList& parts) {
  m_meshes.clear();
  for (const auto& part : parts) {
    if (part.shape.IsNull())
      throw ExportError({}, "part '" + part.name + "' has no geometry");
    kernel::Mesh mesh = kernel::tessellate(part.shape, m_options.mesh, /*weld=*/false);
    if (mesh.triangles.empty())
      throw ExportError({}, "part '" + part.name + "' has no faces to mesh (STL holds only "
                                                  "surfaces and solids, not wires or points)");
    m_meshes.push_back(std::move(mesh));
  }
  if (m_meshes.empty())
    throw ExportError({}, "no geometry to export");
  m_solidName = oneLine(mergedBodyName(parts));
}

size_t StlWriter::triangleCount() const {
  size_t count = 0;
  for (const auto& mesh : m_meshes)
    count += mesh.triangles.size();
  return count;
}

void StlWriter::writeFile(const std::string& path) const {
  if (m_meshes.empty())
    throw ExportError(path, "no geometry to export");
  if (triangleCount() > std::numeric_limits<uint32_t>::max())
    throw ExportError(path, "too many triangles for STL (more than 4294967295); "
                            "use a coarser mesh tolerance");
  FileOutput out(path);
  if (m_options.asciiStl)
    writeAscii(out);
  else
    writeBinary(out);
  out.close();
}

void StlWriter::writeBinary(FileOutput& out) const {
  // The header must not start with "solid", or readers take the file for ASCII STL.
  char header[84] = {};
  std::snprintf(header, 80, "Partsmith binary STL: %s", m_solidName.c_str());
  putUint32(header + 80, static_cast<uint32_t>(triangleCount()));
  out.write(header, sizeof header);

  char record[50];
  for (const auto& mesh : m_meshes) {
    for (const auto& tri : mesh.triangles) {
      const Vec3& a = mesh.vertices[tri[0]];
      const Vec3& b = mesh.vertices[tri[1]];
      const Vec3& c = mesh.vertices[tri[2]];
      const Vec3 n = facetNormal(a, b, c);
      const Vec3* values[4] = {&n, &a, &b, &c};
      for (int v = 0; v < 4; ++v)
        for (int k = 0; k < 3; ++k)
          putFloat(record + 12 * v + 4 * k, (*values[v])[k]);
      record[48] = record[49] = 0;  // attribute byte count
      out.write(record, sizeof record);
    }
  }
}

void StlWriter::writeAscii(FileOutput& out) const {
  out.write("solid " + m_solidName + "\n");
  char line[160];
  for (const auto& mesh : m_meshes) {
    for (const auto& tri : mesh.triangles) {
      const Vec3& a = mesh.vertices[tri[0]];
      const Vec3& b = mesh.vertices[tri[1]];
      const Vec3& c = mesh.vertices[tri[2]];
      const Vec3 n = facetNormal(a, b, c);
      std::snprintf(line, sizeof line, "  facet normal %.7e %.7e %.7e\n    outer loop\n",
                    n[0], n[1], n[2]);
      out.write(line, std::strlen(line));
      for (const Vec3* v : {&a, &b, &c}) {
        std::snprintf(line, sizeof line, "      vertex %.7e %.7e %.7e\n", (*v)[0], (*v)[1],
                      (*v)[2]);
        out.write(line, std::strlen(line));
      }
      out.write("    endloop\n  endfacet\n");
    }
  }
  out.write("endsolid " + m_solidName + "\n");
}

}  // namespace partsmith::io
