#include "script/parameter_parser.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include <nlohmann/json.hpp>

namespace partsmith::script {
namespace {

bool isIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A whole-string number in JS literal syntax (sign, decimals, exponent; no hex, no "5px").
std::optional<double> parseNumberText(const std::string& raw) {
  const std::string s = trim(raw);
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && isDigit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isDigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
    if (j >= s.size() || !isDigit(s[j])) return std::nullopt;
    while (j < s.size() && isDigit(s[j])) ++j;
    i = j;
  }
  if (i != s.size()) return std::nullopt;
  double v = std::strtod(s.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

// Digits written after the decimal point ("2.40" -> 2, "1e-3" -> 3, "5" -> 0).
int decimalsOf(const std::string& text) {
  const std::string s = trim(text);
  int decimals = 0;
  size_t dot = s.find('.');
  size_t exp = s.find_first_of("eE");
  if (dot != std::string::npos) decimals = static_cast<int>((exp == std::string::npos ? s.size() : exp) - dot - 1);
  if (exp != std::string::npos) decimals -= std::atoi(s.c_str() + exp + 1);
  return std::max(0, decimals);
}

std::string formatNumber(double v) {
  if (v == 0) return "0";
  if (std::nearbyint(v) == v && std::abs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

// Smallest 1/2/5·10^n that is >= x (x > 0).
double niceCeil(double x) {
  double decade = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * decade >= x * (1 - 1e-12)) return m * decade;
  return 10 * decade;
}

void applyDefaultRange(Parameter& p, double v) {
  const double a = std::abs(v);
  const double x = a == 0 ? 1 : niceCeil(2 * a);
  p.min = v < 0 ? -x : 0;
  p.max = x;
  p.step = (std::nearbyint(v) == v) ? 1.0 : std::pow(10.0, std::floor(std::log10(a))) / 10;
}

std::string typeName(const ParamValue& v) {
  if (std::holds_alternative<double>(v)) return "number";
  if (std::holds_alternative<bool>(v)) return "boolean";
  return "string";
}

std::string valueText(const ParamValue& v) {
  if (auto d = std::get_if<double>(&v)) return formatNumber(*d);
  if (auto b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "\"" + std::get<std::string>(v) + "\"";
}

bool sameValue(const ParamValue& a, const ParamValue& b) {
  if (a.index() != b.index()) return false;
  if (auto x = std::get_if<double>(&a)) {
    double y = std::get<double>(b);
    return std::abs(*x - y) <= 1e-9 * std::max({1.0, std::abs(*x), std::abs(y)});
  }
  return a == b;
}

// Splits a drop-down spec on commas outside quotes.
std::vector<std::string> splitItems(const std::string& s) {
  std::vector<std::string> items;
  std::string cur;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
      cur += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      cur += c;
    } else if (c == ',') {
      items.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  items.push_back(trim(cur));
  return items;
}

std::string unquote(const std::string& s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    return s.substr(1, s.size() - 2);
  return s;
}

// Applies a `[...]` spec (without the brackets) to p; false when it does not fit p's type.
bool applySpec(Parameter& p, const std::string& spec, const std::string& valueLiteral) {
  if (p.type == "boolean") return true;  // a check box whatever the spec says
  const std::vector<std::string> items = splitItems(spec);
  if (p.type == "number" && items.size() == 1) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
      size_t colon = spec.find(':', start);
      parts.push_back(spec.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    std::vector<double> nums;
    int decimals = decimalsOf(valueLiteral);
    for (const auto& part : parts) {
      auto n = parseNumberText(part);
      if (!n) break;
      nums.push_back(*n);
      decimals = std::max(decimals, decimalsOf(part));
    }
    if (nums.size() == parts.size() && parts.size() <= 3) {
      const double defaultStep = std::pow(10.0, -std::min(decimals, 6));
      if (parts.size() == 1) {  // [max]
        p.min = 0;
        p.max = nums[0];
        p.step = defaultStep;
      } else if (parts.size() == 2) {
        p.min = nums[0];
        p.max = nums[1];
        p.step = defaultStep;
      } else {
        if (nums[1] <= 0) return false;
        p.min = nums[0];
        p.step = nums[1];
        p.max = nums[2];
      }
      if (*p.min > *p.max) std::swap(*p.min, *p.max);
      return true;
    }
  }
  // Drop-down: value or value:label items.
  std::vector<ParameterOption> options;
  for (const auto& item : items) {
    if (item.empty()) return false;
    std::string valuePart = item, label;
    if (item.front() == '"' || item.front() == '\'') {
      size_t close = item.find(item.front(), 1);
      if (close == std::string::npos) return false;
      valuePart = item.substr(0, close + 1);
      std::string rest = trim(item.substr(close + 1));
      if (!rest.empty()) {
        if (rest.front() != ':') return false;
        label = trim(rest.substr(1));
      }
    } else if (size_t colon = item.find(':'); colon != std::string::npos) {
      valuePart = trim(item.substr(0, colon));
      label = trim(item.substr(colon + 1));
    }
    ParameterOption option;
    if (p.type == "number") {
      auto n = parseNumberText(valuePart);
      if (!n) return false;
      option.value = *n;
    } else {
      option.value = unquote(valuePart);
    }
    option.label = label.empty() ? unquote(valuePart) : unquote(label);
    options.push_back(std::move(option));
  }
  p.options = std::move(options);
  return true;
}

struct Literal {
  ParamValue value;
  size_t begin = 0, end = 0;
};

// Scans the parameter block. Positions are byte offsets into the source.
class Scanner {
 public:
  explicit Scanner(const std::string& src) : m_src(src) {}

  std::vector<Parameter> run() {
    std::vector<Parameter> params;
    for (;;) {
      skipBlank();
      if (atEnd()) break;
      if (startsWith("//")) {
        lineComment(/*ownLine=*/true);
        continue;
      }
      if (startsWith("/*")) {
        if (!blockComment()) break;
        continue;
      }
      if (!isIdentStart(peek())) break;
      const std::string word = readIdent();
      if (word == "import") {  // `import cadquery as cq` is ignored by the script layer
        skipToEol();
        continue;
      }
      if (word != "const" && word != "let" && word != "var") break;
      auto param = declaration();
      if (!param) break;
      params.push_back(std::move(*param));
    }
    return params;
  }

 private:
  std::optional<Parameter> declaration() {
    const int line = m_line;
    skipInline();
    if (atEnd() || !isIdentStart(peek())) return std::nullopt;
    Parameter p;
    p.name = readIdent();
    skipInline();
    if (atEnd() || peek() != '=') return std::nullopt;
    ++m_pos;
    skipInline();
    auto literal = readLiteral();
    if (!literal) return std::nullopt;
    skipInline();
    const bool semicolon = !atEnd() && peek() == ';';
    if (semicolon) ++m_pos;
    skipInline();
    std::string trailing;
    bool hasTrailing = false;
    if (startsWith("//")) {
      trailing = lineComment(/*ownLine=*/false);
      hasTrailing = true;
    } else if (!atEnd() && peek() != '\n' && peek() != '\r') {
      // More code on the line: fine after ';' (next statement), otherwise not a literal.
      if (!semicolon) return std::nullopt;
    }

    p.value = literal->value;
    p.type = typeName(literal->value);
    p.valueBegin = literal->begin;
    p.valueEnd = literal->end;
    p.line = line;
    p.group = m_group;
    p.hidden = m_hidden;
    const std::string literalText = m_src.substr(literal->begin, literal->end - literal->begin);

    std::string trailingDescription;
    bool ranged = false;
    if (hasTrailing) {
      std::string t = trim(trailing);
      size_t close = t.empty() || t.front() != '[' ? std::string::npos : t.find(']');
      if (close != std::string::npos && applySpec(p, t.substr(1, close - 1), literalText)) {
        ranged = p.min.has_value();
        trailingDescription = trim(t.substr(close + 1));
      } else {
        trailingDescription = t;
      }
    }
    if (p.type == "number" && !ranged && p.options.empty()) applyDefaultRange(p, std::get<double>(p.value));
    if (m_lastComment && m_lastComment->second == line - 1)
      p.description = m_lastComment->first;
    else
      p.description = trailingDescription;
    m_lastComment.reset();
    return p;
  }

  std::optional<Literal> readLiteral() {
    Literal lit;
    lit.begin = m_pos;
    const char c = peek();
    if (c == '"' || c == '\'') {
      std::string value;
      ++m_pos;
      for (;;) {
        if (atEnd() || peek() == '\n' || peek() == '\r') return std::nullopt;
        char ch = m_src[m_pos++];
        if (ch == c) break;
        if (ch != '\\') {
          value += ch;
          continue;
        }
        if (atEnd()) return std::nullopt;
        char esc = m_src[m_pos++];
        switch (esc) {
          case 'n': value += '\n'; break;
          case 't': value += '\t'; break;
          case 'r': value += '\r'; break;
          case 'b': value += '\b'; break;
          case 'f': value += '\f'; break;
          case 'v': value += '\v'; break;
          case '0': value += '\0'; break;
          case 'u': {
            if (m_pos + 4 > m_src.size()) return std::nullopt;
            unsigned code = 0;
            for (int i = 0; i < 4; ++i) {
              char h = m_src[m_pos++];
              if (!std::isxdigit(static_cast<unsigned char>(h))) return std::nullopt;
              code = code * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0'
                                                                                      : std::tolower(h) - 'a' + 10);
            }
            appendUtf8(value, code);
            break;
          }
          case '\n': ++m_line; break;  // line continuation
          default: value += esc; break;
        }
      }
      lit.value = value;
    } else if (isIdentStart(c)) {
      std::string word = readIdent();
      if (word == "true") lit.value = true;
      else if (word == "false") lit.value = false;
      else return std::nullopt;
    } else {
      size_t end = m_pos;
      if (end < m_src.size() && (m_src[end] == '-' || m_src[end] == '+')) ++end;
      while (end < m_src.size() && (isDigit(m_src[end]) || m_src[end] == '.' || m_src[end] == 'e' ||
                                    m_src[end] == 'E' ||
                                    ((m_src[end] == '-' || m_src[end] == '+') &&
                                     (m_src[end - 1] == 'e' || m_src[end - 1] == 'E'))))
        ++end;
      if (end < m_src.size() && isIdentChar(m_src[end])) return std::nullopt;  // 0x10, 5px
      auto n = parseNumberText(m_src.substr(m_pos, end - m_pos));
      if (!n) return std::nullopt;
      lit.value = *n;
      m_pos = end;
    }
    lit.end = m_pos;
    return lit;
  }

  static void appendUtf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // Reads `// text` to the end of the line; own-line comments are remembered as a possible
  // description for a declaration on the next line.
  std::string lineComment(bool ownLine) {
    m_pos += 2;
    const size_t start = m_pos;
    while (!atEnd() && peek() != '\n') ++m_pos;
    std::string text = trim(m_src.substr(start, m_pos - start));
    if (ownLine) m_lastComment = std::make_pair(text, m_line);
    return text;
  }

  // `/* [Group] */` switches group (`[Hidden]` hides what follows); other block comments
  // are skipped. False for an unterminated comment.
  bool blockComment() {
    const size_t start = m_pos + 2;
    const size_t close = m_src.find("*/", start);
    if (close == std::string::npos) return false;
    const std::string body = trim(m_src.substr(start, close - start));
    for (size_t i = m_pos; i < close; ++i)
      if (m_src[i] == '\n') ++m_line;
    m_pos = close + 2;
    if (body.size() >= 2 && body.front() == '[' && body.back() == ']' &&
        body.find(']') == body.size() - 1) {
      const std::string name = trim(body.substr(1, body.size() - 2));
      m_hidden = lower(name) == "hidden";
      m_group = m_hidden ? std::string() : name;
      m_lastComment.reset();
    }
    return true;
  }

  void skipBlank() {
    while (!atEnd() && std::isspace(static_cast<unsigned char>(peek()))) {
      if (peek() == '\n') ++m_line;
      ++m_pos;
    }
  }
  void skipInline() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t')) ++m_pos;
  }
  void skipToEol() {
    while (!atEnd() && peek() != '\n') ++m_pos;
  }
  std::string readIdent() {
    const size_t start = m_pos;
    while (!atEnd() && isIdentChar(peek())) ++m_pos;
    return m_src.substr(start, m_pos - start);
  }
  bool startsWith(const char* s) const { return m_src.compare(m_pos, std::char_traits<char>::length(s), s) == 0; }
  bool atEnd() const { return m_pos >= m_src.size(); }
  char peek() const { return m_src[m_pos]; }

  const std::string& m_src;
  size_t m_pos = 0;
  int m_line = 1;
  std::string m_group;
  bool m_hidden = false;
  std::optional<std::pair<std::string, int>> m_lastComment;  // text, line
};

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diag + (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                         std::tolower(static_cast<unsigned char>(b[j - 1]))
                                     ? 0
                                     : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string quoteLike(const std::string& value, char quote) {
  std::string out(1, quote);
  for (unsigned char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c == static_cast<unsigned char>(quote)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += quote;
  return out;
}

std::string optionList(const Parameter& p) {
  std::string list;
  for (const auto& o : p.options) {
    list += (list.empty() ? "" : ", ") + valueText(o.value);
    if (o.label != (std::holds_alternative<std::string>(o.value) ? std::get<std::string>(o.value)
                                                                  : valueText(o.value)))
      list += " (" + o.label + ")";
  }
  return list;
}

void checkValue(const Parameter& p, const ParamValue& v) {
  if (typeName(v) != p.type)
    throw ParameterError(p.name, "parameter '" + p.name + "' is a " + p.type + ", not the " + typeName(v) + " " +
                                     valueText(v));
  if (auto d = std::get_if<double>(&v); d && !std::isfinite(*d))
    throw ParameterError(p.name, "parameter '" + p.name + "' needs a finite number");
  if (!p.options.empty() &&
      std::none_of(p.options.begin(), p.options.end(), [&](const auto& o) { return sameValue(o.value, v); }))
    throw ParameterError(p.name, "parameter '" + p.name + "' cannot be " + valueText(v) + "; it is one of: " +
                                     optionList(p));
}

}  // namespace

std::vector<Parameter> parseParameters(const std::string& source) { return Scanner(source).run(); }

ParamValue parseOverride(const Parameter& p, const std::string& rawText) {
  const std::string text = trim(rawText);
  ParamValue value;
  if (p.type == "number") {
    auto n = parseNumberText(text);
    if (!n) {
      // A drop-down label stands for its value ("M3" -> 3).
      auto it = std::find_if(p.options.begin(), p.options.end(), [&](const auto& o) { return o.label == text; });
      if (it == p.options.end())
        throw ParameterError(p.name, "parameter '" + p.name + "' expects a number, got '" + text + "'");
      value = it->value;
    } else {
      value = *n;
    }
  } else if (p.type == "boolean") {
    const std::string t = lower(text);
    if (t == "true" || t == "1") value = true;
    else if (t == "false" || t == "0") value = false;
    else throw ParameterError(p.name, "parameter '" + p.name + "' expects true or false, got '" + text + "'");
  } else {
    std::string s = unquote(text);
    auto byValue = std::find_if(p.options.begin(), p.options.end(),
                                [&](const auto& o) { return std::get<std::string>(o.value) == s; });
    if (byValue == p.options.end()) {
      auto byLabel = std::find_if(p.options.begin(), p.options.end(), [&](const auto& o) { return o.label == s; });
      if (byLabel != p.options.end()) s = std::get<std::string>(byLabel->value);
    }
    value = s;
  }
  checkValue(p, value);
  return value;
}

std::string applyParameterOverrides(const std::string& source, const std::map<std::string, ParamValue>& overrides) {
  const std::vector<Parameter> params = parseParameters(source);
  struct Edit {
    size_t begin, end;
    std::string text;
  };
  std::vector<Edit> edits;
  for (const auto& [name, value] : overrides) {
    bool found = false;
    for (const auto& p : params) {
      if (p.name != name) continue;
      found = true;
      checkValue(p, value);
      std::string text;
      if (auto d = std::get_if<double>(&value)) text = formatNumber(*d);
      else if (auto b = std::get_if<bool>(&value)) text = *b ? "true" : "false";
      else text = quoteLike(std::get<std::string>(value), source[p.valueBegin]);
      edits.push_back({p.valueBegin, p.valueEnd, text});
    }
    if (found) continue;
    std::string message = "unknown parameter '" + name + "'";
    if (params.empty()) {
      message += "; the script declares no parameters";
    } else {
      const Parameter* best = nullptr;
      size_t bestDistance = 0;
      std::string names;
      for (const auto& p : params) {
        size_t d = editDistance(name, p.name);
        if (!best || d < bestDistance) best = &p, bestDistance = d;
        names += (names.empty() ? "" : ", ") + p.name;
      }
      if (bestDistance <= std::max<size_t>(2, name.size() / 3)) message += "; did you mean '" + best->name + "'?";
      message += " (parameters: " + names + ")";
    }
    throw ParameterError(name, message);
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  std::string out = source;
  for (const auto& e : edits) out.replace(e.begin, e.end - e.begin, e.text);
  return out;
}

void to_json(nlohmann::json& j, const Parameter& p) {
  auto valueJson = [](const ParamValue& v) -> nlohmann::json {
    if (auto d = std::get_if<double>(&v)) return *d;
    if (auto b = std::get_if<bool>(&v)) return *b;
    return std::get<std::string>(v);
  };
  auto optional = [](const std::optional<double>& v) -> nlohmann::json {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  nlohmann::json options = nlohmann::json::array();
  for (const auto& o : p.options) options.push_back({{"value", valueJson(o.value)}, {"label", o.label}});
  j = nlohmann::json{{"name", p.name},
                     {"value", valueJson(p.value)},
                     {"type", p.type},
                     {"min", optional(p.min)},
                     {"max", optional(p.max)},
                     {"step", optional(p.step)},
                     {"options", options},
                     {"group", p.group},
                     {"description", p.description},
                     {"hidden", p.hidden},
                     {"line", p.line}};
}

}  // namespace partsmith::script
