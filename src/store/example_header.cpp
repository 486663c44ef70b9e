#include "store/example_header.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/data_dir.h"

namespace partsmith::store {
using json = nlohmann::json;

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

FactExpectation parseExpectation(const std::string& text, int line) {
  FactExpectation exp;
  exp.line = line;
  auto eq = text.find('=');
  if (eq == std::string::npos) throw std::runtime_error("line " + std::to_string(line) + ": @expect needs PATH = VALUE");
  exp.path = trim(text.substr(0, eq));
  std::string rest = text.substr(eq + 1);
  // "±" is two bytes in UTF-8; "+-" is accepted too.
  size_t pm = rest.find("\xC2\xB1");
  size_t pmLen = 2;
  if (pm == std::string::npos) {
    pm = rest.find("+-");
    pmLen = 2;
  }
  if (pm != std::string::npos) {
    std::string tol = trim(rest.substr(pm + pmLen));
    rest = rest.substr(0, pm);
    if (!tol.empty() && tol.back() == '%') {
      exp.percent = true;
      tol.pop_back();
    }
    exp.tolerance = std::stod(tol);
  }
  exp.expected = trim(rest);
  if (json::parse(exp.expected, nullptr, false).is_discarded())
    exp.expected = json(exp.expected).dump();  // a bare word is a string
  return exp;
}

const json* resolve(const json& root, const std::string& path, json& scratch) {
  const json* node = &root;
  std::stringstream parts(path);
  for (std::string key; std::getline(parts, key, '.');) {
    if (node->is_array() && key == "length") {
      scratch = node->size();
      node = &scratch;
    } else if (node->is_array() && !key.empty() && std::isdigit(static_cast<unsigned char>(key[0]))) {
      size_t i = std::stoul(key);
      if (i >= node->size()) return nullptr;
      node = &(*node)[i];
    } else if (node->is_object() && node->contains(key)) {
      node = &(*node)[key];
    } else {
      return nullptr;
    }
  }
  return node;
}

bool close(double actual, double expected, const FactExpectation& exp) {
  double tol = exp.tolerance < 0 ? std::max(1e-3 * std::fabs(expected), 1e-6)
                                 : exp.percent ? std::fabs(expected) * exp.tolerance / 100.0 : exp.tolerance;
  return std::fabs(actual - expected) <= tol;
}

bool matches(const json& actual, const json& expected, const FactExpectation& exp) {
  if (expected.is_number() && actual.is_number()) return close(actual.get<double>(), expected.get<double>(), exp);
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) return false;
    for (size_t i = 0; i < expected.size(); ++i)
      if (!matches(actual[i], expected[i], exp)) return false;
    return true;
  }
  return actual == expected;
}

}  // namespace

ExampleHeader parseExampleHeader(const std::string& source) {
  ExampleHeader header;
  std::istringstream in(source);
  int lineNo = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNo;
    std::string t = trim(line);
    if (t.rfind("//", 0) != 0) {
      if (t.empty()) continue;
      break;  // the header ends at the first line of code
    }
    t = trim(t.substr(2));
    if (t.empty() || t[0] != '@') continue;
    auto colon = t.find(':');
    if (colon == std::string::npos) continue;
    std::string key = t.substr(1, colon - 1), value = trim(t.substr(colon + 1));
    if (key == "prompt") header.prompt = value;
    else if (key == "category") header.category = value;
    else if (key == "complexity") header.complexity = std::atoi(value.c_str());
    else if (key == "techniques") {
      std::stringstream list(value);
      for (std::string item; std::getline(list, item, ',');)
        if (!trim(item).empty()) header.techniques.push_back(trim(item));
    } else if (key == "expect") {
      header.expectations.push_back(parseExpectation(value, lineNo));
    }
  }
  return header;
}

std::vector<std::string> checkExpectations(const std::vector<FactExpectation>& expectations, const json& facts) {
  std::vector<std::string> failures;
  for (const auto& exp : expectations) {
    json scratch;
    const json* actual = resolve(facts, exp.path, scratch);
    json expected = json::parse(exp.expected);
    if (!actual) {
      failures.push_back("line " + std::to_string(exp.line) + ": " + exp.path + " is missing from the facts");
    } else if (!matches(*actual, expected, exp)) {
      failures.push_back("line " + std::to_string(exp.line) + ": " + exp.path + " is " + actual->dump() +
                         ", expected " + expected.dump());
    }
  }
  return failures;
}

std::string defaultExamplesDir() {
  if (const char* env = std::getenv("PARTSMITH_EXAMPLES")) return env;
  return base::findDataPath("examples", "resources/examples");
}

}  // namespace partsmith::store
