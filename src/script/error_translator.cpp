#include "script/error_translator.h"

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "script/text_distance.h"

namespace partsmith::script {

namespace {

const std::string kEmpty;

bool contains(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return {};
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

}  // namespace

ErrorTranslator::ErrorTranslator(const std::string& source, QString scriptFile, int firstLineShift)
    : m_scriptFile(std::move(scriptFile)), m_firstLineShift(firstLineShift) {
  std::stringstream in(source);
  std::string line;
  while (std::getline(in, line)) m_lines.push_back(line);
}

const std::string& ErrorTranslator::sourceLine(int line) const {
  if (line < 1 || size_t(line) > m_lines.size()) return kEmpty;
  return m_lines[size_t(line - 1)];
}

int ErrorTranslator::firstNonSpace(const std::string& text) {
  size_t p = text.find_first_not_of(" \t");
  return p == std::string::npos ? 1 : int(p) + 1;
}

int ErrorTranslator::findColumn(int line, const std::string& needle, bool wholeWord) const {
  const std::string& text = sourceLine(line);
  if (needle.empty()) return 0;
  size_t pos = 0;
  while ((pos = text.find(needle, pos)) != std::string::npos) {
    auto isWord = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
    bool ok = !wholeWord || ((pos == 0 || !isWord(text[pos - 1])) &&
                             (pos + needle.size() >= text.size() || !isWord(text[pos + needle.size()])));
    if (ok) return int(pos) + 1;
    ++pos;
  }
  return 0;
}

int ErrorTranslator::lineFromStack(const QString& stack) const {
  // Frames look like "name@file:partsmith-script.js:12", innermost first.
  const QStringList frames = stack.split('\n');
  const QString marker = m_scriptFile + ':';
  for (const QString& frame : frames) {
    int at = frame.lastIndexOf(marker);
    if (at < 0) continue;
    bool ok = false;
    int line = frame.mid(at + marker.size()).toInt(&ok);
    if (ok && line > 0) return line;
  }
  return 0;
}

ScriptError ErrorTranslator::translate(const QJSValue& error) const {
  ScriptError e;
  std::string name = error.property("name").toString().toStdString();
  std::string message = error.isError() || error.isObject() ? error.property("message").toString().toStdString()
                                                            : error.toString().toStdString();
  QJSValue kind = error.property("kind");
  QJSValue operation = error.property("operation");
  e.hint = error.property("hint").isString() ? error.property("hint").toString().toStdString() : std::string();
  e.message = message;
  if (!error.isObject()) e.message = "the script threw " + error.toString().toStdString();

  e.line = lineFromStack(error.property("stack").toString());
  if (e.line == 0 && error.property("lineNumber").isNumber()) {
    // lineNumber is where the error object was made: the user's line for syntax errors and
    // for errors created in the script itself.
    QString file = error.property("fileName").toString();
    if (file.isEmpty() || file.endsWith(m_scriptFile)) e.line = error.property("lineNumber").toInt();
  }
  if (size_t(e.line) > m_lines.size()) e.line = int(m_lines.size());
  e.source = sourceLine(e.line);

  if (kind.isString()) {
    // Raised by a binding: the kernel or an argument check.
    e.kind = kind.toString().toStdString();
    std::string op = operation.isString() ? operation.toString().toStdString() : std::string();
    if (op.empty()) {
      static const std::regex opPrefix(R"(^([A-Za-z_][A-Za-z0-9_]*):)");
      std::smatch m;
      if (std::regex_search(e.message, m, opPrefix)) op = m[1];
    }
    std::string call = error.property("call").isString() ? error.property("call").toString().toStdString() : "";
    for (const std::string& name : {call, op}) {
      if (name.empty() || e.column > 0) continue;
      e.column = findColumn(e.line, "." + name + "(");
      if (e.column > 0) ++e.column;  // point at the method name, not the dot
      else e.column = findColumn(e.line, name + "(", true);
    }
  } else if (name == "SyntaxError") {
    e.kind = "syntax";
    std::smatch m;
    static const std::regex tokenRe(R"(Unexpected token `([^']*)')");
    std::string token;
    if (std::regex_search(message, m, tokenRe)) token = m[1];
    e.message = "syntax error: " + message;
    syntaxHints(e, token);
  } else if (name == "RangeError" && contains(message, "call stack")) {
    // The innermost frame is the entry of the recursive function; the line that recurs most
    // in the stack is the recursive call itself.
    std::map<int, int> counts;
    for (const QString& frame : error.property("stack").toString().split('\n')) {
      int l = lineFromStack(frame);
      if (l > 0) ++counts[l];
    }
    int best = 0;
    for (const auto& [l, n] : counts)
      if (best == 0 || n > counts[best]) best = l;
    if (best > 0) {
      e.line = best;
      e.source = sourceLine(best);
    }
    e.kind = "limit";
    e.message = "too much recursion: functions called each other too deeply (" + message + ")";
    e.hint = "check that a recursive function has a base case that stops it";
  } else if (std::regex_search(message, std::regex("out of memory|invalid (string|array buffer) length",
                                                     std::regex::icase))) {
    // The engine's own allocation failed (new Float64Array(1e9), a string or array that keeps
    // doubling): the worker's memory limit was hit, like the kernel's "ran out of memory".
    e.kind = "limit";
    e.message = "the script ran out of memory (" + message + ")";
    e.hint = "the script's data grew too large for the memory limit: look for a loop that keeps adding to an array or "
             "string, or reduce sizes and counts";
  } else {
    e.kind = "api";
    static const std::regex notFunction(R"(Property '([^']+)' of object (.*) is not a function)");
    static const std::regex innerError(R"(^(?:TypeError|Error): (.*)$)");
    static const std::regex notDefined(R"(^(\S+) is not defined$)");
    std::smatch m;
    if (std::regex_search(message, m, notFunction)) {
      std::string method = m[1], object = m[2];
      std::smatch inner;
      // A missing method on a cq object: the lookup itself threw our "has no method" error.
      if (std::regex_match(object, inner, innerError)) {
        e.message = inner[1];
      } else {
        e.message = "'" + method + "' is not a function";
      }
      e.column = findColumn(e.line, "." + method + "(");
      if (e.column > 0) ++e.column;
    } else if (std::regex_search(message, m, notDefined)) {
      std::string id = m[1];
      e.column = findColumn(e.line, id, true);
      if (id == "True" || id == "False" || id == "None") {
        e.hint = "JavaScript writes true, false and null in lower case";
      } else if (id == "cadquery") {
        e.hint = "the cq namespace is already global: write cq.Workplane(...)";
      } else if (id == "show_object" || id == "debug" || id == "log") {
        e.hint = "use show(obj, name) for output and console.log(...) for messages";
      } else if (id == "BigInt") {
        e.hint = "BigInt is not supported by this JavaScript engine; plain numbers are exact for integers up to 2^53";
      } else if (id == "range" || id == "len" || id == "abs" || id == "math" || id == "pi") {
        e.hint = "this is Python: use for (let i = 0; i < n; i++), arr.length, Math.abs, Math.PI";
      }
      pythonHints(e);
    }
  }
  if (e.column == 0 && e.line > 0) e.column = firstNonSpace(e.source);
  if (e.line == 1 && e.column > m_firstLineShift && m_firstLineShift > 0 && e.kind == "syntax") {
    // Nothing to undo: syntax columns are searched in the user's own text.
  }
  return e;
}

void ErrorTranslator::syntaxHints(ScriptError& e, const std::string& token) const {
  const std::string& line = e.source;
  std::smatch m;
  auto at = [&](const std::string& needle) {
    int c = findColumn(e.line, needle);
    if (c > 0) e.column = c;
  };
  static const std::regex importRe(R"(^\s*(import|export)\b|\bimport\s*\()");
  static const std::regex logicalAssign(R"((\|\|=|&&=|\?\?=))");
  static const std::regex numericSep(R"(\b\d+(_\d+)+)");
  static const std::regex asyncRe(R"(\b(async|await)\b)");
  static const std::regex catchNoBinding(R"(\bcatch\s*\{)");
  static const std::regex bigIntRe(R"(\b(\d+|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)n\b)");
  if (std::regex_search(line, m, importRe)) {
    at(m[0].str().find("import") != std::string::npos ? "import" : "export");
    e.message = "syntax error: scripts cannot import or export modules";
    e.hint = "cq, parts, show and Math are already global; remove the import";
  } else if (classFieldHint(e)) {
  } else if (token == "identifier" && std::regex_search(line, m, bigIntRe)) {
    at(m[0]);
    e.message = "syntax error: BigInt literals like " + m[0].str() + " are not supported by this JavaScript engine";
    e.hint = "write " + m[1].str() + " without the n: numbers are doubles, exact for integers up to 2^53";
  } else if (token == "..." || (contains(line, "...") && contains(line, "{"))) {
    at("...");
    e.message = "syntax error: object spread {...obj} is not supported by this JavaScript engine";
    e.hint = "use Object.assign({}, obj) (spread in arrays [...a] and calls f(...a) works)";
  } else if (std::regex_search(line, m, logicalAssign)) {
    at(m[1]);
    std::string op = m[1];
    std::string bin = op.substr(0, 2);
    e.message = "syntax error: the " + op + " operator is not supported by this JavaScript engine";
    e.hint = "write a = a " + bin + " b instead of a " + op + " b";
  } else if (std::regex_search(line, m, numericSep)) {
    at(m[0]);
    e.message = "syntax error: numeric separators like " + m[0].str() + " are not supported";
    std::string plain = m[0];
    plain.erase(std::remove(plain.begin(), plain.end(), '_'), plain.end());
    e.hint = "write " + plain + " without underscores";
  } else if (std::regex_search(line, m, asyncRe)) {
    at(m[1]);
    e.message = "syntax error: async/await is not supported by this JavaScript engine";
    e.hint = "it is not needed: every cq call runs synchronously";
  } else if (std::regex_search(line, m, catchNoBinding)) {
    at("catch");
    e.hint = "write catch (e) { ... }: this engine needs the error variable";
  } else {
    pythonHints(e);
    if (e.hint.empty() && !token.empty() && token.find(' ') == std::string::npos) at(token);
  }
}

// QJSEngine 6.4 parses class bodies as ES2015 (methods only): a field `x = 3;`, `static y = 3;`
// or `#p = 1;` stops the parser with "Expected token `('" (or "`}'" after a private name) on
// the field's line, which says nothing about the cause.
bool ErrorTranslator::classFieldHint(ScriptError& e) const {
  if (!contains(e.message, "Expected token `('") && !contains(e.message, "Expected token `}'")) return false;
  static const std::regex classRe(R"(\bclass\s+([A-Za-z_$][\w$]*))");
  static const std::regex fieldRe(
      R"((?:^|[{;}]\s*)\s*((static\s+)?(#?)([A-Za-z_$][\w$]*))\s*(?:(=)\s*([^;]*?)\s*)?(?:;|$))");
  std::string className;
  bool inClass = false;
  for (int l = e.line; l >= 1 && !inClass; --l) {
    std::smatch c;
    const std::string& text = sourceLine(l);
    if (std::regex_search(text, c, classRe)) {
      inClass = true;
      className = c[1];
    }
  }
  if (!inClass) return false;
  const std::string& line = e.source;
  // On a one-line class the field follows the class head's brace.
  size_t from = 0;
  std::smatch head;
  if (std::regex_search(line, head, classRe)) {
    size_t brace = line.find('{', size_t(head.position(0)));
    if (brace == std::string::npos) return false;
    from = brace;
  }
  std::smatch m;
  std::string rest = line.substr(from);
  if (!std::regex_search(rest, m, fieldRe)) return false;
  const std::string name = m[4];
  if (name == "constructor" || name == "get" || name == "set") return false;
  const bool isStatic = m[2].matched, isPrivate = m[3].length() > 0;
  std::string value = m[5].matched ? trim(m[6]) : std::string();
  // `class A { x = 3 }`: the class's closing brace is not part of the value.
  if (!value.empty() && value.back() == '}' &&
      std::count(value.begin(), value.end(), '{') < std::count(value.begin(), value.end(), '}'))
    value = trim(value.substr(0, value.size() - 1));
  if (value.empty()) value = "undefined";
  e.column = int(from + size_t(m.position(1))) + 1;
  if (isPrivate) {
    e.message = "syntax error: private class members (#" + name +
                ") are not supported by the script engine (QJSEngine 6.4)";
    e.hint = "use an ordinary property assigned in the constructor: this._" + name + " = " + value;
  } else if (isStatic) {
    e.message = "syntax error: static class fields are not supported by the script engine (QJSEngine 6.4)";
    e.hint = "assign it after the class: " + (className.empty() ? std::string("MyClass") : className) + "." + name +
             " = " + value;
  } else {
    e.message = "syntax error: class fields are not supported by the script engine (QJSEngine 6.4)";
    e.hint = "assign them in the constructor: this." + name + " = " + value;
  }
  return true;
}

void ErrorTranslator::pythonHints(ScriptError& e) const {
  const std::string line = trim(e.source);
  std::smatch m;
  static const std::regex kwarg(R"(([A-Za-z_$][\w$]*)\s*\((?:[^()]*,)?\s*([A-Za-z_]\w*)\s*=\s*([^=,)][^,)]*))");
  static const std::regex pyBlock(R"(^(def|class|if|elif|else|for|while|with|try|except)\b.*:\s*(#.*)?$)");
  static const std::regex pyFor(R"(^for\s+\w+\s+in\s+)");
  if (!line.empty() && line[0] == '#') {
    e.column = firstNonSpace(e.source);
    e.hint = "JavaScript comments start with // (or /* ... */), not #";
  } else if (std::regex_search(line, m, kwarg) && !contains(line, "=>") && !contains(line, "==")) {
    std::string fn = m[1], key = m[2], value = trim(m[3]);
    if (value == "True") value = "true";
    else if (value == "False") value = "false";
    else if (value == "None") value = "null";
    int c = findColumn(e.line, key + "=");
    if (c == 0) c = findColumn(e.line, key, true);
    if (c > 0) e.column = c;
    e.message = "keyword arguments like " + key + "=... are Python syntax";
    e.hint = "use an options object: " + fn + "(..., {" + key + ": " + value + "})";
    if (fn == "box" && key == "centered") e.hint = "use an options object: box(1, 2, 3, {centered: " + value + "})";
  } else if (std::regex_search(line, m, pyFor)) {
    e.hint = "this is Python: write for (const x of list) { ... } or for (let i = 0; i < n; i++) { ... }";
  } else if (std::regex_search(line, m, pyBlock)) {
    e.hint = "this looks like Python; Partsmith scripts are JavaScript: function f(a) { ... }, if (x) { ... }";
  } else if (contains(line, "lambda ")) {
    e.hint = "this is Python: write (x) => x * 2 instead of lambda x: x * 2";
  }
}

}  // namespace partsmith::script
