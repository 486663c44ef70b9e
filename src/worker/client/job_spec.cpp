#include "worker/client/job_spec.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

namespace partsmith::worker {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

const std::vector<std::string>& exportExtensions() {
  static const std::vector<std::string> extensions = {".stl", ".step", ".stp", ".3mf", ".brep", ".brp"};
  return extensions;
}

const std::vector<std::string>& renderViewNames() {
  static const std::vector<std::string> views = {"iso", "iso2", "front", "back", "left", "right", "top", "bottom"};
  return views;
}

std::string exportPathProblem(const std::string& path) {
  const std::string ext = lower(std::filesystem::path(path).extension().string());
  const auto& known = exportExtensions();
  if (std::find(known.begin(), known.end(), ext) != known.end()) return {};
  if (ext.empty())
    return path + ": the file name has no extension to pick a format from (supported: " + joined(known) + ")";
  return path + ": unknown file type '" + ext + "' (supported: " + joined(known) + ")";
}

std::vector<std::string> parseRenderViews(const std::string& list, std::string& problem) {
  std::vector<std::string> views;
  std::stringstream in(list);
  const auto& known = renderViewNames();
  for (std::string item; std::getline(in, item, ',');) {
    std::string view = lower(trimmed(item));
    if (view.empty()) continue;
    if (std::find(known.begin(), known.end(), view) == known.end()) {
      problem = "unknown view '" + trimmed(item) + "' (views are: " + joined(known) + ")";
      return {};
    }
    if (std::find(views.begin(), views.end(), view) == views.end()) views.push_back(view);
  }
  if (views.empty()) problem = "no view given (views are: " + joined(known) + ")";
  return views;
}

}  // namespace partsmith::worker
