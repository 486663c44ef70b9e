// CadQuery selectors: the string grammar (> < | # + - [n] >> << %TYPE and/or/not/exc,
// parentheses, named views) and selector objects that filter lists of shapes.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

namespace partsmith::kernel {

class Selector {
 public:
  virtual ~Selector() = default;
  // Returns the kept objects; order follows the input except where CadQuery's own result
  // order differs (boolean combinations).
  virtual std::vector<TopoDS_Shape> filter(const std::vector<TopoDS_Shape>& objects) const = 0;
  // The selector as written (for error messages).
  virtual std::string describe() const = 0;
};

using SelectorPtr = std::shared_ptr<const Selector>;

// Parses a CadQuery string selector. Throws KernelError (Api, operation "selector") with the
// position of the problem and a hint for a malformed string.
SelectorPtr parseSelector(const std::string& text);

// Shorthand: parseSelector(text)->filter(objects).
std::vector<TopoDS_Shape> selectShapes(const std::vector<TopoDS_Shape>& objects, const std::string& text);

// Combinators of selector objects (CadQuery's & + - and unary -).
SelectorPtr selectorAnd(SelectorPtr a, SelectorPtr b);
SelectorPtr selectorOr(SelectorPtr a, SelectorPtr b);
SelectorPtr selectorSubtract(SelectorPtr a, SelectorPtr b);
SelectorPtr selectorNot(SelectorPtr a);

}  // namespace partsmith::kernel
