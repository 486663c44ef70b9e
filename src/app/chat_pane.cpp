#include "app/chat_pane.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QUrl>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "agent/progress_event.h"
#include "app/chat_input.h"
#include "app/chat_message_view.h"
#include "app/chat_snapshot.h"
#include "app/chat_timeline.h"
#include "app/generation_controller.h"
#include "app/store_worker.h"
#include "store/store.h"

namespace partsmith::app {

using nlohmann::json;

namespace {

const int kVisionRole = Qt::UserRole + 1;

QString q(const std::string& s) { return QString::fromStdString(s); }

json parseMeta(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

}  // namespace

ChatPane::ChatPane(QWidget* parent) : QWidget(parent) {
  setObjectName("chatPane");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);

  auto* header = new QHBoxLayout;
  m_title = new QLabel(tr("New conversation"), this);
  m_title->setObjectName("conversationTitle");
  QFont bold = m_title->font();
  bold.setBold(true);
  m_title->setFont(bold);
  m_title->setTextFormat(Qt::PlainText);
  m_new = new QPushButton(tr("New"), this);
  m_new->setObjectName("newConversation");
  m_new->setToolTip(tr("Start a new conversation (Ctrl+N)"));
  // Ctrl+N is the window's Chat ▸ New conversation, so it works while the history is shown.
  header->addWidget(m_title, 1);
  header->addWidget(m_new);
  layout->addLayout(header);

  m_models = new QComboBox(this);
  m_models->setObjectName("modelSelector");
  m_models->setToolTip(tr("The model that writes the code"));
  m_models->addItem(tr("Looking for models…"));
  m_models->setEnabled(false);
  layout->addWidget(m_models);

  m_banner = new QLabel(this);
  m_banner->setObjectName("connectBanner");
  m_banner->setWordWrap(true);
  m_banner->setTextFormat(Qt::RichText);
  m_banner->setStyleSheet("background: #fff4d6; color: #5c4400; padding: 6px; border-radius: 4px;");
  m_banner->hide();
  connect(m_banner, &QLabel::linkActivated, this, [this](const QString&) { showConnectHelp(); });
  layout->addWidget(m_banner);

  m_scroll = new QScrollArea(this);
  m_scroll->setObjectName("chatScroll");
  m_scroll->setWidgetResizable(true);
  m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_list = new QWidget(m_scroll);
  m_listLayout = new QVBoxLayout(m_list);
  m_listLayout->setContentsMargins(2, 2, 2, 2);
  m_listLayout->setSpacing(8);
  m_listLayout->addStretch(1);
  m_scroll->setWidget(m_list);
  layout->addWidget(m_scroll, 1);

  m_input = new ChatInput(this);
  layout->addWidget(m_input);
  connect(m_input, &ChatInput::sendRequested, this, [this](const QString& text, const QString& image) { send(text, image); });
  connect(m_new, &QPushButton::clicked, this, &ChatPane::newConversation);
  connect(m_models, &QComboBox::currentIndexChanged, this, [this](int index) {
    m_input->setVisionAvailable(index >= 0 && m_models->itemData(index, kVisionRole).toBool());
  });
  connect(m_models, &QComboBox::activated, this, [this](int index) {  // the person's choice, not a refresh
    const QString id = m_models->itemData(index).toString();
    if (id.isEmpty()) return;
    m_preferredModel = id;
    emit modelChosen(id);
  });

  m_saveTimer = new QTimer(this);
  m_saveTimer->setSingleShot(true);
  m_saveTimer->setInterval(700);
  connect(m_saveTimer, &QTimer::timeout, this, &ChatPane::saveCodeChange);
  m_input->editor()->setPlaceholderText(tr("Opening the history…"));
  updateSendState();
}

void ChatPane::saveCodeChange() {
  if (!m_store || !m_conversationId || !m_currentCode) return;
  const int64_t id = *m_conversationId;
  const std::string code = m_currentCode().toStdString();
  if (code.empty()) return;
  const std::optional<int64_t> generation = m_generationId;
  m_store->run(
      this,
      [id, code, generation](store::Store& s) {
        s.setMeta(ChatSnapshot::codeKey(id), code);
        if (generation) s.setMeta(ChatSnapshot::generationKey(id), std::to_string(*generation));
      },
      {}, [this](const QString& message) { emit statusMessage(tr("The part could not be remembered: %1").arg(message), true); });
}

ChatPane::~ChatPane() = default;

void ChatPane::attach(GenerationController* controller, StoreWorker* store) {
  m_controller = controller;
  m_store = store;
  m_input->editor()->setPlaceholderText(tr("Describe a part, or what to change… (Ctrl+Enter sends)"));
  connect(controller, &GenerationController::progress, this, &ChatPane::onProgress);
  connect(controller, &GenerationController::delta, this, &ChatPane::onDelta);
  connect(controller, &GenerationController::finished, this, &ChatPane::onFinished);
  connect(controller, &GenerationController::modelsListed, this, &ChatPane::onModelsListed);
  connect(controller, &GenerationController::busyChanged, this, [this](bool) { updateSendState(); });
  connect(controller, &GenerationController::turnStored, this, [this](qint64 cid, qint64, const QString& title) {
    const bool changed = !m_conversationId || *m_conversationId != cid;
    m_conversationId = cid;
    setTitle(title);
    if (changed) emit conversationChanged(cid, title);
  });
  controller->refreshModels();
  updateSendState();
}

void ChatPane::setStoreError(const QString& message) {
  m_input->editor()->setPlaceholderText(tr("The chat is unavailable: the history cannot be opened."));
  auto* view = addMessage(false, tr("**The history database cannot be opened:** %1\n\nWhat to do: restore the newest "
                                    "backup named above (`partsmith-cli db restore`), or start with another file "
                                    "(`partsmith --db PATH`). Scripts, sliders and export still work.")
                                     .arg(message));
  view->setError(true);
}

void ChatPane::setCodeSource(std::function<QString()> currentCode, std::function<bool()> codeIsUserWork) {
  m_currentCode = std::move(currentCode);
  m_codeIsUserWork = std::move(codeIsUserWork);
}

bool ChatPane::busy() const { return m_controller && m_controller->busy(); }

std::vector<ChatMessageView*> ChatPane::messageViews() const {
  std::vector<ChatMessageView*> out;
  for (int i = 0; i < m_listLayout->count(); ++i)
    if (auto* v = qobject_cast<ChatMessageView*>(m_listLayout->itemAt(i)->widget())) out.push_back(v);
  return out;
}

ChatMessageView* ChatPane::addMessage(bool user, const QString& markdown) {
  auto* view = new ChatMessageView(user ? ChatMessageView::Role::User : ChatMessageView::Role::Assistant, markdown, m_list);
  m_listLayout->insertWidget(m_listLayout->count() - 1, view);
  connect(view, &ChatMessageView::linkActivated, this, &ChatPane::onLink);
  scrollToEnd();
  return view;
}

void ChatPane::clearMessages() {
  for (ChatMessageView* v : messageViews()) delete v;
  m_reply = nullptr;
}

void ChatPane::scrollToEnd() {
  QTimer::singleShot(0, this, [this] { m_scroll->verticalScrollBar()->setValue(m_scroll->verticalScrollBar()->maximum()); });
}

void ChatPane::updateSendState() {
  m_input->setSendEnabled(m_controller && !m_controller->busy());
  m_new->setEnabled(m_controller && !m_controller->busy());
}

void ChatPane::newConversation() {
  if (busy()) return;
  clearMessages();
  m_conversationId.reset();
  m_generationId.reset();
  m_requests.clear();
  setTitle({});
  m_input->editor()->setFocus();
  emit conversationChanged(0, QString());
}

void ChatPane::setTitle(const QString& title) {
  const bool changed = title != m_conversationTitle;
  m_conversationTitle = title;
  // A conversation whose title is blank is still a conversation, not a new one.
  m_title->setText(!title.isEmpty() ? title : m_conversationId ? tr("Untitled") : tr("New conversation"));
  m_title->setToolTip(title);
  if (changed) emit titleChanged(title);
}

void ChatPane::conversationRenamed(qint64 conversationId, const QString& title) {
  if (m_conversationId && *m_conversationId == conversationId) setTitle(title);
}

void ChatPane::showGeneration(qint64 generationId) {
  if (generationId > 0) m_generationId = generationId;
}

void ChatPane::send(const QString& text, const QString& imagePath) {
  if (!m_controller || m_controller->busy() || text.trimmed().isEmpty()) return;
  ChatTurn turn;
  turn.text = text.trimmed().toStdString();
  turn.conversationId = m_conversationId;
  turn.parentGenerationId = m_generationId;
  // A follow-up edits the part as shown (sliders and hand edits included).
  const bool userCode = m_codeIsUserWork && m_codeIsUserWork();
  if ((m_generationId || userCode) && m_currentCode) turn.currentCode = m_currentCode().toStdString();
  for (const QString& r : m_requests) turn.earlierRequests.push_back(r.toStdString());
  turn.model = m_models->currentData().toString().toStdString();
  turn.imagePath = imagePath.toStdString();
  if (!m_controller->start(turn)) return;

  m_requests << text.trimmed();
  auto* user = addMessage(true, text.trimmed().toHtmlEscaped().replace("\n", "  \n"));
  if (!imagePath.isEmpty()) user->setImage(imagePath);
  m_reply = addMessage(false, {});
  ChatTimeline* timeline = m_reply->timeline();
  connect(timeline, &ChatTimeline::cancelRequested, this, &ChatPane::cancel);
  m_input->clear();
  updateSendState();
}

void ChatPane::cancel() {
  if (m_controller) m_controller->cancel();
}

void ChatPane::insertReference(const QString& reference) { m_input->insertReference(reference); }

void ChatPane::noteCodeChanged() {
  if (m_conversationId) m_saveTimer->start();
}

void ChatPane::flushCodeChange() {
  if (!m_saveTimer->isActive()) return;
  m_saveTimer->stop();
  saveCodeChange();
}

void ChatPane::onProgress(const agent::ProgressEvent& e) {
  if (!m_reply) return;
  m_reply->timeline()->addEvent(q(e.kind), q(e.stage), q(e.message), e.elapsedMs);
  scrollToEnd();
}

void ChatPane::onDelta(const QString& stage, const QString& text) {
  // The spec streams JSON: only the code model's words belong in the reply.
  if (!m_reply || (stage != "code" && stage != "refine" && stage != "decompose")) return;
  m_reply->appendStream(text);
  scrollToEnd();
}

void ChatPane::onFinished(std::shared_ptr<const ChatReply> reply) {
  ChatMessageView* view = m_reply;
  m_reply = nullptr;
  if (!view) view = addMessage(false, {});
  view->generationId = reply->generationId;
  view->setMarkdown(q(reply->markdown));
  const QString status = q(reply->status);
  view->timeline()->setFinished(status);
  view->setError(status == "failed" || status == "error");
  if (status == "error" && reply->userMessageId == 0 && !m_requests.isEmpty()) {
    // The request never reached the history: give it back to send again, unless the person
    // already started typing something else.
    const QString lost = m_requests.takeLast();
    if (m_input->text().trimmed().isEmpty()) m_input->setText(lost);
  }
  view->exampleIds.clear();
  for (const auto& e : reply->offlineExamples) view->exampleIds.push_back(e.id);
  m_offlineExamples = reply->offlineExamples;
  if (reply->conversationId) m_conversationId = reply->conversationId;
  if (!reply->code.empty()) {
    m_generationId = reply->generationId;
    emit codeReady(q(reply->code), reply->generationId);
  } else if (status == "offline" && !reply->offlineExamples.empty()) {
    emit codeReady(q(reply->offlineExamples.front().code), 0);  // the closest example, with its sliders
  }
  updateSendState();
  scrollToEnd();
  emit replyFinished(status);
}

void ChatPane::onModelsListed(const std::vector<ModelChoice>& models, const QString& offlineReason) {
  const QString previous = m_models->currentData().toString();
  m_models->clear();
  // The one shown before this refresh, else the one picked last time, else the default.
  int kept = -1, preferred = -1, byDefault = -1;
  for (const auto& m : models) {
    m_models->addItem(q(m.label), q(m.id));
    const int index = m_models->count() - 1;
    m_models->setItemData(index, m.vision, kVisionRole);
    if (q(m.id) == previous) kept = index;
    if (!m_preferredModel.isEmpty() && q(m.id) == m_preferredModel) preferred = index;
    if (byDefault < 0 && m.isDefault) byDefault = index;
  }
  const int selected = kept >= 0 ? kept : preferred >= 0 ? preferred : byDefault;
  if (models.empty()) {
    m_models->addItem(tr("No model connected"));
    m_models->setEnabled(false);
    m_input->setVisionAvailable(false);
    m_banner->setText(tr("No model is connected (%1). Requests get the closest library examples. "
                         "<a href=\"connect\">How to connect a model…</a>")
                          .arg(offlineReason.toHtmlEscaped()));
    m_banner->show();
    return;
  }
  m_banner->hide();
  m_models->setEnabled(true);
  m_models->setCurrentIndex(selected < 0 ? 0 : selected);
  m_input->setVisionAvailable(m_models->currentData(kVisionRole).toBool());
}

void ChatPane::showConnectHelp() {
  emit connectModelRequested();
  QMessageBox::information(
      this, tr("Connect a model"),
      tr("Partsmith needs a model provider to write new parts:\n\n"
         "• Set an API key in the environment (ANTHROPIC_API_KEY, OPENAI_API_KEY or OPENROUTER_API_KEY) and start "
         "Partsmith from that shell, or store the key in the system keyring under Settings → Models.\n"
         "• Or run a local model with Ollama: `ollama serve` and `ollama pull qwen2.5-coder`, then assign it to the "
         "code stage under Settings → Models.\n\n"
         "Until then, requests are answered with the closest examples of the library, with their sliders."));
  if (m_controller) m_controller->refreshModels();
}

void ChatPane::onLink(const QString& link) {
  auto* view = qobject_cast<ChatMessageView*>(sender());
  if (link.startsWith("partsmith-example:") && view && m_store) {
    const int index = link.section(':', 1).toInt();
    if (index < 0 || index >= int(view->exampleIds.size())) return;
    const int64_t id = view->exampleIds[size_t(index)];
    m_store->run<std::string>(
        this, [id](store::Store& s) { return s.library().get(id).code; },
        [this](std::string code) { emit codeReady(q(code), 0); },
        [this](const QString& message) { emit statusMessage(tr("The example cannot be opened: %1").arg(message), true); });
  } else if (link.startsWith("partsmith-generation:") && m_store) {
    const int64_t id = link.section(':', 1).toLongLong();
    m_store->run<std::string>(
        this, [id](store::Store& s) { return s.generations().get(id).finalCode.value_or(std::string()); },
        [this, id](std::string code) {
          if (!code.empty()) emit codeReady(q(code), id);
        },
        [this](const QString& message) { emit statusMessage(tr("The code cannot be opened: %1").arg(message), true); });
  } else if (link.startsWith("http://") || link.startsWith("https://")) {
    QDesktopServices::openUrl(QUrl(link));
  }
}

void ChatPane::restoreLast() {
  if (!m_store) return;
  m_store->run<ChatSnapshot>(
      this, [](store::Store& s) { return ChatSnapshot::load(s); },
      [this](ChatSnapshot snapshot) {
        // A conversation started meanwhile wins over the one from last time.
        if (snapshot.found && !m_conversationId && !busy()) showSnapshot(snapshot);
      },
      [this](const QString& message) { emit statusMessage(tr("The last conversation cannot be read: %1").arg(message), true); });
}

void ChatPane::showSnapshot(const ChatSnapshot& s) {
  clearMessages();
  m_conversationId = s.conversation.id;
  m_generationId = s.generationId;
  m_requests.clear();
  setTitle(q(s.conversation.title));
  for (const auto& m : s.messages) {
    const bool user = m.role == "user";
    if (!user && m.role != "assistant") continue;
    const json meta = parseMeta(m.metadata);
    ChatMessageView* view =
        addMessage(user, user ? q(m.content).toHtmlEscaped().replace("\n", "  \n") : q(m.content));
    if (user) {
      m_requests << q(m.content);
      if (meta.contains("image") && meta["image"].is_string()) view->setImage(q(meta["image"].get<std::string>()));
      auto it = s.interrupted.find(m.id);
      if (it != s.interrupted.end()) {
        // The app ended while this request ran: say so, with what the record holds.
        auto* note = addMessage(false, tr("*This request was interrupted when the app closed; send it again to retry.*"));
        note->generationId = it->second;
        note->timeline()->setFinished("running");
      }
      continue;
    }
    view->generationId = m.generationId.value_or(0);
    const QString status = q(meta.value("status", std::string()));
    view->timeline()->load(meta.value("timeline", json::array()), status);
    view->setError(status == "failed" || status == "error");
    if (meta.contains("offline_examples") && meta["offline_examples"].is_array())
      for (const auto& id : meta["offline_examples"])
        if (id.is_number_integer()) view->exampleIds.push_back(id.get<int64_t>());
  }
  emit conversationChanged(s.conversation.id, q(s.conversation.title));
  if (!s.code.empty()) emit codeReady(q(s.code), s.generationId.value_or(0));
  scrollToEnd();
}

}  // namespace partsmith::app
