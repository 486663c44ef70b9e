// Parallel batch workers share one provider quota. When any of them is told to slow down
// (429 rate limited, 529 overloaded — the provider layer retries those itself), every worker
// waits out the same pause before its next model call instead of each finding the limit on
// its own and hammering the server. With a shared file (shareThrough) the pause also holds
// across processes: shards of one run, on this machine or on other nodes of a cluster.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "agent/pipeline.h"
#include "llm/llm_provider.h"

namespace partsmith::workbench {

class SharedRateFile;

class RateGate {
 public:
  using Clock = std::chrono::steady_clock;

  RateGate();
  ~RateGate();

  // Shares pauses with every process that names the same file (see shared_rate_file.h): a pause
  // is also written there, and waitOpen() reads it before each model call. `warn` gets problems
  // with the file (unreadable, corrupt, stale), each once; default stderr.
  void shareThrough(const std::string& path, std::function<void(const std::string&)> warn = {});
  bool shared() const { return m_shared != nullptr; }

  // Closes the gate for `seconds` from now (a later deadline wins; an earlier one is ignored).
  void pause(double seconds);
  // Blocks until the gate is open — here and, when shared, in the file — or `cancel()` was
  // called; returns the seconds waited.
  double waitOpen();
  void cancel() { m_cancelled = true; }
  bool cancelled() const { return m_cancelled.load(); }
  int pauses() const { return m_pauses.load(); }
  double waitedSeconds() const;
  // Waits that a deadline another process wrote to the shared file made longer.
  int sharedWaits() const { return m_sharedWaits.load(); }

 private:
  std::unique_ptr<SharedRateFile> m_shared;
  std::atomic<int> m_sharedWaits{0};
  mutable std::mutex m_mutex;
  Clock::time_point m_openAt{};
  std::atomic<bool> m_cancelled{false};
  std::atomic<int> m_pauses{0};
  double m_waited = 0;
};

// A provider that waits at the gate before each turn and closes it for everyone when its
// server asks to slow down.
class RateGatedProvider : public llm::LlmProvider {
 public:
  RateGatedProvider(std::shared_ptr<llm::LlmProvider> inner, std::shared_ptr<RateGate> gate)
      : m_inner(std::move(inner)), m_gate(std::move(gate)) {}

  std::string id() const override { return m_inner->id(); }
  std::string displayName() const override { return m_inner->displayName(); }
  std::shared_ptr<llm::StreamHandle> startStream(const llm::ChatRequest& request, llm::EventCallback onEvent) override;
  std::vector<llm::ModelInfo> listModels() override { return m_inner->listModels(); }
  llm::EmbeddingResult embed(const llm::EmbeddingRequest& request) override;

 private:
  std::shared_ptr<llm::LlmProvider> m_inner;
  std::shared_ptr<RateGate> m_gate;
};

// Every stage model of `models` behind `gate` (one gate per provider quota: the batch's).
agent::PipelineModels gateModels(const agent::PipelineModels& models, const std::shared_ptr<RateGate>& gate);

}  // namespace partsmith::workbench
