// The LLM peer of the workbench tests: a real HTTP server on 127.0.0.1 speaking the Anthropic
// wire format, whose replies depend on the request (the model asked for and the conversation
// so far) rather than on arrival order — batch workers run in parallel, so a queue of replies
// would be handed out to whichever prompt asked first.
//
// Models: "spec-model" (a valid spec), "review-model" (a judgement; code marked "// draft"
// fails a checklist item), and code models of different quality:
//   good    writes working code and finishes (1 step)
//   repair  writes code with a script error, runs it, fixes it, runs it, finishes (3 steps)
//   draft   writes code that builds but that the reviewer rejects (1 step)
//   bad     keeps writing code that does not run (until the step budget ends the generation)
//   mixed   bad for prompts that say "lattice", draft for prompts that say "filigree", else
//           good (words no few-shot example in the library uses)
//   limited like good, but its first reply is a 429 with retry-after-ms (once per server)
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "../agent/agent_test_support.h"

namespace partsmith::workbench::testing {

using nlohmann::json;
using agent::testing::anthropicText;
using agent::testing::anthropicTurn;
using agent::testing::args;

inline json workbenchSpec() { return agent::testing::cubeSpec(); }

inline std::string brokenCode() {
  std::string broken = agent::testing::kCubeCode;
  broken.replace(broken.find(".box("), 5, ".bx(");
  return broken;
}

class ScriptedModels {
 public:
  struct Received {
    std::string model;
    std::chrono::steady_clock::time_point at;
    int status = 200;
  };

  explicit ScriptedModels(int codeDelayMs = 0) : m_codeDelayMs(codeDelayMs) {
    m_server.set_keep_alive_timeout(1);
    m_server.Post("/v1/messages", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    for (int i = 0; i < 200 && !m_server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~ScriptedModels() {
    m_server.stop();
    if (m_thread.joinable()) m_thread.join();
  }
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  std::vector<Received> received() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_received;
  }
  int requestsFor(const std::string& model) const {
    int n = 0;
    for (const auto& r : received()) n += r.model == model;
    return n;
  }

 private:
  static std::string firstUserText(const json& body) {
    for (const json& m : body["messages"])
      if (m.value("role", "") == "user") return m["content"].dump();
    return {};
  }
  static int assistantTurns(const json& body) {
    int n = 0;
    for (const json& m : body["messages"]) n += m.value("role", "") == "assistant";
    return n;
  }

  std::string reply(const std::string& model, const json& body) {
    using agent::testing::kCubeCode;
    if (model == "spec-model") return anthropicText(workbenchSpec().dump());
    if (model == "review-model") {
      const bool draft = body["messages"].dump().find("// draft") != std::string::npos;
      json list = json::array();
      const json checklist = workbenchSpec()["checklist"];
      for (size_t i = 0; i < checklist.size(); ++i)
        list.push_back({{"item", checklist[i]}, {"answer", draft && i == 1 ? "no" : "yes"}, {"note", "read the code"}});
      json j = {{"score", draft ? 5 : 9}, {"checklist", list},
                {"critique", draft ? json::array({"The hole is missing."}) : json::array()}};
      return anthropicText("```json\n" + j.dump() + "\n```");
    }
    std::string behaviour = model;
    if (model == "mixed") {
      const std::string prompt = firstUserText(body);
      behaviour = prompt.find("lattice") != std::string::npos    ? "bad"
                  : prompt.find("filigree") != std::string::npos ? "draft"
                                                                 : "good";
    }
    if (model == "limited") behaviour = "good";
    const int turn = assistantTurns(body);
    if (behaviour == "good")
      return turn == 0 ? anthropicTurn({{"write_code", args({{"code", kCubeCode}})}, {"finish", args({{"summary", "done"}})}})
                       : anthropicTurn({{"finish", args({{"summary", "done"}})}});
    if (behaviour == "draft")
      return turn == 0 ? anthropicTurn({{"write_code", args({{"code", std::string(kCubeCode) + "// draft\n"}})},
                                        {"finish", args({{"summary", "a first draft"}})}})
                       : anthropicTurn({{"finish", args({{"summary", "done"}})}});
    if (behaviour == "repair") {
      if (turn == 0) return anthropicTurn({{"write_code", args({{"code", brokenCode()}})}, {"run_code", "{}"}});
      if (turn == 1) return anthropicTurn({{"edit_code", args({{"old", ".bx("}, {"new", ".box("}})}, {"run_code", "{}"}});
      return anthropicTurn({{"finish", args({{"summary", "fixed the typo"}})}});
    }
    // bad
    return anthropicTurn({{"write_code", args({{"code", brokenCode()}})}, {"run_code", "{}"}});
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    const std::string model = body.is_object() ? body.value("model", "") : "";
    int status = 200;
    if (model == "limited" && !m_limitedOnce.exchange(true)) status = 429;
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_received.push_back({model, std::chrono::steady_clock::now(), status});
    }
    if (status == 429) {
      res.status = 429;
      res.set_header("retry-after-ms", "400");
      res.set_content(R"({"type":"error","error":{"type":"rate_limit_error","message":"Number of requests exceeded"}})",
                      "application/json");
      return;
    }
    const bool codeModel = model != "spec-model" && model != "review-model";
    if (codeModel && m_codeDelayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(m_codeDelayMs));
    res.set_content(reply(model, body), "text/event-stream");
  }

  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
  int m_codeDelayMs;
  mutable std::mutex m_mutex;
  std::vector<Received> m_received;
  std::atomic<bool> m_limitedOnce{false};
};

}  // namespace partsmith::workbench::testing
