// The chat: the conversation's messages (Markdown replies that stream in, each generation's
// timeline with Cancel), the input with Ctrl+Enter, a reference image and the model selector.
// It keeps which conversation and which generation are current, asks the GenerationController
// for replies and tells the window when a reply brings code to show. Reads from the store go
// through the StoreWorker, so the GUI thread never waits for the disk.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QString>
#include <QStringList>
#include <QWidget>

#include "agent/offline_answer.h"

class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace partsmith::agent {
struct ProgressEvent;
}

namespace partsmith::app {

class ChatInput;
class ChatMessageView;
class GenerationController;
class StoreWorker;
struct ChatReply;
struct ChatSnapshot;
struct ModelChoice;

class ChatPane : public QWidget {
  Q_OBJECT
 public:
  explicit ChatPane(QWidget* parent = nullptr);
  ~ChatPane() override;

  // Both come once the store is open; until then the pane says so and cannot send.
  void attach(GenerationController* controller, StoreWorker* store);
  void setStoreError(const QString& message);
  // The code now in the editor (a follow-up edits it) and whether the person made it theirs
  // (opened or edited), so that a first request in a conversation edits it too.
  void setCodeSource(std::function<QString()> currentCode, std::function<bool()> codeIsUserWork);

  // Shows a stored conversation (from ChatSnapshot::load) and announces its part.
  void showSnapshot(const ChatSnapshot& snapshot);
  // Opens the conversation used last (on start) — nothing happens when there is none.
  void restoreLast();
  void newConversation();
  // The conversation was renamed elsewhere (History): the header follows when it is this one.
  void conversationRenamed(qint64 conversationId, const QString& title);
  // A version of this conversation was opened: follow-ups edit it (their parent generation).
  void showGeneration(qint64 generationId);
  void send(const QString& text, const QString& imagePath = {});
  void cancel();
  void insertReference(const QString& reference);
  // The model to select when the list arrives, if offered (the one picked last time).
  void setPreferredModel(const QString& modelId) { m_preferredModel = modelId; }
  // The code shown changed (slider, edit): remembered for the conversation after a pause.
  void noteCodeChanged();
  // Writes a remembered change now (before the window closes).
  void flushCodeChange();

  bool busy() const;
  bool ready() const { return m_controller != nullptr; }
  std::optional<int64_t> conversationId() const { return m_conversationId; }
  std::optional<int64_t> currentGenerationId() const { return m_generationId; }
  // The conversation's title as shown in the header; empty for a new conversation.
  QString title() const { return m_conversationTitle; }
  ChatInput* input() const { return m_input; }
  QComboBox* modelSelector() const { return m_models; }
  QLabel* connectBanner() const { return m_banner; }
  std::vector<ChatMessageView*> messageViews() const;
  ChatMessageView* lastReply() const { return m_reply; }

 signals:
  // A reply (or an offline example, or a restored conversation) brings code to show.
  void codeReady(const QString& code, qint64 generationId);
  void conversationChanged(qint64 conversationId, const QString& title);
  // The shown conversation's title changed (its first turn was stored, or it was renamed).
  void titleChanged(const QString& title);
  // A generation ended (after its reply is shown).
  void replyFinished(const QString& status);
  // The person asked how to connect a model (the window opens the settings).
  void connectModelRequested();
  void statusMessage(const QString& text, bool error);
  // The person picked a model in the selector (the window keeps it for the next start).
  void modelChosen(const QString& modelId);

 private:
  ChatMessageView* addMessage(bool user, const QString& markdown);
  void clearMessages();
  void onProgress(const agent::ProgressEvent& event);
  void onDelta(const QString& stage, const QString& text);
  void onFinished(std::shared_ptr<const ChatReply> reply);
  void onModelsListed(const std::vector<ModelChoice>& models, const QString& offlineReason);
  void onLink(const QString& link);
  void updateSendState();
  void scrollToEnd();
  void saveCodeChange();
  void showConnectHelp();
  void setTitle(const QString& title);

  GenerationController* m_controller = nullptr;
  StoreWorker* m_store = nullptr;
  std::function<QString()> m_currentCode;
  std::function<bool()> m_codeIsUserWork;

  QLabel* m_title = nullptr;
  QPushButton* m_new = nullptr;
  QComboBox* m_models = nullptr;
  QLabel* m_banner = nullptr;
  QScrollArea* m_scroll = nullptr;
  QWidget* m_list = nullptr;
  QVBoxLayout* m_listLayout = nullptr;
  ChatInput* m_input = nullptr;
  ChatMessageView* m_reply = nullptr;  // the reply being written

  std::optional<int64_t> m_conversationId;
  std::optional<int64_t> m_generationId;
  QString m_conversationTitle;
  QStringList m_requests;  // the conversation's requests so far, oldest first
  std::vector<agent::OfflineExample> m_offlineExamples;
  class QTimer* m_saveTimer = nullptr;
  QString m_preferredModel;
};

}  // namespace partsmith::app
