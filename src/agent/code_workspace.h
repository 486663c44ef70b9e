// The one script the code model works on: written whole, or edited by exact, unique
// replacement. Every change bumps the revision so the loop knows whether the last run still
// describes the current code.
#pragma once
#include <string>

namespace partsmith::agent {

class CodeWorkspace {
 public:
  explicit CodeWorkspace(std::string code = {}) : m_code(std::move(code)) {}

  const std::string& code() const { return m_code; }
  int revision() const { return m_revision; }
  bool empty() const { return m_code.empty(); }

  void write(std::string code);
  // Replaces the single occurrence of `oldText`. Returns an empty string on success, else the
  // reason in the model's terms (not found — with the closest line as a hint —, found N
  // times, empty old text, nothing written yet).
  std::string edit(const std::string& oldText, const std::string& newText);

 private:
  std::string m_code;
  int m_revision = 0;
};

}  // namespace partsmith::agent
