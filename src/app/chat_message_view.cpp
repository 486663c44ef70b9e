#include "app/chat_message_view.h"

#include <QCoreApplication>
#include <QImage>
#include <QLabel>
#include <QPointer>
#include <QThreadPool>
#include <QPixmap>
#include <QVBoxLayout>

#include "app/chat_timeline.h"

namespace partsmith::app {

ChatMessageView::ChatMessageView(Role role, const QString& markdown, QWidget* parent) : QWidget(parent), m_role(role) {
  setObjectName(role == Role::User ? "userMessage" : "assistantMessage");
  setAttribute(Qt::WA_StyledBackground, true);
  // The user's requests stand out; replies sit on the pane's own background.
  setStyleSheet(role == Role::User ? "#userMessage { background: palette(alternate-base); border-radius: 6px; }"
                                   : "#assistantMessage { border-left: 3px solid palette(highlight); }");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 6);
  layout->setSpacing(4);
  auto* who = new QLabel(role == Role::User ? tr("You") : tr("Partsmith"), this);
  QFont bold = who->font();
  bold.setBold(true);
  who->setFont(bold);
  layout->addWidget(who);
  m_text = new QLabel(this);
  m_text->setObjectName("messageText");
  m_text->setTextFormat(Qt::MarkdownText);
  m_text->setWordWrap(true);
  m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
  m_text->setOpenExternalLinks(false);
  m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // wrap to the pane, never widen it
  connect(m_text, &QLabel::linkActivated, this, &ChatMessageView::linkActivated);
  layout->addWidget(m_text);
  setMarkdown(markdown);
}

void ChatMessageView::setMarkdown(const QString& markdown) {
  m_markdown = markdown;
  m_text->setText(markdown);
  m_text->setVisible(!markdown.isEmpty());
}

void ChatMessageView::appendStream(const QString& text) {
  m_streamed += text;
  m_text->setText(m_streamed);
  m_text->setVisible(true);
}

void ChatMessageView::setImage(const QString& path) {
  if (!m_image) {
    m_image = new QLabel(tr("(loading the image…)"), this);
    m_image->setObjectName("messageImage");
    static_cast<QVBoxLayout*>(layout())->insertWidget(1, m_image);
  }
  m_image->setToolTip(path);
  // Decoding reads the disk: off the GUI thread.
  QPointer<QLabel> target(m_image);
  QThreadPool::globalInstance()->start([target, path] {
    QImage image(path);
    if (!image.isNull()) image = image.scaled(160, 120, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [target, image, path] {
          if (!target) return;
          if (image.isNull()) target->setText(QObject::tr("(the reference image %1 cannot be read)").arg(path));
          else target->setPixmap(QPixmap::fromImage(image));
        },
        Qt::QueuedConnection);
  });
}

void ChatMessageView::setError(bool error) {
  if (m_role == Role::Assistant)
    setStyleSheet(error ? "#assistantMessage { border-left: 3px solid #b00020; }"
                        : "#assistantMessage { border-left: 3px solid palette(highlight); }");
}

ChatTimeline* ChatMessageView::timeline() {
  if (!m_timeline) {
    m_timeline = new ChatTimeline(this);
    layout()->addWidget(m_timeline);
  }
  return m_timeline;
}

}  // namespace partsmith::app
