#include "agent/prompt_library.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "base/data_dir.h"

namespace partsmith::agent {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return {};
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// "Sketch (face-based 2D)" -> "sketch"; an explicit id in the heading ("... {#parts.holes}")
// wins.
std::string sectionId(const std::string& heading) {
  const size_t open = heading.find("{#");
  if (open != std::string::npos) {
    const size_t close = heading.find('}', open);
    if (close != std::string::npos) return lower(heading.substr(open + 2, close - open - 2));
  }
  std::string id;
  for (char c : heading) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_')
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!id.empty() && id.back() != '-')
      id += '-';
    if (c == '(') break;
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

std::string stripId(const std::string& heading) {
  const size_t open = heading.find("{#");
  return open == std::string::npos ? heading : trim(heading.substr(0, open));
}

}  // namespace

PromptLibrary::PromptLibrary(std::string root) : m_root(root.empty() ? defaultRoot() : std::move(root)) {}

std::string PromptLibrary::defaultRoot() {
  if (const char* env = std::getenv("PARTSMITH_PROMPTS"); env && *env) return env;
  return base::findDataPath("prompts", "prompts");
}

const std::string& PromptLibrary::file(const std::string& relativePath) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_files.find(relativePath);
  if (it != m_files.end()) return it->second;
  const fs::path path = fs::path(m_root) / relativePath;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("the prompt file " + path.string() +
                             " is missing (set PARTSMITH_PROMPTS to the prompts folder of the installation)");
  std::ostringstream s;
  s << in.rdbuf();
  return m_files.emplace(relativePath, s.str()).first->second;
}

std::vector<std::pair<std::string, std::string>> PromptLibrary::splitSections(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(text);
  std::string line;
  std::string heading;
  std::string body;
  bool inSection = false;
  bool inFence = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) inFence = !inFence;
    if (!inFence && line.rfind("## ", 0) == 0) {
      if (inSection) out.emplace_back(heading, trim(body) + "\n");
      heading = trim(line.substr(3));
      body.clear();
      inSection = true;
      continue;
    }
    if (inSection) body += line + "\n";
  }
  if (inSection) out.emplace_back(heading, trim(body) + "\n");
  return out;
}

std::string PromptLibrary::section(const std::string& relativePath, const std::string& heading) {
  for (const auto& [h, body] : splitSections(file(relativePath)))
    if (h == heading) return body;
  throw std::runtime_error("the prompt file " + (fs::path(m_root) / relativePath).string() + " has no section '## " +
                           heading + "'");
}

std::string PromptLibrary::fill(std::string text, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    const size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) break;
    out.append(text, pos, open - pos);
    const std::string key = text.substr(open + 2, close - open - 2);
    auto it = values.find(key);
    out += it != values.end() ? it->second : text.substr(open, close + 2 - open);
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

std::string PromptLibrary::message(const std::string& key, const std::map<std::string, std::string>& values) {
  return fill(section("messages.md", key), values);
}

const std::string& PromptLibrary::referenceCore() { return file("reference/core.md"); }

const std::vector<PromptLibrary::ReferenceSection>& PromptLibrary::referenceSections() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_sectionsLoaded) return m_sections;
  }
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(m_root) / "reference", ec))
    if (entry.path().extension() == ".md" && entry.path().filename() != "core.md")
      files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  std::vector<ReferenceSection> sections;
  for (const std::string& f : files)
    for (const auto& [heading, body] : splitSections(file("reference/" + f)))
      sections.push_back({sectionId(heading), stripId(heading), f, body});
  std::lock_guard<std::mutex> lock(m_mutex);
  m_sections = std::move(sections);
  m_sectionsLoaded = true;
  return m_sections;
}

const PromptLibrary::ReferenceSection* PromptLibrary::findReference(const std::string& query) {
  const std::string q = lower(trim(query));
  if (q.empty()) return nullptr;
  const auto& sections = referenceSections();
  for (const auto& s : sections)
    if (s.id == q) return &s;
  for (const auto& s : sections)
    if (lower(s.title).find(q) != std::string::npos || s.id.find(q) != std::string::npos) return &s;
  return nullptr;
}

}  // namespace partsmith::agent
