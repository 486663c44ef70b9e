#include "agent/spec.h"

#include <cmath>
#include <sstream>

namespace partsmith::agent {

using nlohmann::json;

namespace {

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

const std::vector<std::string>& assertionKinds() {
  static const std::vector<std::string> kinds{"bbox_size", "volume", "solid_count", "hole_count", "hole_diameter",
                                              "wall_thickness"};
  return kinds;
}

bool isNumber(const json& j, const char* key) { return j.contains(key) && j[key].is_number(); }

}  // namespace

json SpecAssertion::toJson() const {
  json j = {{"kind", kind}};
  if (!axis.empty()) j["axis"] = axis;
  if (value) j["value"] = *value;
  if (!values.empty()) j["values"] = values;
  if (min) j["min"] = *min;
  if (max) j["max"] = *max;
  if (tolerance) j["tolerance"] = *tolerance;
  if (count) j["count"] = *count;
  if (!description.empty()) j["description"] = description;
  return j;
}

SpecAssertion SpecAssertion::fromJson(const json& j) {
  SpecAssertion a;
  a.kind = j.value("kind", "");
  a.axis = j.value("axis", "");
  if (isNumber(j, "value")) a.value = j["value"].get<double>();
  if (isNumber(j, "min")) a.min = j["min"].get<double>();
  if (isNumber(j, "max")) a.max = j["max"].get<double>();
  if (isNumber(j, "tolerance")) a.tolerance = j["tolerance"].get<double>();
  if (j.contains("count") && j["count"].is_number()) a.count = j["count"].get<int>();
  if (j.contains("values") && j["values"].is_array())
    for (const json& v : j["values"])
      if (v.is_number()) a.values.push_back(v.get<double>());
  a.description = j.value("description", "");
  return a;
}

std::string SpecAssertion::describe() const {
  std::string range;
  if (min && max)
    range = "between " + num(*min) + " and " + num(*max);
  else if (min)
    range = "at least " + num(*min);
  else if (max)
    range = "at most " + num(*max);
  if (kind == "bbox_size") {
    if (axis == "sorted") {
      std::string v;
      for (double d : values) v += (v.empty() ? "" : ", ") + num(d);
      return "bounding box sizes (sorted) = [" + v + "] ± " + num(tolerance.value_or(0.5)) + " mm";
    }
    return "bounding box size along " + axis + " = " + num(value.value_or(0)) + " ± " + num(tolerance.value_or(0.5)) +
           " mm";
  }
  if (kind == "volume") return "volume " + range + " mm³";
  if (kind == "solid_count") return "solid count = " + num(value.value_or(0));
  if (kind == "hole_count") return value ? "hole count = " + num(*value) : "hole count " + range;
  if (kind == "hole_diameter")
    return "at least " + std::to_string(count.value_or(1)) + " hole(s) of diameter " + num(value.value_or(0)) + " ± " +
           num(tolerance.value_or(0.2)) + " mm";
  if (kind == "wall_thickness") return "thinnest wall " + range + " mm";
  return kind;
}

json Spec::toJson() const {
  json a = json::array();
  for (const auto& x : assertions) a.push_back(x.toJson());
  return {{"interpretation", interpretation}, {"checklist", checklist}, {"assertions", a},
          {"complexity", complexity},         {"category", category},   {"techniques", techniques}};
}

Spec Spec::fromJson(const json& j) {
  Spec s;
  s.interpretation = j.value("interpretation", "");
  for (const json& c : j.value("checklist", json::array()))
    if (c.is_string()) s.checklist.push_back(c.get<std::string>());
  for (const json& a : j.value("assertions", json::array())) s.assertions.push_back(SpecAssertion::fromJson(a));
  s.complexity = j.value("complexity", 3);
  s.category = j.value("category", "");
  for (const json& t : j.value("techniques", json::array()))
    if (t.is_string()) s.techniques.push_back(t.get<std::string>());
  return s;
}

Spec Spec::fallback(const std::string& request) {
  Spec s;
  s.interpretation = request;
  s.complexity = 3;
  return s;
}

std::string Spec::toMarkdown() const {
  std::string md = "Interpretation: " + interpretation + "\n";
  if (!category.empty()) md += "Category: " + category + " (complexity " + std::to_string(complexity) + "/10)\n";
  if (!techniques.empty()) {
    md += "Techniques:";
    for (size_t i = 0; i < techniques.size(); ++i) md += (i ? ", " : " ") + techniques[i];
    md += "\n";
  }
  if (!checklist.empty()) {
    md += "Checklist (each must be answerable yes):\n";
    for (size_t i = 0; i < checklist.size(); ++i) md += std::to_string(i + 1) + ". " + checklist[i] + "\n";
  }
  if (!assertions.empty()) {
    md += "Dimensional assertions (checked on the kernel's facts after every run):\n";
    for (const auto& a : assertions)
      md += "- " + a.describe() + (a.description.empty() ? "" : " — " + a.description) + "\n";
  }
  return md;
}

const json& specSchema() {
  static const json schema = json::parse(R"({
  "type": "object",
  "required": ["interpretation", "checklist", "assertions", "complexity", "category", "techniques"],
  "properties": {
    "interpretation": {"type": "string"},
    "checklist": {"type": "array", "minItems": 3, "maxItems": 6, "items": {"type": "string"}},
    "assertions": {"type": "array", "maxItems": 12, "items": {
      "type": "object", "required": ["kind"],
      "properties": {
        "kind": {"enum": ["bbox_size", "volume", "solid_count", "hole_count", "hole_diameter", "wall_thickness"]},
        "axis": {"enum": ["x", "y", "z", "sorted"]},
        "value": {"type": "number"}, "values": {"type": "array", "items": {"type": "number"}},
        "min": {"type": "number"}, "max": {"type": "number"}, "tolerance": {"type": "number"},
        "count": {"type": "integer"}, "description": {"type": "string"}}}},
    "complexity": {"type": "integer", "minimum": 1, "maximum": 10},
    "category": {"type": "string"},
    "techniques": {"type": "array", "items": {"type": "string"}}
  }
})");
  return schema;
}

std::vector<std::string> validateSpec(const json& j) {
  std::vector<std::string> errors;
  if (!j.is_object()) return {"the spec must be a JSON object"};
  auto need = [&](const char* key, bool ok, const std::string& what) {
    if (!j.contains(key))
      errors.push_back(std::string("\"") + key + "\" is missing");
    else if (!ok)
      errors.push_back(std::string("\"") + key + "\" must be " + what);
  };
  need("interpretation", j.contains("interpretation") && j["interpretation"].is_string() &&
                             !j["interpretation"].get<std::string>().empty(),
       "a non-empty string");
  if (j.contains("checklist") && j["checklist"].is_array()) {
    const size_t n = j["checklist"].size();
    if (n < 3 || n > 6) errors.push_back("\"checklist\" has " + std::to_string(n) + " items; give 3 to 6 yes/no questions");
    for (const json& c : j["checklist"])
      if (!c.is_string() || c.get<std::string>().empty()) {
        errors.push_back("every \"checklist\" item must be a non-empty string");
        break;
      }
  } else {
    need("checklist", false, "an array of 3 to 6 strings");
  }
  need("complexity", j.contains("complexity") && j["complexity"].is_number_integer() && j["complexity"].get<int>() >= 1 &&
                         j["complexity"].get<int>() <= 10,
       "an integer from 1 to 10");
  need("category", j.contains("category") && j["category"].is_string(), "a string");
  if (j.contains("techniques") && j["techniques"].is_array()) {
    for (const json& t : j["techniques"])
      if (!t.is_string()) {
        errors.push_back("every \"techniques\" entry must be a string");
        break;
      }
  } else {
    need("techniques", false, "an array of strings");
  }
  if (!j.contains("assertions") || !j["assertions"].is_array()) {
    need("assertions", false, "an array (may be empty)");
    return errors;
  }
  if (j["assertions"].size() > 12) errors.push_back("\"assertions\" has more than 12 entries");
  int index = 0;
  for (const json& a : j["assertions"]) {
    const std::string where = "assertions[" + std::to_string(index++) + "]";
    if (!a.is_object() || !a.contains("kind") || !a["kind"].is_string()) {
      errors.push_back(where + " needs a \"kind\"");
      continue;
    }
    const std::string kind = a["kind"].get<std::string>();
    bool known = false;
    for (const auto& k : assertionKinds()) known = known || k == kind;
    if (!known) {
      errors.push_back(where + ": unknown kind \"" + kind +
                       "\" (kinds: bbox_size, volume, solid_count, hole_count, hole_diameter, wall_thickness)");
      continue;
    }
    for (const char* key : {"value", "min", "max", "tolerance"})
      if (a.contains(key) && !a[key].is_number()) errors.push_back(where + ": \"" + key + "\" must be a number");
    const bool range = isNumber(a, "min") || isNumber(a, "max");
    if (isNumber(a, "min") && isNumber(a, "max") && a["min"].get<double>() > a["max"].get<double>())
      errors.push_back(where + ": \"min\" is larger than \"max\"");
    if (kind == "bbox_size") {
      const std::string axis = a.value("axis", "");
      if (axis == "sorted") {
        if (!a.contains("values") || !a["values"].is_array() || a["values"].size() != 3)
          errors.push_back(where + ": axis \"sorted\" needs \"values\": three numbers");
      } else if (axis == "x" || axis == "y" || axis == "z") {
        if (!isNumber(a, "value")) errors.push_back(where + ": needs a numeric \"value\"");
      } else {
        errors.push_back(where + ": \"axis\" must be x, y, z or sorted");
      }
    } else if (kind == "volume" || kind == "wall_thickness") {
      if (!range) errors.push_back(where + ": needs \"min\" and/or \"max\"");
    } else if (kind == "solid_count" || kind == "hole_diameter") {
      if (!isNumber(a, "value")) errors.push_back(where + ": needs a numeric \"value\"");
    } else if (kind == "hole_count") {
      if (!isNumber(a, "value") && !range) errors.push_back(where + ": needs \"value\", or \"min\" and/or \"max\"");
    }
  }
  return errors;
}

std::optional<json> extractJsonObject(const std::string& text, std::string* error) {
  // Candidate starts: a ```json fence first, then every '{' in order.
  std::vector<size_t> starts;
  const size_t fence = text.find("```");
  if (fence != std::string::npos) {
    const size_t brace = text.find('{', fence);
    if (brace != std::string::npos) starts.push_back(brace);
  }
  for (size_t p = text.find('{'); p != std::string::npos; p = text.find('{', p + 1)) starts.push_back(p);
  std::string firstError;
  for (size_t start : starts) {
    // Find the matching brace, respecting strings.
    int depth = 0;
    bool inString = false, escaped = false;
    size_t end = std::string::npos;
    for (size_t i = start; i < text.size(); ++i) {
      const char c = text[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"') inString = false;
        continue;
      }
      if (c == '"') inString = true;
      else if (c == '{') ++depth;
      else if (c == '}' && --depth == 0) {
        end = i;
        break;
      }
    }
    if (end == std::string::npos) {
      if (firstError.empty()) firstError = "the JSON object is not closed (the reply may have been cut off)";
      continue;
    }
    try {
      json j = json::parse(text.substr(start, end - start + 1));
      if (j.is_object()) return j;
    } catch (const json::parse_error& e) {
      if (firstError.empty()) firstError = std::string("the JSON does not parse: ") + e.what();
    }
  }
  if (error) *error = firstError.empty() ? "the reply holds no JSON object" : firstError;
  return std::nullopt;
}

}  // namespace partsmith::agent
