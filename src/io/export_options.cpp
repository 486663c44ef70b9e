#include "io/export_options.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "io/export_error.h"

namespace partsmith::io {
namespace {

constexpr const char* kSupported = ".stl, .step, .stp, .3mf, .brep, .brp";

}  // namespace

ExportFormat formatFromPath(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".stl")
    return ExportFormat::Stl;
  if (ext == ".step" || ext == ".stp")
    return ExportFormat::Step;
  if (ext == ".3mf")
    return ExportFormat::ThreeMf;
  if (ext == ".brep" || ext == ".brp")
    return ExportFormat::Brep;
  if (ext.empty())
    throw ExportError(path, std::string("the file name has no extension to pick a format from "
                                        "(supported: ") + kSupported + ")");
  throw ExportError(path, "unknown file type '" + ext + "' (supported: " + kSupported + ")");
}

const char* formatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::Stl: return "STL";
    case ExportFormat::Step: return "STEP";
    case ExportFormat::ThreeMf: return "3MF";
    case ExportFormat::Brep: return "BREP";
  }
  return "?";
}

std::string mergedBodyName(const kernel::PartList& parts) {
  return parts.size() == 1 && !parts.front().name.empty() ? parts.front().name
                                                          : std::string("model");
}

}  // namespace partsmith::io
