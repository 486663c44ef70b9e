// Finds a script's parameters and rewrites their literals (slider moves, --param overrides).
//
// The parameter block is the start of the script: top-level `const|let|var NAME = literal;`
// declarations (number — sign, decimals, exponent —, true/false, '…' or "…" string), mixed with
// comments, blank lines, `/* [Group] */` markers and ignored `import …` lines. It ends at the
// first other statement, INCLUDING a declaration whose value is not a single literal
// (`const w = 2 * a;`): like OpenSCAD's Customizer, what follows a computed value is not a
// parameter. Trailing `// [...]` is the widget spec; `// text` is the description unless a
// `//` line sits directly above the declaration (that line wins).
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "script/parameter.h"

namespace partsmith::script {

class ParameterError : public std::runtime_error {
 public:
  ParameterError(std::string parameter, const std::string& message)
      : std::runtime_error(message), m_parameter(std::move(parameter)) {}
  // The parameter the error is about (as the user spelled it).
  const std::string& parameter() const { return m_parameter; }

 private:
  std::string m_parameter;
};

std::vector<Parameter> parseParameters(const std::string& source);

// The value `text` means for `p`: a number ("80", "-2.5e1"), a boolean ("true"/"false", also
// "1"/"0", any case), or a string (one pair of surrounding quotes is removed). For a drop-down
// the text may also be an option's label ("M3" -> 3); the value must be one of the options.
// Throws ParameterError naming the parameter and what was expected.
ParamValue parseOverride(const Parameter& p, const std::string& text);

// `source` with the literals of the overridden parameters replaced; every other byte is kept.
// Numbers are printed shortest-exact (80, 2.5, 0.1), strings re-quoted in the original quote
// style with escapes. Throws ParameterError for an unknown name (with "did you mean"), a value
// of the wrong type, a non-finite number, or a value outside a drop-down's options. Slider
// ranges are advisory and not enforced.
std::string applyParameterOverrides(const std::string& source, const std::map<std::string, ParamValue>& overrides);

}  // namespace partsmith::script
