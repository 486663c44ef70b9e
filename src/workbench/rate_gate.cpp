#include "workbench/rate_gate.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <thread>

#include "workbench/shared_rate_file.h"

namespace partsmith::workbench {

namespace {

bool slowDown(const llm::LlmError& e) {
  return e.kind == llm::ErrorKind::RateLimited || e.kind == llm::ErrorKind::Overloaded;
}

}  // namespace

RateGate::RateGate() = default;
RateGate::~RateGate() = default;

void RateGate::shareThrough(const std::string& path, std::function<void(const std::string&)> warn) {
  m_shared = std::make_unique<SharedRateFile>(path, std::move(warn));
}

void RateGate::pause(double seconds) {
  if (seconds <= 0) return;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    if (until > m_openAt) {
      m_openAt = until;
      ++m_pauses;
    }
  }
  if (m_shared) m_shared->extend(SharedRateFile::nowMs() + std::llround(seconds * 1000));
}

double RateGate::waitOpen() {
  using std::chrono::milliseconds;
  const auto start = Clock::now();
  // The shared file is read before each model call and, while waiting, every quarter second:
  // often enough to pick up a later deadline, rarely enough for a busy network filesystem.
  Clock::time_point lastRead{};
  bool haveRead = false;
  std::optional<int64_t> sharedOpenAtMs;
  bool waitedForOther = false;
  while (!m_cancelled) {
    Clock::time_point openAt;
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      openAt = m_openAt;
    }
    const auto now = Clock::now();
    const Clock::duration local = openAt - now;
    Clock::duration remaining = local;
    if (m_shared) {
      if (!haveRead || now - lastRead >= milliseconds(250)) {
        sharedOpenAtMs = m_shared->read();
        lastRead = now;
        haveRead = true;
      }
      if (sharedOpenAtMs) {
        const Clock::duration other = milliseconds(*sharedOpenAtMs - SharedRateFile::nowMs());
        if (other > remaining) {
          remaining = other;
          // Our own pause is in the file too (to the millisecond): only a later one is another's.
          if (other > local + milliseconds(5) && other > Clock::duration::zero()) waitedForOther = true;
        }
      }
    }
    if (remaining <= Clock::duration::zero()) break;
    // Short slices so a cancel or an earlier deadline is noticed quickly.
    std::this_thread::sleep_for(std::min<Clock::duration>(remaining, milliseconds(50)));
  }
  if (waitedForOther) ++m_sharedWaits;
  const double waited = std::chrono::duration<double>(Clock::now() - start).count();
  if (waited > 0.001) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_waited += waited;
  }
  return waited;
}

double RateGate::waitedSeconds() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_waited;
}

std::shared_ptr<llm::StreamHandle> RateGatedProvider::startStream(const llm::ChatRequest& request,
                                                                  llm::EventCallback onEvent) {
  m_gate->waitOpen();
  std::shared_ptr<RateGate> gate = m_gate;
  return m_inner->startStream(request, [gate, onEvent = std::move(onEvent)](const llm::StreamEvent& e) {
    // The provider announces each retry with the delay it will wait: the others wait as long.
    if (e.type == llm::EventType::Retry && slowDown(e.error)) gate->pause(e.retry.delayMs / 1000.0);
    if (e.type == llm::EventType::Error && slowDown(e.error))
      gate->pause(e.error.retryAfterSeconds.value_or(1.0));
    if (onEvent) onEvent(e);
  });
}

llm::EmbeddingResult RateGatedProvider::embed(const llm::EmbeddingRequest& request) {
  m_gate->waitOpen();
  try {
    return m_inner->embed(request);
  } catch (const llm::LlmException& e) {
    if (slowDown(e.error())) m_gate->pause(e.error().retryAfterSeconds.value_or(1.0));
    throw;
  }
}

agent::PipelineModels gateModels(const agent::PipelineModels& models, const std::shared_ptr<RateGate>& gate) {
  agent::PipelineModels out = models;
  for (agent::StageModel* m : {&out.spec, &out.code, &out.review, &out.vision})
    if (m->provider) m->provider = std::make_shared<RateGatedProvider>(m->provider, gate);
  return out;
}

}  // namespace partsmith::workbench
