// A scripted LLM peer (real HTTP on 127.0.0.1, Anthropic wire format) for the context-size and
// shared-rate-gate tests. Unlike scripted_models.h it reports usage the way a real server does:
// input tokens grow with the request (a quarter of its bytes), so few-shot examples in the
// prompt show up as a larger context. Its code model "fewshot" writes a draft the reviewer
// rejects when the prompt holds no few-shot example and working code otherwise. Optionally the
// first request of all is answered 429 with `retry-after` (whole seconds). Every request is
// recorded with the wall-clock time it arrived and the API key it carried, so tests can tell
// separate processes apart and compare with deadlines written as epoch milliseconds.
#pragma once
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "../agent/agent_test_support.h"

namespace partsmith::workbench::testing {

class ContextModels {
 public:
  struct Received {
    std::string model;
    std::string apiKey;
    int64_t atMs = 0;  // wall clock, ms since the epoch
    int status = 200;
    int examples = 0;  // few-shot examples in the request
    int64_t inputTokens = 0;
  };

  // `limitFirstSeconds` > 0: the first request is answered 429 with that retry-after.
  explicit ContextModels(int limitFirstSeconds = 0) : m_limitFirstSeconds(limitFirstSeconds) {
    m_server.set_keep_alive_timeout(1);
    m_server.Post("/v1/messages", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    for (int i = 0; i < 200 && !m_server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~ContextModels() {
    m_server.stop();
    if (m_thread.joinable()) m_thread.join();
  }
  ContextModels(const ContextModels&) = delete;
  ContextModels& operator=(const ContextModels&) = delete;

  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  std::vector<Received> received() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_received;
  }

  static int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

 private:
  static int countExamples(const std::string& body) {
    int n = 0;
    for (size_t at = 0; (at = body.find("### Example ", at)) != std::string::npos; at += 12) ++n;
    return n;
  }
  static int assistantTurns(const nlohmann::json& body) {
    int n = 0;
    for (const auto& m : body["messages"]) n += m.value("role", "") == "assistant";
    return n;
  }

  std::string reply(const std::string& model, const nlohmann::json& body, int examples, int inputTokens) {
    using agent::testing::anthropicText;
    using agent::testing::anthropicTurn;
    using agent::testing::args;
    using agent::testing::kCubeCode;
    if (model == "spec-model") return anthropicText(agent::testing::cubeSpec().dump(), inputTokens);
    if (model == "review-model") {
      const bool draft = body["messages"].dump().find("// draft") != std::string::npos;
      nlohmann::json list = nlohmann::json::array();
      const nlohmann::json checklist = agent::testing::cubeSpec()["checklist"];
      for (size_t i = 0; i < checklist.size(); ++i)
        list.push_back({{"item", checklist[i]}, {"answer", draft && i == 1 ? "no" : "yes"}, {"note", "read the code"}});
      const nlohmann::json j = {{"score", draft ? 5 : 9},
                                {"checklist", list},
                                {"critique", draft ? nlohmann::json::array({"The hole is missing."}) : nlohmann::json::array()}};
      return anthropicText("```json\n" + j.dump() + "\n```", inputTokens);
    }
    // The code model: with examples to imitate it gets it right first time.
    const std::string code = examples > 0 ? std::string(kCubeCode) : std::string(kCubeCode) + "// draft\n";
    if (assistantTurns(body) == 0)
      return anthropicTurn({{"write_code", args({{"code", code}})}, {"finish", args({{"summary", "done"}})}}, {},
                           inputTokens);
    return anthropicTurn({{"finish", args({{"summary", "done"}})}}, {}, inputTokens);
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    const std::string model = body.is_object() ? body.value("model", "") : "";
    Received r;
    r.model = model;
    r.apiKey = req.get_header_value("x-api-key");
    r.atMs = nowMs();
    r.examples = countExamples(req.body);
    r.inputTokens = static_cast<int64_t>(req.body.size() / 4);
    if (m_limitFirstSeconds > 0 && !m_limitedOnce.exchange(true)) r.status = 429;
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_received.push_back(r);
    }
    if (r.status == 429) {
      res.status = 429;
      res.set_header("retry-after", std::to_string(m_limitFirstSeconds));
      res.set_content(R"({"type":"error","error":{"type":"rate_limit_error","message":"Number of requests exceeded"}})",
                      "application/json");
      return;
    }
    if (!body.is_object()) {
      res.status = 400;
      return;
    }
    res.set_content(reply(model, body, r.examples, static_cast<int>(r.inputTokens)), "text/event-stream");
  }

  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
  int m_limitFirstSeconds;
  mutable std::mutex m_mutex;
  std::vector<Received> m_received;
  std::atomic<bool> m_limitedOnce{false};
};

}  // namespace partsmith::workbench::testing
