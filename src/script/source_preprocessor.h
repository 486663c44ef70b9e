// What the engine does to a script before evaluating it, keeping every line where it was so
// error line numbers stay the user's: Python import lines blanked, strict mode switched on.
#pragma once
#include <string>

namespace partsmith::script {

struct PreparedSource {
  std::string code;          // what the JS engine evaluates
  int firstLineShift = 0;    // characters prepended to line 1
};

// Blanks `import cadquery as cq`, `import cadquery`, `from cadquery import ...` lines.
std::string stripPythonImports(const std::string& source);

// stripPythonImports + a "use strict" prologue on line 1 (so `centered=false` inside a call
// is an error instead of a silent global assignment).
PreparedSource prepareSource(const std::string& source);

}  // namespace partsmith::script
