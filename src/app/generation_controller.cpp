#include "app/pipeline_resources.h"
#include "app/generation_controller.h"

#include <algorithm>
#include <map>
#include <set>

#include <QDir>
#include <QBuffer>
#include <QImage>
#include <QMetaObject>
#include <QSettings>
#include <QThread>
#include <spdlog/spdlog.h>

#include "agent/model_resolver.h"
#include "agent/pipeline.h"
#include "agent/prompt_library.h"
#include "evaluation/three_track_evaluator.h"
#include "app/gui_keyring_secrets.h"
#include "llm/secret_store.h"
#include "store/store.h"
#include "worker/client/kernel_client.h"

namespace partsmith::app {

using nlohmann::json;

namespace {

// Keys from the environment first (so a shell export wins), then the system keyring; each
// provider is asked once per generation.
class CachedSecrets : public llm::SecretStore {
 public:
  CachedSecrets(QObject* gui, std::shared_ptr<std::atomic<bool>> abort, int keyringTimeoutMs) {
    m_chain = std::make_unique<llm::ChainedSecretStore>(std::vector<std::shared_ptr<llm::SecretStore>>{
        std::make_shared<llm::EnvironmentSecretStore>(),
        std::make_shared<GuiKeyringSecrets>(gui, std::move(abort), keyringTimeoutMs)});
  }
  std::optional<std::string> apiKey(const llm::ProviderConfig& provider) const override {
    auto it = m_cache.find(provider.id);
    if (it == m_cache.end()) it = m_cache.emplace(provider.id, m_chain->apiKey(provider)).first;
    return it->second;
  }
  std::string name() const override { return m_chain->name(); }

 private:
  std::unique_ptr<llm::ChainedSecretStore> m_chain;
  mutable std::map<std::string, std::optional<std::string>> m_cache;
};

std::string titleFor(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 60) {
    line.resize(57);
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();  // UTF-8
    if (!line.empty()) line.pop_back();
    line += "…";
  }
  return line.empty() ? std::string("New part") : line;
}

bool contains(const std::string& text, std::initializer_list<const char*> words) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  for (const char* w : words)
    if (lower.find(w) != std::string::npos) return true;
  return false;
}

// What the person can do about a failure, in their terms.
std::string adviceFor(const std::string& error) {
  if (contains(error, {"api key", "authentication", "unauthori", "401", "403", "permission"}))
    return "Check the API key: store it under Settings → Models (system keyring) or set the provider's "
           "environment variable, then send the request again.";
  if (contains(error, {"connect", "timed out", "timeout", "network", "resolve", "overloaded", "rate limit", "429", "503"}))
    return "The model provider could not be reached or is busy. Check the connection and the base URL under "
           "Settings → Models, wait a moment, then send the request again.";
  if (contains(error, {"does not run", "script", "wrote no code"}))
    return "Open the failing code (link below) to see its errors at their lines and fix them with Ctrl+R, or "
           "describe the problem in a follow-up message.";
  return "Send the request again, or rephrase it with the key dimensions and features.";
}

std::string costLine(const agent::GenerationResult& r) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "*%d step%s · %.1f s%s*", r.steps, r.steps == 1 ? "" : "s", r.wallMs / 1000,
                r.costUsd > 0 ? (" · $" + std::to_string(r.costUsd).substr(0, 6)).c_str() : "");
  return buf;
}

std::string replyMarkdown(const agent::GenerationResult& r, ChatReply& reply) {
  if (r.status == "offline" && r.offline) {
    std::string text = r.offline->message;
    if (!r.offline->examples.empty()) {
      text += "\n\nOpen an example:";
      for (size_t i = 0; i < r.offline->examples.size(); ++i)
        text += " [" + r.offline->examples[i].title + "](" + GenerationController::exampleLink(int(i)).toStdString() + ")" +
                (i + 1 < r.offline->examples.size() ? " ·" : "");
    }
    return text;
  }
  if (r.status == "succeeded")
    return (r.summary.empty() ? std::string("The part is ready.") : r.summary) + "\n\n" + costLine(r);
  if (r.status == "cancelled")
    return "**Cancelled.** The part shown before this request is unchanged; send the request again to retry.";
  if (r.status == "budget_exhausted") {
    std::string text = "**Stopped: the budget ran out** (" + r.error + ").";
    text += r.codeRuns ? " The best code so far is loaded." : "";
    text += "\n\nWhat to do: raise the step, time or cost budget under Settings → Generation, or send a follow-up "
            "to continue from here.\n\n" + costLine(r);
    return text;
  }
  std::string text = "**The generation failed:** " + (r.error.empty() ? std::string("no usable result") : r.error) +
                     "\n\nWhat to do: " + adviceFor(r.error);
  if (!r.code.empty() && !r.codeRuns && r.generationId > 0) {
    reply.failedCode = r.code;
    text += "\n\n[Open the failing code](partsmith-generation:" + std::to_string(r.generationId) + ")";
  }
  return text;
}

// The settings as the settings dialog saved them (one AppSettingsStore location for both);
// a broken file gives the defaults and the reason, shown in the reply's timeline.
struct LoadedSettings {
  AppSettings settings;
  std::string error;
};

LoadedSettings loadSettings(const SettingsLocation& location) {
  LoadedSettings out;
  try {
    out.settings = AppSettingsStore(location).load();
  } catch (const std::exception& e) {
    out.error = e.what();
    return out;
  }
  // The one switch the dialog does not show, kept beside the ones it does.
  const auto q = openInterfaceSettings(location.iniPath);
  out.settings.pipeline.refine.enabled = q->value("pipeline/refine", out.settings.pipeline.refine.enabled).toBool();
  return out;
}

}  // namespace

GenerationController::GenerationController(QString dbPath, SettingsLocation settings, QObject* parent)
    : QObject(parent), m_dbPath(std::move(dbPath)), m_settings(std::move(settings)) {
  qRegisterMetaType<std::shared_ptr<const ChatReply>>();
  m_thread = std::thread([this] { loop(); });
}

GenerationController::~GenerationController() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
    m_cancelRequested = true;
    m_abortKeys->store(true);
    if (m_current) m_current->cancel();
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void GenerationController::post(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_jobs.push_back(std::move(job));
  }
  m_wake.notify_one();
}

void GenerationController::loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
      if (m_stop) break;  // a queued generation that has not started is dropped on close
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    job();
  }
  m_resources.reset();  // the store connection and the kernel worker end on their own thread
}

bool GenerationController::start(ChatTurn turn) {
  if (m_busy) return false;
  m_busy = true;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cancelRequested = false;
    m_abortKeys->store(false);
  }
  emit busyChanged(true);
  post([this, turn = std::move(turn)] {
    std::shared_ptr<ChatReply> reply = generate(turn);
    flushDeltas();
    QMetaObject::invokeMethod(
        this,
        [this, reply] {
          flushDeltas();
          m_busy = false;
          emit finished(reply);
          emit busyChanged(false);
        },
        Qt::QueuedConnection);
  });
  return true;
}

void GenerationController::cancel() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_cancelRequested = true;
  m_abortKeys->store(true);
  if (m_current) m_current->cancel();
}

void GenerationController::report(const agent::ProgressEvent& e, json& timeline) {
  if (e.kind == "delta") {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_deltas.empty() && m_deltas.back().first == e.stage)
      m_deltas.back().second += e.message;
    else
      m_deltas.emplace_back(e.stage, e.message);
    if (!m_flushQueued) {
      m_flushQueued = true;
      QMetaObject::invokeMethod(this, [this] { flushDeltas(); }, Qt::QueuedConnection);
    }
    return;
  }
  {
    std::lock_guard<std::mutex> lock(m_mutex);  // retry warnings arrive on the transport thread
    timeline.push_back({{"kind", e.kind}, {"stage", e.stage}, {"message", e.message}, {"ms", int64_t(e.elapsedMs)}});
  }
  // Text streamed before this event is shown before it.
  QMetaObject::invokeMethod(
      this,
      [this, e] {
        flushDeltas();
        emit progress(e);
      },
      Qt::QueuedConnection);
}

void GenerationController::flushDeltas() {
  std::vector<std::pair<std::string, std::string>> pending;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    pending.swap(m_deltas);
    m_flushQueued = false;
  }
  // Called on the worker thread only to drop nothing when a generation ends: deliver later.
  if (QThread::currentThread() != thread()) {
    if (pending.empty()) return;
    QMetaObject::invokeMethod(
        this,
        [this, pending] {
          for (const auto& [stage, text] : pending) emit delta(QString::fromStdString(stage), QString::fromStdString(text));
        },
        Qt::QueuedConnection);
    return;
  }
  for (const auto& [stage, text] : pending) emit delta(QString::fromStdString(stage), QString::fromStdString(text));
}

std::shared_ptr<ChatReply> GenerationController::generate(const ChatTurn& turn) {
  auto reply = std::make_shared<ChatReply>();
  auto fail = [&](const std::string& what, const std::string& advice) {
    reply->status = "error";
    reply->error = what;
    reply->markdown = "**Could not start the generation:** " + what + "\n\nWhat to do: " + advice;
    return reply;
  };

  // Store, conversation and the user's message first: whatever happens next, the request is kept.
  try {
    if (!m_resources) m_resources = PipelineResources::open(m_dbPath);
    store::Store& db = *m_resources->store;
    std::string title;
    if (turn.conversationId) {
      reply->conversationId = *turn.conversationId;
      title = db.conversations().get(reply->conversationId).title;
    } else {
      title = titleFor(turn.text);
      reply->conversationId = db.conversations().create(title).id;
    }
    store::NewMessage m;
    m.role = "user";
    m.content = turn.text;
    json meta = json::object();
    if (!turn.imagePath.empty()) meta["image"] = turn.imagePath;
    if (!turn.model.empty()) meta["model"] = turn.model;
    m.metadata = meta.dump();
    reply->userMessageId = db.conversations().appendMessage(reply->conversationId, m).id;
    db.setMeta("app.last_conversation", std::to_string(reply->conversationId));
    const int64_t cid = reply->conversationId, mid = reply->userMessageId;
    const QString qtitle = QString::fromStdString(title);
    QMetaObject::invokeMethod(this, [this, cid, mid, qtitle] { emit turnStored(cid, mid, qtitle); }, Qt::QueuedConnection);
  } catch (const std::exception& e) {
    return fail(std::string("the history database cannot be written: ") + e.what(),
                "check that the disk holding " + QDir::toNativeSeparators(m_dbPath).toStdString() +
                    " has free space and that the file is writable, then send again: your message is back in the "
                    "input, nothing was lost.");
  }

  // Settings and keys are read for every generation: the settings dialog may have changed them.
  const LoadedSettings loaded = loadSettings(m_settings);
  const AppSettings& settings = loaded.settings;
  // A locked keyring may be waiting for the person to unlock it.
  CachedSecrets secrets(this, m_abortKeys, 60000);
  agent::ModelOverrides overrides;
  if (!turn.model.empty()) overrides.stageModels["code"] = turn.model;
  agent::ResolvedModels resolved;
  try {
    resolved = agent::resolveModels(settings.llm, secrets, overrides);
  } catch (const std::exception& e) {
    return fail(e.what(), "pick another model in the selector below the input, or fix the provider under "
                          "Settings → Models, then send again.");
  }
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_cancelRequested) {  // cancelled while the keys were looked up
      reply->status = "cancelled";
      reply->markdown = "**Cancelled.** The part shown before this request is unchanged; send the request again to retry.";
    }
  }
  if (reply->status == "cancelled") {
    try {
      store::NewMessage m;
      m.role = "assistant";
      m.content = reply->markdown;
      m.parentId = reply->userMessageId;
      m.metadata = json{{"status", "cancelled"}}.dump();
      reply->assistantMessageId = m_resources->store->conversations().appendMessage(reply->conversationId, m).id;
    } catch (const std::exception&) {
    }
    return reply;
  }

  agent::GenerationRequest request;
  request.request = turn.text;
  request.origin = "chat";
  request.conversationId = reply->conversationId;
  request.requestMessageId = reply->userMessageId;
  request.parentGenerationId = turn.parentGenerationId;
  request.currentCode = turn.currentCode;
  request.earlierRequests = turn.earlierRequests;
  if (!turn.imagePath.empty()) {
    // Re-encoded as PNG no larger than the providers' recommended 1568 px: any format the
    // person drops in works, and a phone photo does not cost thousands of image tokens.
    QImage image(QString::fromStdString(turn.imagePath));
    if (image.isNull()) {
      report({"warning", "request", "the reference image " + turn.imagePath + " could not be read; it was not sent",
              json::object(), 0},
             reply->timeline);
    } else {
      if (std::max(image.width(), image.height()) > 1568)
        image = image.scaled(1568, 1568, Qt::KeepAspectRatio, Qt::SmoothTransformation);
      QByteArray png;
      QBuffer buffer(&png);
      buffer.open(QIODevice::WriteOnly);
      image.save(&buffer, "PNG");
      request.referenceImages.push_back({"image/png", png.toBase64().toStdString(), ""});
    }
  }

  agent::GenerationResult result;
  try {
    agent::Pipeline pipeline(m_resources->store.get(), m_resources->kernel, resolved.models, settings.pipeline,
                             *m_resources->prompts);
    pipeline.setOfflineReason(resolved.offlineReason);
    pipeline.setEvaluatorFactory(evaluation::threeTrackEvaluatorFactory());
    pipeline.setProgressSink([this, reply](const agent::ProgressEvent& e) { report(e, reply->timeline); });
    if (!loaded.error.empty())
      report({"warning", "settings", loaded.error + " (the defaults apply)", json::object(), 0}, reply->timeline);
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_current = &pipeline;
      if (m_cancelRequested) pipeline.cancel();
    }
    try {
      result = pipeline.run(request);
    } catch (...) {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_current = nullptr;
      throw;
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_current = nullptr;
  } catch (const std::exception& e) {
    spdlog::error("chat generation failed: {}", e.what());
    return fail(e.what(), adviceFor(e.what()));
  }

  reply->generationId = result.generationId;
  reply->status = result.status;
  reply->error = result.error;
  reply->costUsd = result.costUsd;
  reply->wallMs = result.wallMs;
  reply->steps = result.steps;
  if (result.codeRuns && result.status != "cancelled") reply->code = result.code;
  if (result.offline) reply->offlineExamples = result.offline->examples;
  reply->markdown = replyMarkdown(result, *reply);

  try {
    store::Store& db = *m_resources->store;
    store::NewMessage m;
    m.role = "assistant";
    m.content = reply->markdown;
    m.parentId = reply->userMessageId;
    if (result.generationId > 0) m.generationId = result.generationId;
    json meta = {{"status", result.status}, {"timeline", reply->timeline}};
    if (!reply->offlineExamples.empty()) {
      json ids = json::array();
      for (const auto& e : reply->offlineExamples) ids.push_back(e.id);
      meta["offline_examples"] = ids;
    }
    m.metadata = meta.dump();
    reply->assistantMessageId = db.conversations().appendMessage(reply->conversationId, m).id;
    if (!reply->code.empty()) {
      const std::string key = "app.conversation." + std::to_string(reply->conversationId);
      db.setMeta(key + ".generation", std::to_string(result.generationId));
      db.setMeta(key + ".code", reply->code);
    }
  } catch (const std::exception& e) {
    reply->markdown += "\n\n*(This reply could not be saved to the history: " + std::string(e.what()) + ")*";
  }
  return reply;
}

void GenerationController::refreshModels() {
  post([this] {
    const AppSettings settings = loadSettings(m_settings).settings;
    // A model list is not worth waiting long for a locked keyring.
    CachedSecrets secrets(this, m_abortKeys, 5000);
    std::vector<ModelChoice> choices;
    std::set<std::string> seen;
    std::string offlineReason;
    std::string defaultId;
    try {
      agent::ResolvedModels resolved = agent::resolveModels(settings.llm, secrets, {});
      offlineReason = resolved.offlineReason;
      if (resolved.models.code.usable()) defaultId = resolved.models.code.providerId + "/" + resolved.models.code.model;
    } catch (const std::exception& e) {
      offlineReason = e.what();
    }
    auto add = [&](const llm::ProviderConfig& p, const std::string& model) {
      if (model.empty() || (!p.isLocal() && !secrets.apiKey(p))) return;
      const std::string id = p.id + "/" + model;
      if (!seen.insert(id).second) return;
      ModelChoice c;
      c.id = id;
      c.label = model + " · " + p.displayName();
      c.isDefault = id == defaultId;
      agent::ModelOverrides o;
      o.stageModels["code"] = id;
      try {
        c.vision = agent::resolveModels(settings.llm, secrets, o).models.code.vision;
      } catch (const std::exception&) {
      }
      choices.push_back(c);
    };
    // The settings' code model first, then every stage's model and each provider's default.
    if (auto code = settings.llm.stage("code"))
      if (const auto* p = settings.llm.provider(code->provider)) add(*p, code->model.empty() ? p->defaultModel : code->model);
    for (const auto& [stage, a] : settings.llm.stages)
      if (stage != "embedding")
        if (const auto* p = settings.llm.provider(a.provider)) add(*p, a.model);
    for (const auto& p : settings.llm.providers) add(p, p.defaultModel);
    const QString reason = QString::fromStdString(offlineReason);
    QMetaObject::invokeMethod(this, [this, choices, reason] { emit modelsListed(choices, reason); }, Qt::QueuedConnection);
  });
}

}  // namespace partsmith::app
