// Recursive-descent parser for CadQuery's string selectors (selectors.py's pyparsing grammar).
//
//   expr    := notExpr
//   notExpr := "not" notExpr | excExpr               ("not" has the LOWEST precedence)
//   excExpr := orExpr  (("exc" | "except") orExpr)*
//   orExpr  := andExpr ("or" andExpr)*
//   andExpr := primary ("and" primary)*
//   primary := atom | "(" expr ")" | "not" notExpr   (the last is our extension: CadQuery
//                                                     rejects "A and not B"; here "not"
//                                                     still reaches as far right as it can,
//                                                     so "A and not B or C" = A and not (B or C))
// Whitespace between tokens is free, as pyparsing allows. Directions, keywords, named views
// are case-sensitive; geometry types are not.
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>

#include <gp_Vec.hxx>

#include "kernel/kernel_error.h"
#include "kernel/selector.h"
#include "kernel/selector_classes.h"

namespace partsmith::kernel {
namespace {

const char* const kFormsHint =
    "valid selectors: >Z <Z >Z[-2] <Z[1] >>X <<Y[0] |Z #Z +Z -Z Z %PLANE %CYLINDER %LINE %CIRCLE "
    "front back left right top bottom; directions X Y Z XY XZ YZ or (x, y, z); combine with and, or, "
    "exc, not and parentheses, e.g. \"|Z or <Z\", \"not(<X or >X)\"";
const char* const kDirHint = "directions are X, Y, Z, XY, XZ, YZ (upper case) or a vector such as (1, 1, 0)";

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class SelectorParser {
 public:
  explicit SelectorParser(const std::string& text) : m_text(text) {}

  SelectorPtr parse() {
    skipSpace();
    if (atEnd()) fail("empty selector", "write a selector such as \">Z\" or \"|Z\"");
    SelectorPtr result = parseNot();
    skipSpace();
    if (!atEnd()) {
      if (peek() == ')') fail("unmatched ')' at position " + std::to_string(m_pos), kFormsHint);
      fail("unexpected '" + snippet(m_pos) + "' at position " + std::to_string(m_pos) +
               "; expected 'and', 'or', 'exc', 'except' or the end of the selector",
           kFormsHint);
    }
    return result;
  }

 private:
  // -- expression levels --------------------------------------------------------------
  SelectorPtr parseNot() {
    skipSpace();
    if (acceptKeyword("not")) {
      skipSpace();
      if (atEnd()) fail("'not' at the end of the selector needs a selector after it", kFormsHint);
      return selectorNot(parseNot());
    }
    return parseExc();
  }

  SelectorPtr parseExc() {
    SelectorPtr left = parseOr();
    for (;;) {
      skipSpace();
      size_t at = m_pos;
      if (!acceptKeyword("except") && !acceptKeyword("exc")) return left;
      SelectorPtr right = operand(at, "exc", [this] { return parseOr(); });
      left = selectorSubtract(left, right);
    }
  }

  SelectorPtr parseOr() {
    SelectorPtr left = parseAnd();
    for (;;) {
      skipSpace();
      size_t at = m_pos;
      if (!acceptKeyword("or")) return left;
      SelectorPtr right = operand(at, "or", [this] { return parseAnd(); });
      left = selectorOr(left, right);
    }
  }

  SelectorPtr parseAnd() {
    SelectorPtr left = parsePrimary();
    for (;;) {
      skipSpace();
      size_t at = m_pos;
      if (!acceptKeyword("and")) return left;
      SelectorPtr right = operand(at, "and", [this] { return parsePrimary(); });
      left = selectorAnd(left, right);
    }
  }

  template <typename F>
  SelectorPtr operand(size_t opPos, const char* op, F parseNext) {
    skipSpace();
    if (atEnd())
      fail(std::string("'") + op + "' at position " + std::to_string(opPos) + " needs a selector after it",
           kFormsHint);
    return parseNext();
  }

  SelectorPtr parsePrimary() {
    skipSpace();
    if (atEnd()) fail("expected a selector at position " + std::to_string(m_pos), kFormsHint);
    if (peek() == '(') {
      size_t open = m_pos;
      // pyparsing tries the atom first: "(1, 1, 0)" is a bare direction, not a group.
      if (looksLikeVector()) {
        gp_Vec v = parseVector();
        return directionSelector(checkedDir(v, open), atomText(open));
      }
      ++m_pos;
      SelectorPtr inner = parseNot();
      skipSpace();
      if (atEnd() || peek() != ')') {
        if (atEnd())
          fail("missing ')' to close the '(' at position " + std::to_string(open), kFormsHint);
        fail("expected ')' to close the '(' at position " + std::to_string(open) + " but found '" +
                 snippet(m_pos) + "' at position " + std::to_string(m_pos),
             kFormsHint);
      }
      ++m_pos;
      return inner;
    }
    if (peekKeyword("not")) return parseNot();
    return parseAtom();
  }

  // -- atoms ----------------------------------------------------------------------------
  SelectorPtr parseAtom() {
    const size_t start = m_pos;
    const char c = peek();
    if ((c == '>' || c == '<') && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == c) {
      m_pos += 2;
      gp_Vec dir = parseDirection(start, c == '>' ? ">>" : "<<");
      std::optional<int> index = parseIndex();
      return centerNthSelector(dir, index.value_or(-1), c == '>', atomText(start));
    }
    if (c == '>' || c == '<') {
      ++m_pos;
      gp_Vec dir = parseDirection(start, std::string(1, c));
      std::optional<int> index = parseIndex();
      if (index) return directionNthSelector(dir, *index, c == '>', atomText(start));
      return directionMinMaxSelector(dir, c == '>', atomText(start));
    }
    if (c == '|' || c == '#' || c == '+' || c == '-') {
      ++m_pos;
      gp_Vec dir = parseDirection(start, std::string(1, c));
      const std::string text = atomText(start);
      if (c == '|') return parallelDirSelector(dir, text);
      if (c == '#') return perpendicularDirSelector(dir, text);
      return directionSelector(c == '+' ? dir : dir.Reversed(), text);
    }
    if (c == '%') {
      ++m_pos;
      skipSpace();
      const size_t typePos = m_pos;
      std::string word = readWord();
      if (word.empty())
        fail("expected a geometry type after '%' at position " + std::to_string(start) + ", found " +
                 describeHere(),
             "types: PLANE CYLINDER CONE SPHERE TORUS BEZIER BSPLINE REVOLUTION EXTRUSION OFFSET OTHER "
             "(faces), LINE CIRCLE ELLIPSE HYPERBOLA PARABOLA (edges); case does not matter");
      try {
        return typeSelector(word, atomText(start));
      } catch (const KernelError& e) {
        fail("unknown geometry type '" + word + "' at position " + std::to_string(typePos), e.hint());
      }
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      std::string word = readWord();
      if (auto dir = simpleDirection(word)) return directionSelector(*dir, word);
      if (auto view = namedView(word)) return directionMinMaxSelector(view->first, view->second, word);
      if (word == "and" || word == "or" || word == "exc" || word == "except")
        fail("'" + word + "' at position " + std::to_string(start) + " needs a selector before it", kFormsHint);
      fail("unknown selector '" + word + "' at position " + std::to_string(start), suggestion(word));
    }
    fail("unexpected '" + snippet(m_pos) + "' at position " + std::to_string(m_pos) + "; expected a selector",
         kFormsHint);
  }

  gp_Vec parseDirection(size_t atomStart, const std::string& op) {
    skipSpace();
    const size_t at = m_pos;
    if (!atEnd() && peek() == '(') return checkedDir(parseVector(), at);
    std::string word = readWord();
    if (auto dir = simpleDirection(word)) return *dir;
    const std::string found = word.empty() ? describeHere() : "'" + word + "'";
    std::string hint = kDirHint;
    if (auto fix = directionFix(word)) hint = "did you mean '" + op + *fix + "'? " + hint;
    fail("expected a direction after '" + op + "' at position " + std::to_string(atomStart) + ", found " + found +
             (word.empty() ? "" : " at position " + std::to_string(at)),
         hint);
  }

  // "[" ["-"] DIGITS "]", whitespace allowed between the tokens.
  std::optional<int> parseIndex() {
    skipSpace();
    if (atEnd() || peek() != '[') return std::nullopt;
    const size_t open = m_pos++;
    skipSpace();
    bool negative = false;
    if (!atEnd() && peek() == '-') {
      negative = true;
      ++m_pos;
      skipSpace();
    }
    const size_t digits = m_pos;
    while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek()))) ++m_pos;
    if (digits == m_pos)
      fail("expected a whole number index inside '[' at position " + std::to_string(open) + ", found " +
               describeHere(),
           "write an index such as [0], [1] or [-2]");
    if (m_pos - digits > 9) fail("index at position " + std::to_string(digits) + " is too large");
    int value = std::atoi(m_text.substr(digits, m_pos - digits).c_str());
    skipSpace();
    if (atEnd() || peek() != ']')
      fail("expected ']' to close the index '[' at position " + std::to_string(open) + ", found " + describeHere(),
           "write an index such as [0], [1] or [-2]");
    ++m_pos;
    return negative ? -value : value;
  }

  // Cheap look-ahead: "(" then optional space, then a sign or digit.
  bool looksLikeVector() const {
    size_t p = m_pos + 1;
    while (p < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[p]))) ++p;
    if (p >= m_text.size()) return false;
    char c = m_text[p];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return true;
    if ((c == '+' || c == '-') && p + 1 < m_text.size())
      return std::isdigit(static_cast<unsigned char>(m_text[p + 1])) || m_text[p + 1] == '.';
    return false;
  }

  // "(" num "," num "," num ")"; num := [+-]DIGITS["." [DIGITS]] as in CadQuery.
  gp_Vec parseVector() {
    const size_t open = m_pos++;
    double xyz[3];
    for (int i = 0; i < 3; ++i) {
      skipSpace();
      xyz[i] = parseNumber(open);
      skipSpace();
      const char expected = i < 2 ? ',' : ')';
      if (atEnd() || peek() != expected)
        fail(std::string("expected '") + expected + "' in the direction vector at position " +
                 std::to_string(m_pos) + ", found " + describeHere(),
             "write a vector as (x, y, z), e.g. (1, 1, 0) or (0, -1, 0.5)");
      ++m_pos;
    }
    return gp_Vec(xyz[0], xyz[1], xyz[2]);
  }

  double parseNumber(size_t open) {
    const size_t start = m_pos;
    if (!atEnd() && (peek() == '+' || peek() == '-')) ++m_pos;
    const size_t digits = m_pos;
    while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek()))) ++m_pos;
    const bool hasDigits = m_pos > digits;
    if (hasDigits && !atEnd() && peek() == '.') {
      ++m_pos;
      while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek()))) ++m_pos;
    }
    if (!hasDigits || (!atEnd() && (peek() == 'e' || peek() == 'E' || peek() == '.'))) {
      m_pos = start;
      fail("expected a number at position " + std::to_string(start) + " in the direction vector that starts at " +
               std::to_string(open) + ", found " + describeHere(),
           "numbers in a selector vector are written like 1, -2, 0.5 or 3. (no leading '.', no exponent)");
    }
    return std::strtod(m_text.substr(start, m_pos - start).c_str(), nullptr);
  }

  gp_Vec checkedDir(const gp_Vec& v, size_t at) {
    if (v.Magnitude() < 1e-12)
      fail("the direction at position " + std::to_string(at) + " has zero length", kDirHint);
    return v;
  }

  static std::optional<gp_Vec> simpleDirection(const std::string& w) {
    if (w == "X") return gp_Vec(1, 0, 0);
    if (w == "Y") return gp_Vec(0, 1, 0);
    if (w == "Z") return gp_Vec(0, 0, 1);
    if (w == "XY") return gp_Vec(1, 1, 0);
    if (w == "XZ") return gp_Vec(1, 0, 1);
    if (w == "YZ") return gp_Vec(0, 1, 1);
    return std::nullopt;
  }

  static std::optional<std::pair<gp_Vec, bool>> namedView(const std::string& w) {
    if (w == "front") return std::make_pair(gp_Vec(0, 0, 1), true);
    if (w == "back") return std::make_pair(gp_Vec(0, 0, 1), false);
    if (w == "left") return std::make_pair(gp_Vec(1, 0, 0), false);
    if (w == "right") return std::make_pair(gp_Vec(1, 0, 0), true);
    if (w == "top") return std::make_pair(gp_Vec(0, 1, 0), true);
    if (w == "bottom") return std::make_pair(gp_Vec(0, 1, 0), false);
    return std::nullopt;
  }

  // The spelling a user probably meant for a direction that CadQuery does not accept.
  static std::optional<std::string> directionFix(const std::string& w) {
    std::string upper;
    for (char c : w) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "ZX") return std::string("XZ");
    if (upper == "YX") return std::string("XY");
    if (upper == "ZY") return std::string("YZ");
    if (upper != w && simpleDirection(upper)) return upper;
    return std::nullopt;
  }

  static std::string suggestion(const std::string& word) {
    if (auto fix = directionFix(word)) return "did you mean '" + *fix + "'? " + kDirHint;
    std::string lower;
    for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower != word && (namedView(lower) || lower == "and" || lower == "or" || lower == "not" ||
                          lower == "exc" || lower == "except"))
      return "did you mean '" + lower + "'? keywords and view names are lower case; " + kFormsHint;
    return kFormsHint;
  }

  // -- lexing helpers ---------------------------------------------------------------------
  bool atEnd() const { return m_pos >= m_text.size(); }
  char peek() const { return m_text[m_pos]; }
  void skipSpace() {
    while (!atEnd() && std::isspace(static_cast<unsigned char>(peek()))) ++m_pos;
  }
  std::string readWord() {
    const size_t start = m_pos;
    while (!atEnd() && isWordChar(peek())) ++m_pos;
    return m_text.substr(start, m_pos - start);
  }
  bool peekKeyword(const char* kw) const {
    const std::string k(kw);
    if (m_text.compare(m_pos, k.size(), k) != 0) return false;
    const size_t after = m_pos + k.size();
    return after >= m_text.size() || !isWordChar(m_text[after]);
  }
  bool acceptKeyword(const char* kw) {
    if (!peekKeyword(kw)) return false;
    m_pos += std::string(kw).size();
    return true;
  }
  std::string snippet(size_t at) const {
    size_t end = at;
    if (end < m_text.size() && isWordChar(m_text[end])) {
      while (end < m_text.size() && isWordChar(m_text[end])) ++end;
    } else {
      end = at + 1;
    }
    return m_text.substr(at, end - at);
  }
  std::string describeHere() const {
    return atEnd() ? "the end of the selector" : "'" + snippet(m_pos) + "' at position " + std::to_string(m_pos);
  }
  std::string atomText(size_t start) const { return m_text.substr(start, m_pos - start); }

  [[noreturn]] void fail(const std::string& what, const std::string& hint = {}) const {
    throwApiError("selector", "bad selector \"" + m_text + "\": " + what, hint);
  }

  const std::string& m_text;
  size_t m_pos = 0;
};

}  // namespace

SelectorPtr parseSelector(const std::string& text) {
  SelectorPtr parsed = SelectorParser(text).parse();
  // Atoms already describe themselves with their own text; whole expressions get the string.
  return parsed->describe() == text ? parsed : describedSelector(parsed, text);
}

}  // namespace partsmith::kernel
