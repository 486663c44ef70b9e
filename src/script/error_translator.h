// Turns what QJSEngine reports (syntax errors, thrown exceptions, errors raised by the
// bindings) into ScriptErrors: kind, message, 1-based line and column, the source line and a
// hint, including the constructs QJSEngine 6.4 lacks and the Python habits LLMs bring along.
#pragma once
#include <string>
#include <vector>

#include <QJSValue>
#include <QString>

#include "script/script_error.h"

namespace partsmith::script {

class ErrorTranslator {
 public:
  // `source` is the script as the user wrote it; `scriptFile` the name it was evaluated
  // under; `firstLineShift` the characters the engine prepended to line 1.
  ErrorTranslator(const std::string& source, QString scriptFile, int firstLineShift = 0);

  ScriptError translate(const QJSValue& error) const;

  // The 1-based line of the innermost frame of the user's script in a JS stack trace.
  int lineFromStack(const QString& stack) const;
  const std::string& sourceLine(int line) const;

 private:
  void syntaxHints(ScriptError& e, const std::string& token) const;
  void pythonHints(ScriptError& e) const;
  bool classFieldHint(ScriptError& e) const;
  int findColumn(int line, const std::string& needle, bool wholeWord = false) const;
  static int firstNonSpace(const std::string& text);

  std::vector<std::string> m_lines;
  QString m_scriptFile;
  int m_firstLineShift;
};

}  // namespace partsmith::script
