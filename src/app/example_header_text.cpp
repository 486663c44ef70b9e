#include "app/example_header_text.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

namespace partsmith::app {

using nlohmann::json;

namespace {

// A header value is one line: newlines would end it early and hide the rest from the parser.
std::string oneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

std::string tidy(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", std::abs(v) < 1e-9 ? 0.0 : v);
  return buf;
}

}  // namespace

std::string composeExampleHeader(const ExampleHeaderFields& f, const json& facts) {
  std::ostringstream out;
  out << "// @prompt: " << oneLine(f.prompt) << '\n';
  if (!f.category.empty()) out << "// @category: " << oneLine(f.category) << '\n';
  if (f.complexity > 0) out << "// @complexity: " << f.complexity << '\n';
  if (!f.techniques.empty()) {
    out << "// @techniques: ";
    for (size_t i = 0; i < f.techniques.size(); ++i) out << (i ? ", " : "") << oneLine(f.techniques[i]);
    out << '\n';
  }
  if (facts.is_object()) {
    if (facts.contains("bbox") && facts["bbox"].is_object()) {
      const json size = facts["bbox"].value("size", json());
      if (size.is_array() && size.size() == 3 && size[0].is_number() && size[1].is_number() && size[2].is_number())
        out << "// @expect: bbox.size = [" << tidy(size[0]) << ", " << tidy(size[1]) << ", " << tidy(size[2])
            << "] ± 0.01\n";
    }
    if (facts.contains("volume") && facts["volume"].is_number() && facts["volume"].get<double>() > 0)
      out << "// @expect: volume = " << tidy(facts["volume"]) << " ± 1%\n";
    if (facts.contains("solids") && facts["solids"].is_number_integer())
      out << "// @expect: solids = " << facts["solids"].get<int>() << '\n';
    if (facts.contains("holes") && facts["holes"].is_array())
      out << "// @expect: holes.length = " << facts["holes"].size() << '\n';
  }
  return out.str();
}

std::string withExampleHeader(const std::string& code, const std::string& header) {
  std::istringstream in(code);
  std::string rest, line;
  bool inHeader = true;
  while (std::getline(in, line)) {
    if (inHeader) {
      size_t i = line.find_first_not_of(" \t");
      if (i != std::string::npos && line.compare(i, 2, "//") == 0) {
        size_t j = line.find_first_not_of(" \t", i + 2);
        if (j != std::string::npos && line[j] == '@') continue;  // an old header line: replaced
      }
      inHeader = false;
    }
    rest += line;
    rest += '\n';
  }
  if (!code.empty() && code.back() != '\n' && !rest.empty()) rest.pop_back();
  return header + rest;
}

}  // namespace partsmith::app
