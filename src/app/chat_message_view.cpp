#include "app/chat_message_view.h"

#include <QCoreApplication>
#include <QImage>
#include <QLabel>
#include <QPointer>
#include <QThreadPool>
#include <QAbstractTextDocumentLayout>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QUrl>
#include <QtMath>
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
  m_text = makeTextLabel();
  m_text->setObjectName("messageText");
  layout->addWidget(m_text);
  setMarkdown(markdown);
}

QLabel* ChatMessageView::makeTextLabel() {
  auto* label = new QLabel(this);
  label->setTextFormat(Qt::MarkdownText);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextBrowserInteraction);
  label->setOpenExternalLinks(false);
  label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // wrap to the pane, never widen it
  connect(label, &QLabel::linkActivated, this, &ChatMessageView::linkActivated);
  return label;
}

void ChatMessageView::setMarkdown(const QString& markdown) {
  m_markdown = markdown;
  if (m_stream) {
    // The final text replaces what streamed.
    if (m_streamTimer) m_streamTimer->stop();
    m_stream->deleteLater();
    m_stream = nullptr;
    m_streamTail = nullptr;
    m_streamDone = nullptr;
  }
  m_text->setText(markdown);
  m_text->setVisible(!markdown.isEmpty());
}

void ChatMessageView::appendStream(const QString& text) {
  m_streamed += text;
  if (!m_stream) {
    m_stream = new QWidget(this);
    m_stream->setObjectName("streamedText");
    auto* blocks = new QVBoxLayout(m_stream);
    blocks->setContentsMargins(0, 0, 0, 0);
    blocks->setSpacing(0);
    // Finished blocks go into one document, appended to: its layout only lays out what is new,
    // where a label per block would lay every block out again on each update.
    m_streamDone = new QTextBrowser(m_stream);
    m_streamDone->setObjectName("streamedBlocks");
    m_streamDone->setFrameShape(QFrame::NoFrame);
    m_streamDone->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_streamDone->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_streamDone->setOpenLinks(false);
    m_streamDone->setStyleSheet(QStringLiteral("QTextBrowser { background: transparent; }"));
    m_streamDone->viewport()->setAutoFillBackground(false);
    m_streamDone->document()->setDocumentMargin(0);
    m_streamDone->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_streamDone->setFixedHeight(0);
    m_streamDone->hide();
    connect(m_streamDone->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, m_streamDone,
            [done = m_streamDone](const QSizeF& size) { done->setFixedHeight(qCeil(size.height())); });
    connect(m_streamDone, &QTextBrowser::anchorClicked, this,
            [this](const QUrl& url) { emit linkActivated(url.toString()); });
    blocks->addWidget(m_streamDone);
    m_streamTail = makeTextLabel();
    m_streamTail->setParent(m_stream);
    blocks->addWidget(m_streamTail);
    static_cast<QVBoxLayout*>(layout())->insertWidget(layout()->indexOf(m_text), m_stream);
    m_text->hide();
    m_streamTimer = new QTimer(this);
    m_streamTimer->setSingleShot(true);
    m_streamTimer->setInterval(50);
    connect(m_streamTimer, &QTimer::timeout, this, &ChatMessageView::flushStream);
    flushStream();  // the first words at once
    return;
  }
  if (!m_streamTimer->isActive()) m_streamTimer->start();
}

void ChatMessageView::flushStream() {
  if (!m_stream) return;
  m_streamTimer->stop();
  // Finished blocks end at a blank line outside a code fence; they never change again.
  int split = m_streamCommitted;
  bool inFence = false;
  int lineStart = m_streamCommitted;
  for (int i = m_streamCommitted; i < m_streamed.size(); ++i) {
    if (m_streamed[i] != QLatin1Char('\n')) continue;
    const QStringView line = QStringView(m_streamed).mid(lineStart, i - lineStart).trimmed();
    if (line.startsWith(QLatin1String("```")) || line.startsWith(QLatin1String("~~~"))) inFence = !inFence;
    if (!inFence && line.isEmpty() && i > split) split = i + 1;
    lineStart = i + 1;
  }
  if (split > m_streamCommitted) {
    QTextCursor end(m_streamDone->document());
    end.movePosition(QTextCursor::End);
    end.insertMarkdown(m_streamed.mid(m_streamCommitted, split - m_streamCommitted));
    m_streamDone->show();
    m_streamCommitted = split;
    ++m_streamBlocks;
  }
  m_streamTail->setText(m_streamed.mid(m_streamCommitted));
  m_streamTail->setVisible(m_streamCommitted < m_streamed.size());
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
