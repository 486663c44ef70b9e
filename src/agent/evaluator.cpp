#include "agent/evaluator.h"

#include <cstdio>

namespace partsmith::agent {

using nlohmann::json;

std::string formatScore(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", score);
  return buf;
}

json ChecklistAnswer::toJson() const {
  return {{"item", item}, {"answer", answer}, {"track", track}, {"note", note}};
}

json TrackResult::toJson() const {
  return {{"track", track},
          {"score", score ? json(*score) : json(nullptr)},
          {"weight", weight},
          {"passed", passed ? json(*passed) : json(nullptr)},
          {"model", model},
          {"details", details},
          {"metrics", metrics.toJson()}};
}

bool Evaluation::checklistFailed() const {
  for (const auto& a : checklist)
    if (a.answer == "no") return true;
  return false;
}

const TrackResult* Evaluation::track(const std::string& name) const {
  for (const auto& t : tracks)
    if (t.track == name) return &t;
  return nullptr;
}

json Evaluation::toJson() const {
  json t = json::array(), c = json::array();
  for (const auto& x : tracks) t.push_back(x.toJson());
  for (const auto& x : checklist) c.push_back(x.toJson());
  return {{"built", built}, {"tracks", t}, {"checklist", c}, {"composite", composite}, {"critique", critique},
          {"cancelled", cancelled}};
}

}  // namespace partsmith::agent
