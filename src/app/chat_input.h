// Where the user writes: a multi-line box that sends on Ctrl+Enter, a button to attach a
// reference image (offered when the chosen model takes images), the attachment's chip, and
// Send. References picked in the viewport are inserted at the cursor.
#pragma once
#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace partsmith::app {

class ChatInput : public QWidget {
  Q_OBJECT
 public:
  explicit ChatInput(QWidget* parent = nullptr);

  QString text() const;
  void setText(const QString& text);
  void clear();  // text and attachment
  // Inserts `reference` at the cursor as its own phrase. The focus stays where it is (the
  // viewport keeps its keys); a reference inserted just before and not edited since is
  // replaced, so clicking around picks rather than piling references up.
  void insertReference(const QString& reference);
  QString imagePath() const { return m_imagePath; }
  void setImagePath(const QString& path);
  void setVisionAvailable(bool available);
  // While a generation runs the text can be written but not sent.
  void setSendEnabled(bool enabled);
  QPlainTextEdit* editor() const { return m_edit; }
  QPushButton* sendButton() const { return m_send; }

 signals:
  void sendRequested(const QString& text, const QString& imagePath);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void trySend();
  void chooseImage();

  QPlainTextEdit* m_edit = nullptr;
  QToolButton* m_attach = nullptr;
  QLabel* m_attachment = nullptr;
  QToolButton* m_removeAttachment = nullptr;
  QPushButton* m_send = nullptr;
  QString m_imagePath;
  bool m_sendEnabled = true;
  // The text the last insertReference wrote and where; a reference is replaced only while
  // the box still holds it there with the cursor right after it.
  int m_referenceStart = -1;
  QString m_referenceText;
};

}  // namespace partsmith::app
