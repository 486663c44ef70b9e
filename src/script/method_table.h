// The shape of a bound method: its CadQuery name, its parameters (in CadQuery's order, with
// which ones are required) and the C++ that runs it. Arguments arrive positionally and/or as
// a trailing options object (Python keyword arguments); CallArgs matches them to parameters.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <QJSValue>

namespace partsmith::script {

class CallArgs;

struct ParamSpec {
  std::string name;
  bool required = false;
};

struct MethodSpec {
  std::string owner;  // "Workplane", "Shape", ... (for messages)
  std::string name;   // the JS name
  std::vector<ParamSpec> params;
  std::function<QJSValue(const QJSValue& self, CallArgs& args)> invoke;
};

// "length,width,height,centered?,combine?,clean?": names in order, `?` marks optional.
std::vector<ParamSpec> parseParamList(const std::string& list);

// The spec's parameter names (for "did you mean" over options).
std::vector<std::string> paramNames(const MethodSpec& spec);

}  // namespace partsmith::script
