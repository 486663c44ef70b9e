#include "script/value_conversion.h"

#include <cmath>
#include <sstream>

#include <QJSEngine>
#include <QJSValueIterator>

#include "kernel/selector.h"
#include "script/method_table.h"
#include "script/script_host.h"
#include "script/text_distance.h"

namespace partsmith::script {

namespace {

std::string numberText(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  std::ostringstream s;
  s.precision(12);
  s << d;
  return s.str();
}

bool isPlainObject(const QJSValue& v) {
  return v.isObject() && !v.isArray() && !v.isCallable() && !v.isError() && !v.isDate() && !v.isRegExp() &&
         ScriptHost::kindOf(v).isEmpty();
}

int arrayLength(const QJSValue& v) { return v.property(QStringLiteral("length")).toInt(); }

}  // namespace

std::string ordinal(int n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    else if (n % 10 == 2) suffix = "nd";
    else if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string describeValue(const QJSValue& v) {
  if (v.isUndefined()) return "undefined";
  if (v.isNull()) return "null";
  if (v.isBool()) return v.toBool() ? "true" : "false";
  if (v.isNumber()) {
    double d = v.toNumber();
    if (!std::isfinite(d)) return numberText(d);
    return "number " + numberText(d);
  }
  if (v.isString()) {
    std::string s = v.toString().toStdString();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return "string \"" + s + "\"";
  }
  if (v.isArray()) {
    int n = arrayLength(v);
    return n == 1 ? "an array of 1 item" : "an array of " + std::to_string(n) + " items";
  }
  if (v.isCallable()) return "a function";
  QString kind = ScriptHost::kindOf(v);
  if (!kind.isEmpty()) return "a " + kind.toStdString();
  if (v.isError()) return "an error";
  return "an object";
}

CallArgs::CallArgs(ScriptHost& host, const MethodSpec& spec, const QJSValue& jsArgs)
    : m_host(host), m_spec(spec), m_values(spec.params.size()) {
  const std::string& op = spec.name;
  int count = jsArgs.isArray() ? arrayLength(jsArgs) : 0;
  QJSValue options;
  if (count > 0) {
    QJSValue last = jsArgs.property(quint32(count - 1));
    if (isPlainObject(last)) {
      options = last;
      --count;
    }
  }
  // Passed positions, for "is undefined" vs "is missing"; trailing undefined arguments
  // otherwise carry nothing (f(a, undefined) == f(a)).
  m_positional = count;
  while (count > 0 && jsArgs.property(quint32(count - 1)).isUndefined()) --count;
  if (count > int(spec.params.size())) {
    std::string names;
    for (const auto& p : spec.params) names += (names.empty() ? "" : ", ") + p.name;
    if (spec.params.empty())
      throw ArgumentError(op + ": takes no arguments, got " + std::to_string(count));
    throw ArgumentError(op + ": takes at most " + std::to_string(spec.params.size()) + " argument" +
                        (spec.params.size() == 1 ? "" : "s") + " (" + names + "), got " + std::to_string(count));
  }
  for (int i = 0; i < count; ++i) m_values[size_t(i)] = jsArgs.property(quint32(i));
  m_positional = std::min(m_positional, int(spec.params.size()));
  if (!options.isUndefined()) {
    std::vector<std::string> names = paramNames(spec);
    QJSValueIterator it(options);
    while (it.hasNext()) {
      it.next();
      std::string key = it.name().toStdString();
      auto pos = std::find(names.begin(), names.end(), key);
      if (pos == names.end()) {
        if (names.empty()) throw ArgumentError(op + ": takes no options, got '" + key + "'");
        auto guess = closestMatch(key, names);
        std::string all;
        for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
        if (guess) throw ArgumentError(op + ": unknown option '" + key + "' \xE2\x80\x94 did you mean '" + *guess + "'?");
        throw ArgumentError(op + ": unknown option '" + key + "' (options are: " + all + ")");
      }
      int index = int(pos - names.begin());
      if (index < count)
        throw ArgumentError(op + ": '" + key + "' is given twice, as the " + ordinal(index + 1) +
                            " argument and as an option");
      m_values[size_t(index)] = it.value();
    }
  }
}

const std::string& CallArgs::operation() const { return m_spec.name; }

std::string CallArgs::name(int i) const { return m_spec.params[size_t(i)].name; }

bool CallArgs::given(int i) const { return size_t(i) < m_values.size() && !m_values[size_t(i)].isUndefined(); }

void CallArgs::fail(int i, const std::string& expected) const {
  throw ArgumentError(operation() + ": " + name(i) + " must be " + expected + ", got " + describeValue(raw(i)));
}

const QJSValue& CallArgs::require(int i) const {
  if (!given(i)) {
    std::string where = "argument '" + name(i) + "' (" + ordinal(i + 1) + ")";
    if (i < m_positional)
      throw ArgumentError(operation() + ": " + where + " is undefined",
                          "check the variable passed as the " + ordinal(i + 1) + " argument");
    throw ArgumentError(operation() + ": " + where + " is missing");
  }
  return m_values[size_t(i)];
}

double CallArgs::toNumber(const QJSValue& v, const std::string& what) const {
  if (!v.isNumber()) {
    std::string hint;
    if (v.isString()) hint = "remove the quotes: numbers are written without them";
    throw ArgumentError(operation() + ": " + what + " must be a number, got " + describeValue(v), hint);
  }
  double d = v.toNumber();
  if (!std::isfinite(d))
    throw ArgumentError(operation() + ": " + what + " must be a finite number, got " + numberText(d),
                        std::isnan(d) ? "NaN comes from arithmetic on undefined or a non-number (e.g. a misspelt "
                                        "variable or 0/0)"
                                      : "Infinity comes from a division by zero");
  return d;
}

double CallArgs::number(int i) const { return toNumber(require(i), name(i)); }
double CallArgs::number(int i, double def) const { return given(i) ? toNumber(raw(i), name(i)) : def; }
std::optional<double> CallArgs::optNumber(int i) const {
  if (!given(i) || raw(i).isNull()) return std::nullopt;
  return toNumber(raw(i), name(i));
}

int CallArgs::integer(int i) const {
  double d = number(i);
  if (d != std::floor(d) || std::fabs(d) > 1e9) fail(i, "a whole number");
  return int(d);
}
int CallArgs::integer(int i, int def) const { return given(i) ? integer(i) : def; }

bool CallArgs::boolean(int i, bool def) const {
  if (!given(i) || raw(i).isNull()) return def;
  if (!raw(i).isBool()) fail(i, "true or false");
  return raw(i).toBool();
}

std::string CallArgs::string(int i) const {
  const QJSValue& v = require(i);
  if (!v.isString()) fail(i, "a string");
  return v.toString().toStdString();
}
std::string CallArgs::string(int i, const std::string& def) const { return given(i) && !raw(i).isNull() ? string(i) : def; }
std::optional<std::string> CallArgs::optString(int i) const {
  if (!given(i) || raw(i).isNull()) return std::nullopt;
  return string(i);
}

gp_XYZ CallArgs::toXyz(const QJSValue& v, const std::string& what) const {
  if (ScriptHost::kindOf(v) == QLatin1String("Vector"))
    return gp_XYZ(v.property("x").toNumber(), v.property("y").toNumber(), v.property("z").toNumber());
  if (v.isArray()) {
    int n = arrayLength(v);
    if (n == 2 || n == 3) {
      double c[3] = {0, 0, 0};
      for (int k = 0; k < n; ++k) c[k] = toNumber(v.property(quint32(k)), what + "[" + std::to_string(k) + "]");
      return gp_XYZ(c[0], c[1], c[2]);
    }
  }
  if (ScriptHost::kindOf(v) == QLatin1String("Shape")) {
    // Python code passes vertices where points are expected; use the vertex position.
    auto shape = m_host.shapeOf(v);
    if (shape && shape->ShapeType() == TopAbs_VERTEX) {
      QJSValue c = v.property("Center").callWithInstance(v);
      return gp_XYZ(c.property("x").toNumber(), c.property("y").toNumber(), c.property("z").toNumber());
    }
  }
  throw ArgumentError(operation() + ": " + what + " must be a point [x, y, z] or cq.Vector, got " + describeValue(v),
                      "write points as arrays: [1, 2, 3] (Python tuples (1, 2, 3) become arrays)");
}

gp_XY CallArgs::toXy(const QJSValue& v, const std::string& what) const {
  if (v.isArray() && arrayLength(v) == 2)
    return gp_XY(toNumber(v.property(0), what + "[0]"), toNumber(v.property(1), what + "[1]"));
  if (v.isArray() && arrayLength(v) == 3) {
    double z = toNumber(v.property(2), what + "[2]");
    if (std::fabs(z) < 1e-9)
      return gp_XY(toNumber(v.property(0), what + "[0]"), toNumber(v.property(1), what + "[1]"));
  }
  if (ScriptHost::kindOf(v) == QLatin1String("Vector"))
    return gp_XY(v.property("x").toNumber(), v.property("y").toNumber());
  throw ArgumentError(operation() + ": " + what + " must be a 2D point [x, y], got " + describeValue(v),
                      "write points as arrays: [1, 2] (Python tuples (1, 2) become arrays)");
}

gp_XY CallArgs::xy(int i) const { return toXy(require(i), name(i)); }
gp_XYZ CallArgs::xyz(int i) const { return toXyz(require(i), name(i)); }
gp_XYZ CallArgs::xyz(int i, const gp_XYZ& def) const { return given(i) && !raw(i).isNull() ? xyz(i) : def; }
std::optional<gp_XYZ> CallArgs::optXyz(int i) const {
  if (!given(i) || raw(i).isNull()) return std::nullopt;
  return xyz(i);
}

gp_Dir CallArgs::direction(int i, const gp_Dir& def) const {
  if (!given(i) || raw(i).isNull()) return def;
  gp_XYZ v = xyz(i);
  if (v.Modulus() < 1e-12) fail(i, "a non-zero direction");
  return gp_Dir(v);
}

kernel::Centered2 CallArgs::centered2(int i) const {
  if (!given(i) || raw(i).isNull()) return {true, true};
  const QJSValue& v = raw(i);
  if (v.isBool()) return {v.toBool(), v.toBool()};
  if (v.isArray() && arrayLength(v) == 2 && v.property(0).isBool() && v.property(1).isBool())
    return {v.property(0).toBool(), v.property(1).toBool()};
  fail(i, "true, false or [bool, bool]");
}

kernel::Centered3 CallArgs::centered3(int i) const {
  if (!given(i) || raw(i).isNull()) return {true, true, true};
  const QJSValue& v = raw(i);
  if (v.isBool()) return {v.toBool(), v.toBool(), v.toBool()};
  if (v.isArray() && arrayLength(v) == 3 && v.property(0).isBool() && v.property(1).isBool() &&
      v.property(2).isBool())
    return {v.property(0).toBool(), v.property(1).toBool(), v.property(2).toBool()};
  fail(i, "true, false or [bool, bool, bool]");
}

kernel::Combine CallArgs::combine(int i, kernel::Combine def) const {
  if (!given(i) || raw(i).isNull()) return def;
  const QJSValue& v = raw(i);
  if (v.isBool()) return v.toBool() ? kernel::Combine::Union : kernel::Combine::None;
  if (v.isString()) {
    QString s = v.toString();
    if (s == "a") return kernel::Combine::Union;
    if (s == "s" || s == "cut") return kernel::Combine::Cut;
  }
  fail(i, "true, false, \"a\", \"s\" or \"cut\"");
}

std::vector<gp_XY> CallArgs::xyList(int i) const {
  const QJSValue& v = require(i);
  if (!v.isArray()) fail(i, "an array of points [[x, y], ...]");
  std::vector<gp_XY> out;
  int n = arrayLength(v);
  out.reserve(size_t(n));
  for (int k = 0; k < n; ++k) out.push_back(toXy(v.property(quint32(k)), name(i) + "[" + std::to_string(k) + "]"));
  return out;
}
std::optional<std::vector<gp_XY>> CallArgs::optXyList(int i) const {
  if (!given(i) || raw(i).isNull()) return std::nullopt;
  return xyList(i);
}

std::optional<std::vector<double>> CallArgs::optNumberList(int i) const {
  if (!given(i) || raw(i).isNull()) return std::nullopt;
  const QJSValue& v = raw(i);
  if (!v.isArray()) fail(i, "an array of numbers");
  std::vector<double> out;
  for (int k = 0, n = arrayLength(v); k < n; ++k)
    out.push_back(toNumber(v.property(quint32(k)), name(i) + "[" + std::to_string(k) + "]"));
  return out;
}

std::vector<kernel::StackItem> CallArgs::stackItems(int i) const {
  const QJSValue& v = require(i);
  auto one = [&](const QJSValue& e, const std::string& what) -> kernel::StackItem {
    if (auto loc = m_host.locationOf(e)) return *loc;
    if (auto shape = m_host.shapeOf(e)) return *shape;
    gp_XYZ p = toXyz(e, what);
    return gp_Pnt(p);
  };
  if (!v.isArray()) return {one(v, name(i))};
  std::vector<kernel::StackItem> out;
  for (int k = 0, n = arrayLength(v); k < n; ++k)
    out.push_back(one(v.property(quint32(k)), name(i) + "[" + std::to_string(k) + "]"));
  return out;
}

kernel::ShapeSource CallArgs::shapeSource(int i) const {
  const QJSValue& v = require(i);
  if (auto wp = m_host.workplaneOf(v)) return wp;
  if (auto shape = m_host.shapeOf(v)) return *shape;
  fail(i, "a Workplane or a Shape");
}
std::optional<kernel::ShapeSource> CallArgs::optShapeSource(int i) const {
  if (!given(i) || raw(i).isNull()) return std::nullopt;
  return shapeSource(i);
}

kernel::SelectorPtr CallArgs::selector(int i) const {
  if (!given(i) || raw(i).isNull()) return nullptr;
  const QJSValue& v = raw(i);
  if (v.isString()) return kernel::parseSelector(v.toString().toStdString());
  if (auto s = m_host.selectorOf(v)) return s;
  fail(i, "a selector string such as \">Z\" or a selector object");
}

kernel::WorkplanePtr CallArgs::workplane(int i) const {
  if (auto wp = m_host.workplaneOf(require(i))) return wp;
  fail(i, "a Workplane");
}

QJSValue CallArgs::callable(int i) const {
  if (!require(i).isCallable()) fail(i, "a function");
  return raw(i);
}

std::vector<ParamSpec> parseParamList(const std::string& list) {
  std::vector<ParamSpec> out;
  std::stringstream s(list);
  std::string item;
  while (std::getline(s, item, ',')) {
    if (item.empty()) continue;
    bool optional = item.back() == '?';
    if (optional) item.pop_back();
    out.push_back({item, !optional});
  }
  return out;
}

std::vector<std::string> paramNames(const MethodSpec& spec) {
  std::vector<std::string> names;
  for (const auto& p : spec.params) names.push_back(p.name);
  return names;
}

}  // namespace partsmith::script
