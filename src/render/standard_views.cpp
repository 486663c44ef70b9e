#include "render/standard_views.h"

#include <algorithm>
#include <cctype>

#include "render/render_error.h"

namespace partsmith::render {

namespace {

std::string lowerTrimmed(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  std::string out = text.substr(begin, end - begin + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A "did you mean" only for near misses such as "fornt" or "isometric"-style prefixes.
std::string closestViewName(const std::string& name) {
  std::string best;
  size_t bestDistance = 3;
  for (const auto& view : standardViews()) {
    size_t distance = editDistance(name, view.name);
    if (name.size() > view.name.size() && name.compare(0, view.name.size(), view.name) == 0)
      distance = std::min<size_t>(distance, 1);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = view.name;
    }
  }
  return best;
}

}  // namespace

const std::vector<StandardView>& standardViews() {
  static const std::vector<StandardView> views = {
      {"iso", {1, -1, 1}, {0, 0, 1}, "isometric from front-right-above, from (+1,-1,+1)"},
      {"iso2", {-1, 1, 1}, {0, 0, 1}, "isometric from back-left-above, from (-1,+1,+1)"},
      {"front", {0, -1, 0}, {0, 0, 1}, "from -Y looking towards +Y, +X to the right, +Z up"},
      {"back", {0, 1, 0}, {0, 0, 1}, "from +Y looking towards -Y, -X to the right, +Z up"},
      {"left", {-1, 0, 0}, {0, 0, 1}, "from -X looking towards +X, -Y to the right, +Z up"},
      {"right", {1, 0, 0}, {0, 0, 1}, "from +X looking towards -X, +Y to the right, +Z up"},
      {"top", {0, 0, 1}, {0, 1, 0}, "from +Z looking down, +X to the right, +Y up"},
      {"bottom", {0, 0, -1}, {0, -1, 0}, "from -Z looking up, +X to the right, -Y up"},
  };
  return views;
}

const StandardView* findStandardView(const std::string& name) {
  const std::string key = lowerTrimmed(name);
  for (const auto& view : standardViews())
    if (view.name == key) return &view;
  return nullptr;
}

const StandardView& standardView(const std::string& name) {
  if (const StandardView* view = findStandardView(name)) return *view;
  const std::string key = lowerTrimmed(name);
  std::string message =
      "unknown view \"" + name + "\"; valid views are: " + standardViewNamesText();
  std::string suggestion = closestViewName(key);
  if (!suggestion.empty()) message += "; did you mean \"" + suggestion + "\"?";
  throw RenderError(message);
}

std::vector<std::string> standardViewNames() {
  std::vector<std::string> names;
  for (const auto& view : standardViews()) names.push_back(view.name);
  return names;
}

std::string standardViewNamesText() {
  std::string text;
  for (const auto& view : standardViews()) {
    if (!text.empty()) text += ", ";
    text += view.name;
  }
  return text;
}

std::vector<std::string> defaultViewNames() { return {"iso", "front", "top", "right"}; }

std::vector<std::string> parseViewList(const std::string& list) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    const std::string token = list.substr(start, comma - start);
    start = comma + 1;
    if (lowerTrimmed(token).empty()) continue;  // tolerate "iso, front," and doubled commas
    const std::string& name = standardView(token).name;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  if (names.empty())
    throw RenderError("no views requested in \"" + list + "\"",
                      "give a comma-separated list such as \"iso,front,top\"; valid views are: " +
                          standardViewNamesText());
  return names;
}

}  // namespace partsmith::render
