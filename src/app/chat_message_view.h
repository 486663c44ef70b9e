// One message of the chat: the user's request (with its reference image) or the assistant's
// reply rendered as Markdown (code blocks included), which streams in while the model writes
// and then carries the generation's timeline.
#pragma once
#include <cstdint>
#include <vector>

#include <QString>
#include <QWidget>

class QLabel;
class QTextBrowser;
class QTimer;

namespace partsmith::app {

class ChatTimeline;

class ChatMessageView : public QWidget {
  Q_OBJECT
 public:
  enum class Role { User, Assistant };
  ChatMessageView(Role role, const QString& markdown, QWidget* parent = nullptr);

  Role role() const { return m_role; }
  QString markdown() const { return m_markdown; }
  void setMarkdown(const QString& markdown);
  // Streamed model text shown while the reply is being written. Shown at most every 50 ms;
  // finished paragraphs (outside code fences) are rendered once each and only the paragraph
  // being written is rendered again, so a long reply costs the same per update as a short one.
  void appendStream(const QString& text);
  // Renders what streamed so far now (tests, and before the final text replaces it).
  void flushStream();
  int streamBlockCount() const { return m_streamBlocks; }
  QString streamedText() const { return m_streamed; }
  void setImage(const QString& path);
  void setError(bool error);
  // The reply's timeline (created on first use).
  ChatTimeline* timeline();
  ChatTimeline* existingTimeline() const { return m_timeline; }

  int64_t generationId = 0;          // the generation this reply reports, 0 for none
  std::vector<int64_t> exampleIds;   // an offline reply's library examples, by link index

 signals:
  void linkActivated(const QString& link);

 private:
  Role m_role;
  QString m_markdown;
  QString m_streamed;
  QLabel* makeTextLabel();

  QLabel* m_text = nullptr;
  QWidget* m_stream = nullptr;      // the streamed text: m_streamDone, then m_streamTail
  QTextBrowser* m_streamDone = nullptr;  // finished blocks
  QLabel* m_streamTail = nullptr;              // the block being written
  int m_streamCommitted = 0;        // m_streamed[0, this) is in m_streamDone
  int m_streamBlocks = 0;
  QTimer* m_streamTimer = nullptr;
  QLabel* m_image = nullptr;
  ChatTimeline* m_timeline = nullptr;
};

}  // namespace partsmith::app
