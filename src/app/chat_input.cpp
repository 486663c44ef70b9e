#include "app/chat_input.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace partsmith::app {

ChatInput::ChatInput(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  m_edit = new QPlainTextEdit(this);
  m_edit->setObjectName("chatInput");
  m_edit->setPlaceholderText(tr("Describe a part, or what to change… (Ctrl+Enter sends)"));
  m_edit->setTabChangesFocus(true);
  m_edit->setMaximumHeight(120);
  m_edit->installEventFilter(this);
  layout->addWidget(m_edit);

  auto* row = new QHBoxLayout;
  m_attach = new QToolButton(this);
  m_attach->setObjectName("attachImage");
  m_attach->setText(tr("Image…"));
  m_attach->setToolTip(tr("Attach a reference image (a sketch or a photo) to the message"));
  m_attachment = new QLabel(this);
  m_attachment->setObjectName("attachmentName");
  m_attachment->hide();
  m_removeAttachment = new QToolButton(this);
  m_removeAttachment->setText("×");
  m_removeAttachment->setToolTip(tr("Remove the image"));
  m_removeAttachment->setAutoRaise(true);
  m_removeAttachment->hide();
  m_send = new QPushButton(tr("Send"), this);
  m_send->setObjectName("sendButton");
  m_send->setToolTip(tr("Send the message (Ctrl+Enter)"));
  m_send->setDefault(false);
  row->addWidget(m_attach);
  row->addWidget(m_attachment);
  row->addWidget(m_removeAttachment);
  row->addStretch(1);
  row->addWidget(m_send);
  layout->addLayout(row);

  connect(m_attach, &QToolButton::clicked, this, &ChatInput::chooseImage);
  connect(m_removeAttachment, &QToolButton::clicked, this, [this] { setImagePath({}); });
  connect(m_send, &QPushButton::clicked, this, &ChatInput::trySend);
  connect(m_edit, &QPlainTextEdit::textChanged, this, [this] { setSendEnabled(m_sendEnabled); });
  setSendEnabled(true);
}

QString ChatInput::text() const { return m_edit->toPlainText(); }
void ChatInput::setText(const QString& text) { m_edit->setPlainText(text); }

void ChatInput::clear() {
  m_edit->clear();
  setImagePath({});
}

void ChatInput::insertReference(const QString& reference) {
  QTextCursor cursor = m_edit->textCursor();
  const QString all = m_edit->toPlainText();
  const bool replacing = m_referenceStart >= 0 && !m_referenceText.isEmpty() && !cursor.hasSelection() &&
                         cursor.position() == m_referenceStart + m_referenceText.size() &&
                         all.mid(m_referenceStart, m_referenceText.size()) == m_referenceText;
  if (replacing) {
    cursor.setPosition(m_referenceStart);
    cursor.setPosition(m_referenceStart + int(m_referenceText.size()), QTextCursor::KeepAnchor);
  }
  const int start = cursor.selectionStart();
  const QString before = all.left(start);
  const bool needsSpace = !before.isEmpty() && !before.back().isSpace();
  m_referenceText = (needsSpace ? " " : "") + reference + " ";
  m_referenceStart = start;
  cursor.insertText(m_referenceText);
  m_edit->setTextCursor(cursor);
}

void ChatInput::setImagePath(const QString& path) {
  m_imagePath = path;
  m_attachment->setText(path.isEmpty() ? QString() : QFileInfo(path).fileName());
  m_attachment->setToolTip(path);
  m_attachment->setVisible(!path.isEmpty());
  m_removeAttachment->setVisible(!path.isEmpty());
}

void ChatInput::setVisionAvailable(bool available) {
  m_attach->setEnabled(available);
  m_attach->setToolTip(available ? tr("Attach a reference image (a sketch or a photo) to the message")
                                 : tr("The selected model does not take images; pick a vision model to attach one"));
}

void ChatInput::setSendEnabled(bool enabled) {
  m_sendEnabled = enabled;
  m_send->setEnabled(enabled && !m_edit->toPlainText().trimmed().isEmpty());
}

bool ChatInput::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_edit && event->type() == QEvent::KeyPress) {
    auto* key = static_cast<QKeyEvent*>(event);
    if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ControlModifier)) {
      trySend();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void ChatInput::trySend() {
  const QString text = m_edit->toPlainText().trimmed();
  if (text.isEmpty() || !m_sendEnabled) return;
  emit sendRequested(text, m_imagePath);
}

void ChatInput::chooseImage() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Attach a reference image"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
      tr("Images (*.png *.jpg *.jpeg *.webp *.gif)"));
  if (!path.isEmpty()) setImagePath(path);
}

}  // namespace partsmith::app
