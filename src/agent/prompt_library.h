// Every LLM prompt and the script-language reference live as Markdown in prompts/, read at run
// time (never string literals in C++). Files are read once and cached, so the system prompt of
// a stage is byte-identical between calls and provider prompt caching works.
//
// Layout: prompts/system/<stage>.md (system prompts), prompts/messages.md (runtime message
// templates as `## key` sections), prompts/tools.md (tool descriptions as `## name` sections),
// prompts/reference/core.md (the always-sent reference) and prompts/reference/<topic>.md (the
// rest, reachable through the api_reference tool, one section per `## ` heading).
#pragma once
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace partsmith::agent {

class PromptLibrary {
 public:
  // `root` empty: defaultRoot().
  explicit PromptLibrary(std::string root = {});

  // $PARTSMITH_PROMPTS, the source tree's prompts/, then the installed data directory.
  static std::string defaultRoot();
  const std::string& root() const { return m_root; }

  // A file under the root ("system/code.md"); throws std::runtime_error naming the path.
  const std::string& file(const std::string& relativePath);
  // The body of the `## heading` section of a file (without the heading line).
  std::string section(const std::string& relativePath, const std::string& heading);
  // {{name}} placeholders replaced; an unknown placeholder is left visible so a test sees it.
  static std::string fill(std::string text, const std::map<std::string, std::string>& values);
  std::string message(const std::string& key, const std::map<std::string, std::string>& values = {});

  // The API reference: the always-sent part, and the sections reachable through api_reference.
  const std::string& referenceCore();
  struct ReferenceSection {
    std::string id;     // "sketch", "selectors", "parts.holes"
    std::string title;  // the heading text
    std::string file;
    std::string body;
  };
  const std::vector<ReferenceSection>& referenceSections();
  // Finds by id (case-insensitive), or by a word of the title; nullptr when none matches.
  const ReferenceSection* findReference(const std::string& query);

  // Sections of a Markdown text split at `## ` headings: heading -> body.
  static std::vector<std::pair<std::string, std::string>> splitSections(const std::string& text);

 private:
  std::string m_root;
  std::mutex m_mutex;
  std::map<std::string, std::string> m_files;
  std::vector<ReferenceSection> m_sections;
  bool m_sectionsLoaded = false;
};

}  // namespace partsmith::agent
