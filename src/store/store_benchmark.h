// The store benchmark behind `partsmith-cli db bench`: fills a scratch database with N
// conversations (branching, M messages each) and a synthetic library, then times what the
// app does interactively — list the 50 most recent conversations, open one, full-text search
// the library and the history — and reports p50/p95 against the goals (list and open
// ≤ 10 ms, search ≤ 20 ms).
#pragma once
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace partsmith::store {

struct StoreBenchmarkOptions {
  std::string path;           // the scratch database; it must not exist yet
  int conversations = 10000;
  int messagesPerConversation = 10;
  int libraryExamples = 2000;  // synthetic, on top of the seed examples
  int runs = 200;              // timed repetitions per query
  unsigned seed = 42;
};

// Returns {"population": {...}, "queries": [{"name", "p50_ms", "p95_ms", "max_ms", "goal_ms", "ok"}...]}.
nlohmann::json runStoreBenchmark(const StoreBenchmarkOptions& options);

}  // namespace partsmith::store
