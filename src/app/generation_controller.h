// Runs chat generations (agent::Pipeline) on one background thread so the GUI never waits
// for the network, the kernel or the disk. The thread keeps its own store connection and
// kernel worker; it creates the conversation when needed, stores the user's message, runs the
// pipeline and stores the reply, so a generation interrupted by a crash or a close keeps what
// it has. Progress comes back to the GUI thread through queued signals in the order it
// happened; streamed text is coalesced so a fast stream cannot flood the event loop.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <QObject>
#include <QString>
#include <nlohmann/json.hpp>

#include "agent/offline_answer.h"
#include "agent/progress_event.h"
#include "app/app_settings.h"

namespace partsmith::agent {
class Pipeline;
}

namespace partsmith::app {

struct PipelineResources;

// One request from the chat.
struct ChatTurn {
  std::string text;
  std::optional<int64_t> conversationId;       // none: a new conversation named after the text
  std::optional<int64_t> parentGenerationId;   // a follow-up of this generation
  std::string currentCode;                     // a follow-up starts from this code (as shown)
  std::vector<std::string> earlierRequests;    // the conversation's earlier requests, oldest first
  std::string model;                           // "provider/model" for the code stage; empty: settings
  std::string imagePath;                       // a reference image kept with the message
};

// What a generation left, as stored.
struct ChatReply {
  int64_t conversationId = 0;
  int64_t userMessageId = 0;
  int64_t assistantMessageId = 0;
  int64_t generationId = 0;
  // succeeded, failed, cancelled, budget_exhausted, offline; "error" when the generation could
  // not start (settings, store)
  std::string status;
  std::string markdown;  // the reply as the chat shows and stores it
  std::string code;      // the code to load (runs), empty when the part stays as it was
  std::string failedCode;  // the last code of a failed generation, for "open the failing code"
  std::string error;
  std::vector<agent::OfflineExample> offlineExamples;
  nlohmann::json timeline = nlohmann::json::array();
  double costUsd = 0;
  double wallMs = 0;
  int steps = 0;
};

// A model the chat can pick for the code stage.
struct ModelChoice {
  std::string id;     // "provider/model"
  std::string label;  // "Claude Sonnet · anthropic"
  bool vision = true;
  bool isDefault = false;  // the settings' code model
};

class GenerationController : public QObject {
  Q_OBJECT
 public:
  // `dbPath`: the app's store (already created). `settings`: where the settings dialog keeps the
  // providers, models, budgets and switches (AppSettingsStore), re-read for every generation.
  explicit GenerationController(QString dbPath, SettingsLocation settings = {}, QObject* parent = nullptr);
  ~GenerationController() override;  // cancels what runs and waits for it to end

  bool busy() const { return m_busy; }
  // Queues the turn; false (and nothing happens) while another generation runs.
  bool start(ChatTurn turn);
  // From the GUI thread: ends the running generation within moments (its record stays).
  void cancel();
  // Lists the models of the configured providers (settings and keys are read off the GUI thread).
  void refreshModels();

  // The markdown link a reply uses to open an offline example or a generation's code.
  static QString exampleLink(int index) { return QStringLiteral("partsmith-example:%1").arg(index); }

 signals:
  void busyChanged(bool busy);
  // The conversation exists (created for a first message) and holds the user's message.
  void turnStored(qint64 conversationId, qint64 userMessageId, const QString& title);
  void progress(const partsmith::agent::ProgressEvent& event);
  // Streamed model text, coalesced; `stage` is the stage that streams it.
  void delta(const QString& stage, const QString& text);
  void finished(std::shared_ptr<const partsmith::app::ChatReply> reply);
  void modelsListed(const std::vector<partsmith::app::ModelChoice>& models, const QString& offlineReason);

 private:
  void loop();
  void post(std::function<void()> job);
  std::shared_ptr<ChatReply> generate(const ChatTurn& turn);
  void report(const agent::ProgressEvent& event, nlohmann::json& timeline);
  void flushDeltas();

  QString m_dbPath;
  SettingsLocation m_settings;
  bool m_busy = false;

  std::unique_ptr<PipelineResources> m_resources;  // created, used and destroyed on m_thread

  std::mutex m_mutex;  // guards the queue, m_current, m_cancelRequested and the delta buffer
  std::condition_variable m_wake;
  std::deque<std::function<void()>> m_jobs;
  bool m_stop = false;
  agent::Pipeline* m_current = nullptr;
  bool m_cancelRequested = false;
  // Ends keyring lookups that wait for the GUI thread (cancel, close).
  std::shared_ptr<std::atomic<bool>> m_abortKeys = std::make_shared<std::atomic<bool>>(false);
  std::vector<std::pair<std::string, std::string>> m_deltas;  // stage, text
  bool m_flushQueued = false;
  std::thread m_thread;
};

}  // namespace partsmith::app
