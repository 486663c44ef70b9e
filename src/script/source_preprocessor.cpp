#include "script/source_preprocessor.h"

#include <regex>

namespace partsmith::script {

std::string stripPythonImports(const std::string& source) {
  static const std::regex importLine(
      R"(^[ \t]*(import[ \t]+cadquery([ \t]+as[ \t]+\w+)?|from[ \t]+cadquery(\.\w+)*[ \t]+import[ \t]+[^\n]*?)[ \t]*;?[ \t]*(#[^\n]*)?$)");
  std::string out;
  out.reserve(source.size());
  size_t start = 0;
  while (start <= source.size()) {
    size_t end = source.find('\n', start);
    std::string line = source.substr(start, end == std::string::npos ? std::string::npos : end - start);
    bool cr = !line.empty() && line.back() == '\r';
    if (cr) line.pop_back();
    if (std::regex_match(line, importLine)) line.clear();
    out += line;
    if (cr) out += '\r';
    if (end == std::string::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

PreparedSource prepareSource(const std::string& source) {
  static const std::string prologue = "\"use strict\"; ";
  return {prologue + stripPythonImports(source), int(prologue.size())};
}

}  // namespace partsmith::script
