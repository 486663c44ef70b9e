// The bench's reference builds: some example parts written directly against the C++ kernel
// API, so the cost of the JavaScript + process boundary can be measured against them.
#pragma once
#include <functional>
#include <string>

#include <TopoDS_Shape.hxx>

namespace partsmith::cli {

// `alternate` selects the changed parameter value, as the scripted runs alternate it.
using NativeBuilder = std::function<TopoDS_Shape(bool alternate)>;

// Null when the example has no native twin.
NativeBuilder nativeBuilderFor(const std::string& exampleStem);

}  // namespace partsmith::cli
