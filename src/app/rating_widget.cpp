#include "app/rating_widget.h"

#include <optional>

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

#include "app/store_worker.h"

namespace partsmith::app {

RatingWidget::RatingWidget(StoreWorker& store, QWidget* parent) : QWidget(parent), m_store(store) {
  setObjectName("ratingWidget");
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->setSpacing(2);

  auto makeButton = [this](const QString& text, const QString& tip, const QString& name) {
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(tip);
    b->setObjectName(name);
    b->setCheckable(true);
    b->setAutoRaise(true);
    return b;
  };
  // Thumb glyphs need an emoji font; without one, arrows say the same.
  const bool thumbs = QFontMetrics(font()).inFontUcs4(0x1F44D);
  m_up = makeButton(thumbs ? QStringLiteral("👍") : QStringLiteral("▲"), tr("Good result (thumbs up)"), "thumbsUp");
  m_down = makeButton(thumbs ? QStringLiteral("👎") : QStringLiteral("▼"), tr("Bad result (thumbs down)"), "thumbsDown");
  connect(m_up, &QToolButton::clicked, this, [this] { thumbClicked(1); });
  connect(m_down, &QToolButton::clicked, this, [this] { thumbClicked(-1); });
  row->addWidget(m_up);
  row->addWidget(m_down);
  row->addSpacing(8);
  for (int i = 1; i <= 5; ++i) {
    auto* b = makeButton(QStringLiteral("☆"), (i == 1 ? tr("1 star; click again to clear") : tr("%1 stars; click again to clear").arg(i)),
                         QStringLiteral("star%1").arg(i));
    connect(b, &QToolButton::clicked, this, [this, i] { starClicked(i); });
    m_starButtons[size_t(i - 1)] = b;
    row->addWidget(b);
  }
  row->addSpacing(8);
  m_comment = new QLineEdit(this);
  m_comment->setObjectName("ratingComment");
  m_comment->setPlaceholderText(tr("Comment (what is right or wrong), Enter saves"));
  m_comment->setClearButtonEnabled(true);
  connect(m_comment, &QLineEdit::editingFinished, this, &RatingWidget::saveComment);
  m_comment->setMinimumWidth(180);
  row->addWidget(m_comment, 1);
  m_status = new QLabel(this);
  m_status->setObjectName("ratingStatus");
  m_status->setMinimumWidth(60);
  row->addWidget(m_status);
  setGeneration(0);
}

QString RatingWidget::comment() const { return m_comment->text(); }

void RatingWidget::setGeneration(qint64 generationId) {
  if (m_generationId && !m_loading && m_comment->text() != m_savedComment) saveComment();
  m_generationId = generationId;
  m_thumbs = m_stars = 0;
  m_savedComment.clear();
  m_comment->clear();
  showStatus({});
  const quint64 seq = ++m_loadSeq;
  m_loading = generationId != 0;
  showState();
  if (!generationId) return;
  m_store.run<std::optional<store::Rating>>(
      this, [generationId](store::Store& s) { return s.feedback().rating(generationId); },
      [this, seq, generationId](std::optional<store::Rating> rating) {
        if (seq != m_loadSeq) return;  // another generation was shown meanwhile
        m_loading = false;
        if (rating) {
          m_thumbs = rating->thumbs.value_or(0);
          m_stars = rating->stars.value_or(0);
          m_savedComment = QString::fromStdString(rating->comment.value_or(std::string()));
          m_comment->setText(m_savedComment);
          m_comment->setCursorPosition(0);  // the start of a long comment, not its end
        }
        showState();
        emit loaded(generationId);
      },
      [this, seq](const QString& message) {
        if (seq != m_loadSeq) return;
        m_loading = false;
        showState();
        showStatus(tr("Could not read the rating"), true);
        m_status->setToolTip(message);
        emit errorOccurred(message);
      });
}

void RatingWidget::thumbClicked(int value) {
  if (!m_generationId || m_loading) return;
  const int previous = m_thumbs;
  m_thumbs = m_thumbs == value ? 0 : value;
  showState();
  const qint64 id = m_generationId;
  const int thumbs = m_thumbs;
  m_store.run(
      this, [id, thumbs](store::Store& s) { s.feedback().setThumbs(id, thumbs); },
      [this, id] {
        if (id == m_generationId) showStatus(tr("Saved"));
        emit ratingSaved(id);
      },
      [this, id, previous](const QString& message) {
        if (id == m_generationId) {  // show what is really stored
          m_thumbs = previous;
          showState();
        }
        showStatus(tr("Not saved"), true);
        m_status->setToolTip(message);
        emit errorOccurred(message);
      });
}

void RatingWidget::starClicked(int value) {
  if (!m_generationId || m_loading) return;
  const int previous = m_stars;
  m_stars = m_stars == value ? 0 : value;
  showState();
  const qint64 id = m_generationId;
  const int stars = m_stars;
  m_store.run(
      this, [id, stars](store::Store& s) { s.feedback().setStars(id, stars); },
      [this, id] {
        if (id == m_generationId) showStatus(tr("Saved"));
        emit ratingSaved(id);
      },
      [this, id, previous](const QString& message) {
        if (id == m_generationId) {  // show what is really stored
          m_stars = previous;
          showState();
        }
        showStatus(tr("Not saved"), true);
        m_status->setToolTip(message);
        emit errorOccurred(message);
      });
}

void RatingWidget::saveComment() {
  if (!m_generationId || m_loading) return;
  const QString text = m_comment->text().trimmed();
  if (text == m_savedComment) return;
  m_savedComment = text;
  const qint64 id = m_generationId;
  const std::string comment = text.toStdString();
  m_store.run(
      this, [id, comment](store::Store& s) { s.feedback().setComment(id, comment); },
      [this, id] {
        if (id == m_generationId) showStatus(tr("Saved"));
        emit ratingSaved(id);
      },
      [this](const QString& message) {
        m_savedComment.clear();  // so the next Enter tries again
        showStatus(tr("Not saved"), true);
        m_status->setToolTip(message);
        emit errorOccurred(message);
      });
}

void RatingWidget::showState() {
  const bool enabled = m_generationId != 0 && !m_loading;
  m_up->setEnabled(enabled);
  m_down->setEnabled(enabled);
  m_comment->setEnabled(enabled);
  m_up->setChecked(m_thumbs == 1);
  m_down->setChecked(m_thumbs == -1);
  for (int i = 1; i <= 5; ++i) {
    QToolButton* b = m_starButtons[size_t(i - 1)];
    b->setEnabled(enabled);
    b->setChecked(i <= m_stars);
    b->setText(i <= m_stars ? QStringLiteral("★") : QStringLiteral("☆"));
  }
}

void RatingWidget::showStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setToolTip({});
  m_status->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
}

}  // namespace partsmith::app
