#include "agent/budget.h"

#include <cstdio>

namespace partsmith::agent {

std::string BudgetTracker::describe(const std::string& which) const {
  char buf[160];
  if (which == "steps")
    std::snprintf(buf, sizeof buf, "the step budget is used up (%d of %d model turns)", m_steps, m_limits.maxSteps);
  else if (which == "time")
    std::snprintf(buf, sizeof buf, "the time budget is used up (%.0f s of %.0f s)", elapsedSeconds(), m_limits.maxSeconds);
  else if (which == "cost")
    std::snprintf(buf, sizeof buf, "the cost budget is used up ($%.4f of $%.2f)", costUsd(), m_limits.maxCostUsd);
  else
    return {};
  return buf;
}

}  // namespace partsmith::agent
