// What the user thinks of a generation: thumbs up/down, 1–5 stars and a comment, saved
// through the FeedbackRepository as soon as they change (the comment when editing ends), and
// shown again when the generation is shown again. Clicking the chosen thumb or star again
// clears it. Reads and writes run on the StoreWorker's thread.
#pragma once
#include <array>
#include <cstdint>

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace partsmith::app {

class StoreWorker;

class RatingWidget : public QWidget {
  Q_OBJECT
 public:
  explicit RatingWidget(StoreWorker& store, QWidget* parent = nullptr);

  // Shows the saved rating of `generationId` (loaded in the background); 0 shows nothing and
  // disables the controls. An unsaved comment of the previous generation is saved first.
  void setGeneration(qint64 generationId);
  qint64 generationId() const { return m_generationId; }
  bool isLoading() const { return m_loading; }

  int thumbs() const { return m_thumbs; }  // -1, 0, +1
  int stars() const { return m_stars; }    // 0–5
  QString comment() const;

  QToolButton* thumbsUpButton() const { return m_up; }
  QToolButton* thumbsDownButton() const { return m_down; }
  QToolButton* starButton(int stars) const { return m_starButtons.at(size_t(stars - 1)); }  // 1–5
  QLineEdit* commentEdit() const { return m_comment; }

 signals:
  void loaded(qint64 generationId);
  void ratingSaved(qint64 generationId);
  void errorOccurred(const QString& message);

 private:
  void thumbClicked(int value);
  void starClicked(int value);
  void saveComment();
  void showState();
  void showStatus(const QString& text, bool error = false);

  StoreWorker& m_store;
  qint64 m_generationId = 0;
  quint64 m_loadSeq = 0;
  bool m_loading = false;
  int m_thumbs = 0;
  int m_stars = 0;
  QString m_savedComment;

  QToolButton* m_up = nullptr;
  QToolButton* m_down = nullptr;
  std::array<QToolButton*, 5> m_starButtons{};
  QLineEdit* m_comment = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace partsmith::app
