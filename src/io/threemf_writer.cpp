#include "io/threemf_writer.h"

#include <cmath>
#include <map>
#include <tuple>
#include <vector>

// lib3mf v1's C COM API; keep it in this translation unit only (NMR_WinTypes.h BOOL).
#include <Model/COM/NMR_DLLInterfaces.h>

#include "io/export_error.h"
#include "io/file_output.h"
#include "kernel/mesh.h"

namespace partsmith::io {
namespace {

using namespace NMR;

// Owns one lib3mf object; every instance the API hands out must be released.
class Handle3mf {
 public:
  Handle3mf() = default;
  ~Handle3mf() { reset(); }
  Handle3mf(const Handle3mf&) = delete;
  Handle3mf& operator=(const Handle3mf&) = delete;
  Handle3mf(Handle3mf&& other) noexcept : m_ptr(other.m_ptr) { other.m_ptr = nullptr; }
  Handle3mf& operator=(Handle3mf&& other) noexcept {
    if (this != &other) {
      reset();
      m_ptr = other.m_ptr;
      other.m_ptr = nullptr;
    }
    return *this;
  }

  PLib3MFBase* get() const { return m_ptr; }
  PLib3MFBase** out() {  // for the API's out-parameters
    reset();
    return &m_ptr;
  }
  void reset() {
    if (m_ptr)
      lib3mf_release(m_ptr);
    m_ptr = nullptr;
  }

 private:
  PLib3MFBase* m_ptr = nullptr;
};

std::string lastError(PLib3MFBase* instance) {
  DWORD code = 0;
  LPCSTR message = nullptr;
  if (instance && lib3mf_getlasterror(instance, &code, &message) == LIB3MF_OK && message &&
      *message)
    return message;
  return "error code " + std::to_string(code);
}

void check(LIB3MFRESULT result, PLib3MFBase* instance, const std::string& what) {
  if (result != LIB3MF_OK)
    throw ExportError({}, "3MF library failed to " + what + " (" + lastError(instance) + ")");
}

BYTE toByte(double component) {
  const double clamped = component < 0 ? 0 : component > 1 ? 1 : component;
  return static_cast<BYTE>(std::lround(clamped * 255.0));
}

}  // namespace

struct ThreeMfWriter::Model {
  Handle3mf model;
  Handle3mf materials;  // one base-material group shared by all coloured parts
  DWORD materialGroupId = 0;
  std::map<std::tuple<int, int, int, int>, DWORD> materialIndex;  // by RGBA bytes
  std::vector<Handle3mf> keep;                                  // objects and build items

  DWORD material(const kernel::Color& color, const std::string& name) {
    const auto key = std::make_tuple(toByte(color.r), toByte(color.g), toByte(color.b),
                                     toByte(color.a));
    if (auto it = materialIndex.find(key); it != materialIndex.end())
      return it->second;
    if (!materials.get()) {
      check(lib3mf_model_addbasematerialgroup(model.get(), materials.out()), model.get(),
            "add a material group");
      check(lib3mf_basematerial_getresourceid(materials.get(), &materialGroupId),
            materials.get(), "read the material group id");
    }
    DWORD index = 0;
    check(lib3mf_basematerial_addmaterialutf8(materials.get(), name.c_str(), toByte(color.r),
                                              toByte(color.g), toByte(color.b), &index),
          materials.get(), "add a material");
    // addmaterial leaves alpha at 0 (fully transparent), so always set it explicitly.
    check(lib3mf_basematerial_setdisplaycolorrgba(materials.get(), index, toByte(color.r),
                                                  toByte(color.g), toByte(color.b),
                                                  toByte(color.a)),
          materials.get(), "set a material's colour");
    materialIndex.emplace(key, index);
    return index;
  }
};

ThreeMfWriter::ThreeMfWriter(ExportOptions options) : m_options(std::move(options)) {}

ThreeMfWriter::~ThreeMfWriter() = default;

void ThreeMfWriter::transfer(const kernel::PartList& parts) {
  if (parts.empty())
    throw ExportError({}, "no geometry to export");

  DWORD major = 0, minor = 0, micro = 0;
  if (lib3mf_getinterfaceversion(&major, &minor, &micro) != LIB3MF_OK ||
      major != NMR_APIVERSION_INTERFACE_MAJOR)
    throw ExportError({}, "the installed 3MF library (lib3mf " + std::to_string(major) +
                              ") is not the version Partsmith was built with");

  auto m = std::make_unique<Model>();
  check(lib3mf_createmodel(m->model.out()), nullptr, "create a model");
  check(lib3mf_model_setunit(m->model.get(), MODELUNIT_MILLIMETER), m->model.get(),
        "set the unit to millimetre");
  // Not every lib3mf build accepts this key; the file is fine without it.
  lib3mf_model_addmetadatautf8(m->model.get(), "Application", "Partsmith");

  struct Piece {
    const kernel::Part* part;
    kernel::Mesh mesh;
  };
  std::vector<Piece> pieces;
  for (const auto& part : parts) {
    if (part.shape.IsNull())
      throw ExportError({}, "part '" + part.name + "' has no geometry");
    kernel::Mesh mesh = kernel::tessellate(part.shape, m_options.mesh, /*weld=*/true);
    if (mesh.triangles.empty())
      throw ExportError({}, "part '" + part.name + "' has no faces to mesh (3MF holds only "
                                                  "closed solids)");
    pieces.push_back({&part, std::move(mesh)});
  }

  // Adds one mesh object from `group` (several pieces when merged) plus its build item.
  auto addObject = [&](const std::string& name, const std::vector<const Piece*>& group) {
    std::vector<MODELMESHVERTEX> vertices;
    std::vector<MODELMESHTRIANGLE> triangles;
    std::vector<std::optional<kernel::Color>> triangleColors;
    for (const Piece* piece : group) {
      const DWORD offset = static_cast<DWORD>(vertices.size());
      for (const auto& v : piece->mesh.vertices)
        vertices.push_back({{v[0], v[1], v[2]}});
      for (const auto& t : piece->mesh.triangles) {
        triangles.push_back({{t[0] + offset, t[1] + offset, t[2] + offset}});
        triangleColors.push_back(piece->part->color);
      }
    }

    Handle3mf object;
    check(lib3mf_model_addmeshobject(m->model.get(), object.out()), m->model.get(),
          "add a mesh object");
    check(lib3mf_object_setnameutf8(object.get(), name.c_str()), object.get(),
          "name the object '" + name + "'");
    check(lib3mf_meshobject_setgeometry(object.get(), vertices.data(),
                                        static_cast<DWORD>(vertices.size()), triangles.data(),
                                        static_cast<DWORD>(triangles.size())),
          object.get(), "store the mesh of '" + name + "'");

    BOOL manifold = 0;
    check(lib3mf_meshobject_ismanifoldandoriented(object.get(), &manifold), object.get(),
          "check the mesh of '" + name + "'");
    if (!manifold) {
      std::string names;
      for (const Piece* piece : group)
        names += (names.empty() ? "'" : ", '") + piece->part->name + "'";
      throw ExportError({}, "part " + names + " is not a closed, consistently oriented solid, "
                            "which 3MF requires (export open shells or faces as STEP or STL)");
    }

    bool anyColor = false;
    for (const auto& c : triangleColors)
      anyColor = anyColor || c.has_value();
    if (anyColor) {
      const kernel::Color fallback;  // uncoloured parts among coloured ones: default grey
      const std::optional<kernel::Color>& first = triangleColors.front();
      const DWORD objectMaterial =
          m->material(first.value_or(fallback), group.front()->part->name);
      Handle3mf defaults;
      check(lib3mf_object_createdefaultpropertyhandler(object.get(), defaults.out()),
            object.get(), "colour '" + name + "'");
      check(lib3mf_defaultpropertyhandler_setbasematerial(defaults.get(), m->materialGroupId,
                                                          objectMaterial),
            defaults.get(), "colour '" + name + "'");

      if (group.size() > 1) {  // merged: every triangle keeps its own part's colour
        Handle3mf perTriangle;
        check(lib3mf_meshobject_createpropertyhandler(object.get(), perTriangle.out()),
              object.get(), "colour '" + name + "'");
        size_t t = 0;
        for (const Piece* piece : group) {
          const DWORD index = m->material(piece->part->color.value_or(fallback), piece->part->name);
          for (size_t k = 0; k < piece->mesh.triangles.size(); ++k, ++t)
            check(lib3mf_propertyhandler_setbasematerial(perTriangle.get(), DWORD(t),
                                                         m->materialGroupId, index),
                  perTriangle.get(), "colour '" + piece->part->name + "'");
        }
      }
    }

    Handle3mf item;
    check(lib3mf_model_addbuilditem(m->model.get(), object.get(), nullptr, item.out()),
          m->model.get(), "place '" + name + "' on the build plate");
    m->keep.push_back(std::move(object));
    m->keep.push_back(std::move(item));
  };

  if (m_options.merged) {
    std::vector<const Piece*> all;
    for (const auto& piece : pieces)
      all.push_back(&piece);
    addObject(mergedBodyName(parts), all);
  } else {
    for (const auto& piece : pieces)
      addObject(piece.part->name, {&piece});
  }
  m_model = std::move(m);
}

void ThreeMfWriter::writeFile(const std::string& path) {
  if (!m_model)
    throw ExportError(path, "no geometry to export");
  Handle3mf writer;
  if (lib3mf_model_querywriter(m_model->model.get(), "3mf", writer.out()) != LIB3MF_OK)
    throw ExportError(path, "the 3MF library has no 3MF writer (" +
                                lastError(m_model->model.get()) + ")");
  // lib3mf 1.8 terminates the process when its own file stream fails (a full disk throws
  // out of a destructor), so it only fills memory and the file is written here.
  ULONG64 size = 0;
  if (lib3mf_writer_getstreamsize(writer.get(), &size) != LIB3MF_OK || size == 0)
    throw ExportError(path, "the 3MF library failed to serialise the model (" +
                                lastError(writer.get()) + ")");
  std::vector<BYTE> bytes(static_cast<size_t>(size));
  if (lib3mf_writer_writetobuffer(writer.get(), bytes.data(), size) != LIB3MF_OK)
    throw ExportError(path, "the 3MF library failed to serialise the model (" +
                                lastError(writer.get()) + ")");
  FileOutput out(path);
  out.write(bytes.data(), bytes.size());
  out.close();
}

}  // namespace partsmith::io
