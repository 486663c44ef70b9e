#include "agent/assertion_checker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

namespace partsmith::agent {

using nlohmann::json;

namespace {

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(4);
  s << std::fixed << v;
  std::string out = s.str();
  while (out.find('.') != std::string::npos && (out.back() == '0' || out.back() == '.')) {
    const bool dot = out.back() == '.';
    out.pop_back();
    if (dot) break;
  }
  return out;
}

bool inRange(double v, const SpecAssertion& a) {
  return (!a.min || v >= *a.min - 1e-9) && (!a.max || v <= *a.max + 1e-9);
}

std::string rangeText(const SpecAssertion& a) {
  if (a.min && a.max) return fmt(*a.min) + " to " + fmt(*a.max);
  if (a.min) return "at least " + fmt(*a.min);
  return "at most " + fmt(a.max.value_or(0));
}

double numberAt(const json& facts, const char* key) {
  return facts.contains(key) && facts[key].is_number() ? facts[key].get<double>() : 0.0;
}

}  // namespace

json AssertionResult::toJson() const {
  return {{"assertion", description},
          {"passed", passed ? json(*passed) : json(nullptr)},
          {"actual", actual},
          {"message", message}};
}

std::vector<AssertionResult> checkAssertions(const std::vector<SpecAssertion>& assertions, const json& facts) {
  std::vector<AssertionResult> results;
  for (const SpecAssertion& a : assertions) {
    AssertionResult r;
    r.description = a.describe();
    if (!facts.is_object()) {
      r.passed = false;
      r.message = "no geometry: the script did not produce a part";
      results.push_back(r);
      continue;
    }
    if (a.kind == "bbox_size") {
      std::array<double, 3> size{0, 0, 0};
      if (facts.contains("bbox") && facts["bbox"].contains("size") && facts["bbox"]["size"].is_array())
        for (size_t i = 0; i < 3 && i < facts["bbox"]["size"].size(); ++i) size[i] = facts["bbox"]["size"][i].get<double>();
      const double tol = a.tolerance.value_or(0.5);
      if (a.axis == "sorted") {
        std::array<double, 3> s = size;
        std::sort(s.begin(), s.end());
        std::vector<double> want = a.values;
        std::sort(want.begin(), want.end());
        bool ok = want.size() == 3;
        for (size_t i = 0; ok && i < 3; ++i) ok = std::fabs(s[i] - want[i]) <= tol;
        r.passed = ok;
        r.actual = s;
        r.message = "sorted sizes are [" + fmt(s[0]) + ", " + fmt(s[1]) + ", " + fmt(s[2]) + "] mm";
      } else {
        const int i = a.axis == "x" ? 0 : a.axis == "y" ? 1 : 2;
        r.actual = size[i];
        r.passed = std::fabs(size[i] - a.value.value_or(0)) <= tol;
        r.message = a.axis + " size is " + fmt(size[i]) + " mm, expected " + fmt(a.value.value_or(0)) + " ± " + fmt(tol);
      }
    } else if (a.kind == "volume") {
      const double v = numberAt(facts, "volume");
      r.actual = v;
      r.passed = inRange(v, a);
      r.message = "volume is " + fmt(v) + " mm³, expected " + rangeText(a);
    } else if (a.kind == "solid_count") {
      const double n = numberAt(facts, "solids");
      r.actual = n;
      r.passed = std::fabs(n - a.value.value_or(1)) < 0.5;
      r.message = fmt(n) + " solid(s), expected " + fmt(a.value.value_or(1));
    } else if (a.kind == "hole_count") {
      const double n = facts.contains("holes") && facts["holes"].is_array() ? static_cast<double>(facts["holes"].size()) : 0;
      r.actual = n;
      r.passed = a.value ? std::fabs(n - *a.value) < 0.5 : inRange(n, a);
      r.message = fmt(n) + " hole(s), expected " + (a.value ? fmt(*a.value) : rangeText(a));
    } else if (a.kind == "hole_diameter") {
      const double want = a.value.value_or(0);
      const double tol = a.tolerance.value_or(0.2);
      int matching = 0;
      json diameters = json::array();
      for (const json& h : facts.value("holes", json::array())) {
        const double d = h.value("diameter", 0.0);
        diameters.push_back(d);
        if (std::fabs(d - want) <= tol) ++matching;
      }
      r.actual = diameters;
      r.passed = matching >= a.count.value_or(1);
      r.message = std::to_string(matching) + " hole(s) of diameter " + fmt(want) + " ± " + fmt(tol) + ", expected at least " +
                  std::to_string(a.count.value_or(1));
    } else if (a.kind == "wall_thickness") {
      const double w = facts.contains("printability") ? numberAt(facts["printability"], "thinnest_wall") : 0.0;
      r.actual = w;
      if (w <= 0) {
        r.message = "the kernel has no wall-thickness estimate for this shape";
      } else {
        r.passed = inRange(w, a);
        r.message = "thinnest wall is about " + fmt(w) + " mm, expected " + rangeText(a);
      }
    } else {
      r.message = "unknown assertion kind " + a.kind;
    }
    results.push_back(r);
  }
  return results;
}

std::optional<double> assertionScore(const std::vector<AssertionResult>& results) {
  int decided = 0, passed = 0;
  for (const auto& r : results) {
    if (!r.passed) continue;
    ++decided;
    if (*r.passed) ++passed;
  }
  if (decided == 0) return std::nullopt;
  return 10.0 * passed / decided;
}

}  // namespace partsmith::agent
