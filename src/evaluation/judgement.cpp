#include "evaluation/judgement.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "agent/spec.h"

namespace partsmith::evaluation {

using nlohmann::json;

namespace {

std::string normalized(std::string s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(u));
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '?' || out.back() == '.')) out.pop_back();
  return out;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// One reply entry turned into an answer; empty answer when the entry is unusable (problem added).
agent::ChecklistAnswer readAnswer(const json& entry, size_t index, std::vector<std::string>& problems) {
  agent::ChecklistAnswer a;
  const std::string where = "checklist[" + std::to_string(index) + "]";
  if (!entry.is_object()) {
    problems.push_back(where + " is not an object; give {\"item\", \"answer\", \"note\"}");
    return a;
  }
  if (entry.contains("item") && entry["item"].is_string()) a.item = entry["item"].get<std::string>();
  if (entry.contains("note") && entry["note"].is_string()) a.note = entry["note"].get<std::string>();
  const json answer = entry.value("answer", json());
  std::string value = answer.is_string() ? normalized(answer.get<std::string>()) : std::string();
  if (answer.is_boolean()) value = answer.get<bool>() ? "yes" : "no";
  if (value != "yes" && value != "no" && value != "uncertain") {
    problems.push_back(where + ".answer is " + (answer.is_null() ? std::string("missing") : answer.dump()) +
                       "; use \"yes\", \"no\" or \"uncertain\"");
    return a;
  }
  a.answer = value;
  return a;
}

}  // namespace

const std::vector<std::string>& standardViewNames() {
  static const std::vector<std::string> names{"iso", "iso2", "front", "back", "left", "right", "top", "bottom"};
  return names;
}

bool isStandardView(const std::string& name) {
  const auto& n = standardViewNames();
  return std::find(n.begin(), n.end(), name) != n.end();
}

std::optional<Judgement> parseJudgement(const std::string& reply, const std::vector<std::string>& checklist,
                                        bool allowMoreViews, std::vector<std::string>& problems) {
  problems.clear();
  std::string parseError;
  const auto parsed = agent::extractJsonObject(reply, &parseError);
  if (!parsed) {
    problems.push_back("the reply holds no JSON object (" + parseError + ")");
    return std::nullopt;
  }
  const json& j = *parsed;
  Judgement out;

  const json score = j.value("score", json());
  if (!score.is_number()) {
    problems.push_back(std::string("score is ") + (score.is_null() ? "missing" : score.dump()) + "; give a number from 0 to 10");
  } else {
    out.score = score.get<double>();
    if (out.score < 0 || out.score > 10)
      problems.push_back("score is " + score.dump() + "; give a number from 0 to 10");
  }

  const json list = j.value("checklist", json::array());
  if (!list.is_array()) {
    problems.push_back("checklist is not an array; give one {\"item\", \"answer\", \"note\"} per checklist item");
  } else if (!checklist.empty()) {
    std::vector<agent::ChecklistAnswer> answers;
    for (size_t i = 0; i < list.size(); ++i) answers.push_back(readAnswer(list[i], i, problems));
    if (answers.size() == checklist.size()) {
      // Same count: matched by position (models paraphrase the questions).
      for (size_t i = 0; i < checklist.size(); ++i) {
        answers[i].item = checklist[i];
        if (!answers[i].answer.empty()) out.checklist.push_back(answers[i]);
      }
    } else {
      for (const auto& item : checklist) {
        auto it = std::find_if(answers.begin(), answers.end(),
                               [&](const agent::ChecklistAnswer& a) { return normalized(a.item) == normalized(item); });
        if (it == answers.end()) {
          problems.push_back("checklist has no answer for " + quoted(item) + " (" + std::to_string(answers.size()) +
                             " answers for " + std::to_string(checklist.size()) + " items)");
        } else if (!it->answer.empty()) {
          agent::ChecklistAnswer a = *it;
          a.item = item;
          out.checklist.push_back(a);
        }
      }
    }
  }

  if (j.contains("critique")) {
    const json& c = j["critique"];
    if (c.is_string()) {
      if (!c.get<std::string>().empty()) out.critique.push_back(c.get<std::string>());
    } else if (!c.is_array()) {
      problems.push_back("critique is not an array of strings");
    } else {
      for (const auto& line : c) {
        if (line.is_string() && !line.get<std::string>().empty()) out.critique.push_back(line.get<std::string>());
        else if (!line.is_string()) problems.push_back("critique holds " + line.dump() + "; give sentences as strings");
      }
    }
  }

  if (allowMoreViews && j.contains("more_views") && !j["more_views"].is_null()) {
    const json& v = j["more_views"];
    if (!v.is_array()) {
      problems.push_back("more_views is not an array of view names");
    } else {
      for (const auto& name : v) {
        const std::string n = name.is_string() ? normalized(name.get<std::string>()) : name.dump();
        if (!isStandardView(n)) out.ignoredViews.push_back(n);
        else if (std::find(out.moreViews.begin(), out.moreViews.end(), n) == out.moreViews.end()) out.moreViews.push_back(n);
      }
    }
  }
  if (!problems.empty()) return std::nullopt;
  return out;
}

}  // namespace partsmith::evaluation
