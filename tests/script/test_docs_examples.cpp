// Keeps docs/script-language.md honest: every ```js block in it is run through ScriptEngine.
//
// Conventions of the document (also described at its top):
// - ```js            the block must run without errors (and so show at least one part).
// - ```js error      the block must fail; the ```text block right after it starts with
//                    "error: <kind>: <message>" (exact message), optionally followed by
//                    "line: <n>" and "hint: <text>" lines (exact).
// - ```js param:NAME=VALUE ...   the run gets these parameter overrides (as --param does).
// - A ```text block right after a js block (blank lines between are fine) whose first line is
//   "log:" lists the exact console.log lines of the run; "facts:" is followed by a JSON object
//   that must match the facts of the first part shown (only the keys given; numbers to 1e-6
//   relative); "params:" is followed by a JSON array matched against the run's parameters
//   the same way. Several such blocks may follow one js block.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kernel/facts.h"
#include "script/parameter_parser.h"
#include "script_test_support.h"
#include "test_paths.h"

using namespace partsmith;
using nlohmann::json;

namespace {

struct Fence {
  std::string info;  // everything after the backticks, trimmed
  std::vector<std::string> lines;
  int line = 0;  // 1-based line of the opening fence
};

struct Example {
  Fence code;
  std::vector<Fence> expectations;  // the text blocks that follow it
};

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return {};
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string docPath() { return test::sourceDir() + "/docs/script-language.md"; }

std::string readDoc() {
  std::ifstream in(docPath(), std::ios::binary);
  REQUIRE(in.good());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Fenced blocks in document order; blank-line-only gaps between blocks are remembered so an
// expectation block can be tied to the code block just before it.
std::vector<Example> examples(const std::string& doc) {
  std::vector<std::string> lines;
  {
    std::istringstream in(doc);
    for (std::string l; std::getline(in, l);) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      lines.push_back(l);
    }
  }
  std::vector<Example> out;
  bool lastWasJs = false;  // only blank lines since the previous js block (or its expectations)
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string t = trim(lines[i]);
    if (t.rfind("```", 0) != 0) {
      if (!t.empty()) lastWasJs = false;
      continue;
    }
    const size_t indent = lines[i].find('`');
    Fence f;
    f.info = trim(t.substr(3));
    f.line = int(i) + 1;
    size_t j = i + 1;
    for (; j < lines.size() && trim(lines[j]) != "```"; ++j)
      f.lines.push_back(lines[j].size() >= indent && trim(lines[j].substr(0, indent)).empty() ? lines[j].substr(indent)
                                                                                          : trim(lines[j]));
    i = j;
    const std::vector<std::string> info = words(f.info);
    const std::string lang = info.empty() ? "" : info[0];
    if (lang == "js") {
      out.push_back({f, {}});
      lastWasJs = true;
    } else if (lang == "text" && lastWasJs && !f.lines.empty()) {
      const std::string head = trim(f.lines[0]);
      if (head.rfind("error:", 0) == 0 || head == "log:" || head == "facts:" || head == "params:")
        out.back().expectations.push_back(f);
      else
        lastWasJs = false;
    } else {
      lastWasJs = false;
    }
  }
  return out;
}

std::string joinLines(const std::vector<std::string>& lines, size_t from = 0) {
  std::string s;
  for (size_t k = from; k < lines.size(); ++k) s += lines[k] + "\n";
  return s;
}

// `expected` is a partial description of `actual`: object keys given must match, arrays
// element by element (same length), numbers to 1e-6 relative (1e-9 absolute near 0).
bool matches(const json& expected, const json& actual, std::string& where) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) {
        where += "." + it.key() + " (missing)";
        return false;
      }
      std::string sub = where + "." + it.key();
      if (!matches(it.value(), actual.at(it.key()), sub)) {
        where = sub;
        return false;
      }
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      where += " (array size)";
      return false;
    }
    for (size_t k = 0; k < expected.size(); ++k) {
      std::string sub = where + "[" + std::to_string(k) + "]";
      if (!matches(expected[k], actual[k], sub)) {
        where = sub;
        return false;
      }
    }
    return true;
  }
  if (expected.is_number()) {
    if (!actual.is_number()) return false;
    double e = expected.get<double>(), a = actual.get<double>();
    return std::abs(e - a) <= std::max(1e-9, 1e-6 * std::abs(e));
  }
  return expected == actual;
}

std::map<std::string, script::ParamValue> overridesOf(const Fence& code, const std::string& source) {
  std::map<std::string, script::ParamValue> out;
  const auto params = script::parseParameters(source);
  for (const auto& w : words(code.info)) {
    if (w.rfind("param:", 0) != 0) continue;
    const std::string assignment = w.substr(6);
    const size_t eq = assignment.find('=');
    REQUIRE(eq != std::string::npos);
    const std::string name = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    const script::Parameter* p = nullptr;
    for (const auto& q : params)
      if (q.name == name) p = &q;
    // parseOverride is what the CLI does with --param text. When it rejects the text, or
    // the name is unknown, the raw value goes to the engine so its own error is documented.
    try {
      if (p) {
        out[name] = script::parseOverride(*p, text);
        continue;
      }
    } catch (const script::ParameterError&) {
    }
    char* end = nullptr;
    const double n = std::strtod(text.c_str(), &end);
    if (!text.empty() && end && *end == '\0') out[name] = n;
    else if (text == "true" || text == "false") out[name] = text == "true";
    else out[name] = text;
  }
  return out;
}

}  // namespace

TEST_CASE("every js example in docs/script-language.md runs as the document says", "[docs]") {
  const std::string doc = readDoc();
  const auto list = examples(doc);
  // The reference has many examples; a parse slip that finds few would hide failures.
  REQUIRE(list.size() >= 60);
  int failures = 0, errorExamples = 0, checkedExpectations = 0;
  for (const auto& ex : list) {
    const std::string source = joinLines(ex.code.lines);
    const std::vector<std::string> flags = words(ex.code.info);
    const bool wantError = std::find(flags.begin(), flags.end(), "error") != flags.end();
    INFO("docs/script-language.md line " << ex.code.line << ":\n" << source);
    const auto r = test::runScript(source, overridesOf(ex.code, source));
    const script::ScriptError first = test::firstError(r);
    INFO("run ok=" << r.ok << " first error: [" << first.kind << "] " << first.message << " (line " << first.line
                   << ") hint: " << first.hint);
    if (!wantError) {
      CHECK(r.ok);
      CHECK(r.errors.empty());
      if (!r.ok) ++failures;
    } else {
      ++errorExamples;
      CHECK_FALSE(r.ok);
      bool hasErrorBlock = false;
      for (const auto& e : ex.expectations) hasErrorBlock |= trim(e.lines[0]).rfind("error:", 0) == 0;
      CHECK(hasErrorBlock);  // an error example must say which error
    }
    for (const auto& e : ex.expectations) {
      ++checkedExpectations;
      const std::string head = trim(e.lines[0]);
      INFO("expectation block at line " << e.line);
      if (head.rfind("error:", 0) == 0) {
        REQUIRE(wantError);
        const std::string rest = trim(head.substr(6));
        const size_t colon = rest.find(':');
        REQUIRE(colon != std::string::npos);
        CHECK(first.kind == trim(rest.substr(0, colon)));
        CHECK(first.message == trim(rest.substr(colon + 1)));
        for (size_t k = 1; k < e.lines.size(); ++k) {
          const std::string l = trim(e.lines[k]);
          if (l.rfind("line:", 0) == 0) CHECK(first.line == std::stoi(trim(l.substr(5))));
          else if (l.rfind("hint:", 0) == 0) CHECK(first.hint == trim(l.substr(5)));
          else if (!l.empty()) FAIL_CHECK("unknown line in an error block: " << l);
        }
      } else if (head == "log:") {
        std::vector<std::string> expected(e.lines.begin() + 1, e.lines.end());
        CHECK(r.log == expected);
      } else if (head == "facts:") {
        REQUIRE_FALSE(r.parts.empty());
        json actual = kernel::computeFacts(r.parts.front().shape);
        json expected = json::parse(joinLines(e.lines, 1));
        std::string where = "facts";
        INFO("actual facts: " << actual.dump());
        CHECK(matches(expected, actual, where));
        INFO(where);
      } else if (head == "params:") {
        json actual = r.parameters;
        json expected = json::parse(joinLines(e.lines, 1));
        std::string where = "params";
        INFO("actual parameters: " << actual.dump());
        CHECK(matches(expected, actual, where));
        INFO(where);
      }
    }
  }
  CHECK(failures == 0);
  CHECK(errorExamples >= 15);
  CHECK(checkedExpectations >= 30);
}

TEST_CASE("the reference names every Workplane method and cq member the engine provides", "[docs]") {
  const std::string doc = readDoc();
  // Ask the running engine, so methods and members added by prelude modules count too.
  const auto r = test::runScript(
      "const names = (o) => Object.getOwnPropertyNames(o).filter((n) => !n.startsWith('__') && n !== 'constructor' "
      "&& n !== 'toString');\n"
      "console.log(names(cq.Workplane.prototype).join(' '));\n"
      "console.log(Object.keys(cq).join(' '));\n"
      "console.log(Object.keys(parts).join(' '));\n"
      "show(cq.Workplane().box(1, 1, 1));\n");
  REQUIRE(r.ok);
  REQUIRE(r.log.size() == 3);
  const auto methods = words(r.log[0]);
  CHECK(methods.size() >= 80);
  for (const auto& m : methods) {
    INFO("Workplane method " << m << " is not documented as `" << m << "(`");
    CHECK(doc.find("`" + m + "(") != std::string::npos);
  }
  for (const auto& m : words(r.log[1])) {
    INFO("cq member " << m << " is not documented as `cq." << m << "`");
    CHECK(doc.find("cq." + m) != std::string::npos);
  }
  for (const auto& m : words(r.log[2])) {
    INFO("parts member " << m << " is not documented as parts." << m);
    CHECK(doc.find("parts." + m) != std::string::npos);
  }
}
