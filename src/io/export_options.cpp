#include "io/export_options.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

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

namespace {

std::string fileSafe(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    const bool keep = std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80;  // UTF-8 stays readable
    out += keep ? static_cast<char>(c) : '_';
  }
  // No hidden files and no "..": leading dots become underscores.
  for (char& c : out) {
    if (c != '.') break;
    c = '_';
  }
  return out;
}

}  // namespace

std::vector<std::string> perPartPaths(const kernel::PartList& parts, const std::string& path) {
  if (parts.size() <= 1) return {path};
  const std::filesystem::path target(path);
  std::vector<std::string> paths;
  std::set<std::string> used;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string name = fileSafe(parts[i].name);
    if (name.empty()) name = "part" + std::to_string(i + 1);
    std::string unique = name;
    for (int n = 2; !used.insert(unique).second; ++n) unique = name + "-" + std::to_string(n);
    paths.push_back((target.parent_path() / (target.stem().string() + "-" + unique + target.extension().string()))
                        .string());
  }
  return paths;
}

}  // namespace partsmith::io
