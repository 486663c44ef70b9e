// Converting JavaScript arguments to kernel values, with errors that name the method, the
// argument and what was expected ("circle: radius must be a number, got string \"5\"").
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <QJSValue>

#include "kernel/workplane.h"

namespace partsmith::script {

class ScriptHost;
struct MethodSpec;

// A bad argument: becomes an "api" error at the line of the call.
class ArgumentError : public std::runtime_error {
 public:
  explicit ArgumentError(const std::string& message, std::string hint = {})
      : std::runtime_error(message), m_hint(std::move(hint)) {}
  const std::string& hint() const { return m_hint; }

 private:
  std::string m_hint;
};

// How a value reads in an error message: `string "5"`, `NaN`, `an array of 2 items`, `a Workplane`.
std::string describeValue(const QJSValue& v);
// "1st", "2nd", "3rd", "4th" ...
std::string ordinal(int n);

// The arguments of one call, matched to a method's parameters (positional arguments first,
// then a trailing options object), with typed accessors. Index = parameter position.
class CallArgs {
 public:
  CallArgs(ScriptHost& host, const MethodSpec& spec, const QJSValue& jsArgs);

  const std::string& operation() const;
  ScriptHost& host() { return m_host; }
  // Given = present and not undefined.
  bool given(int i) const;
  const QJSValue& raw(int i) const { return m_values[size_t(i)]; }
  int positionalCount() const { return m_positional; }

  double number(int i) const;  // required
  double number(int i, double def) const;
  std::optional<double> optNumber(int i) const;  // null/undefined -> nullopt
  int integer(int i) const;
  int integer(int i, int def) const;
  bool boolean(int i, bool def) const;
  std::string string(int i) const;
  std::string string(int i, const std::string& def) const;
  std::optional<std::string> optString(int i) const;
  gp_XY xy(int i) const;
  gp_XYZ xyz(int i) const;  // [x, y] (z = 0), [x, y, z] or a Vector
  gp_XYZ xyz(int i, const gp_XYZ& def) const;
  std::optional<gp_XYZ> optXyz(int i) const;
  gp_Dir direction(int i, const gp_Dir& def) const;
  kernel::Centered2 centered2(int i) const;
  kernel::Centered3 centered3(int i) const;
  kernel::Combine combine(int i, kernel::Combine def) const;
  std::vector<gp_XY> xyList(int i) const;
  std::optional<std::vector<gp_XY>> optXyList(int i) const;
  std::optional<std::vector<double>> optNumberList(int i) const;
  std::vector<kernel::StackItem> stackItems(int i) const;  // points (local), Locations, shapes
  kernel::ShapeSource shapeSource(int i) const;
  std::optional<kernel::ShapeSource> optShapeSource(int i) const;
  kernel::SelectorPtr selector(int i) const;  // string, selector object or null
  kernel::WorkplanePtr workplane(int i) const;
  QJSValue callable(int i) const;
  // Element conversions shared with other bindings.
  gp_XYZ toXyz(const QJSValue& v, const std::string& what) const;
  gp_XY toXy(const QJSValue& v, const std::string& what) const;

  [[noreturn]] void fail(int i, const std::string& expected) const;  // "<op>: <name> must be <expected>, got <value>"

 private:
  const QJSValue& require(int i) const;
  double toNumber(const QJSValue& v, const std::string& what) const;
  std::string name(int i) const;

  ScriptHost& m_host;
  const MethodSpec& m_spec;
  std::vector<QJSValue> m_values;
  int m_positional = 0;
};

}  // namespace partsmith::script
