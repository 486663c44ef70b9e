// The generation's budget: model turns of the tool loops, wall time and money. Checked before
// each code-model turn and before each refine round; every model call's cost is added.
#pragma once
#include <chrono>
#include <mutex>
#include <string>

namespace partsmith::agent {

struct BudgetLimits {
  int maxSteps = 20;             // code-model turns across all tool loops of the generation
  double maxSeconds = 8 * 60.0;  // wall time of the whole generation
  double maxCostUsd = 1.0;       // known cost of every model call of the generation
};

class BudgetTracker {
 public:
  explicit BudgetTracker(BudgetLimits limits = {})
      : m_limits(limits), m_started(std::chrono::steady_clock::now()) {}

  const BudgetLimits& limits() const { return m_limits; }
  void addStep() { ++m_steps; }
  void addCost(double usd) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_costUsd += usd;
  }
  int steps() const { return m_steps; }
  double costUsd() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_costUsd;
  }
  double elapsedSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
  }
  // "steps", "time", "cost" when a limit is reached, else empty.
  std::string exhausted() const {
    if (m_steps >= m_limits.maxSteps) return "steps";
    if (elapsedSeconds() >= m_limits.maxSeconds) return "time";
    if (costUsd() >= m_limits.maxCostUsd) return "cost";
    return {};
  }
  std::string describe(const std::string& which) const;

 private:
  BudgetLimits m_limits;
  std::chrono::steady_clock::time_point m_started;
  int m_steps = 0;
  mutable std::mutex m_mutex;
  double m_costUsd = 0;
};

}  // namespace partsmith::agent
