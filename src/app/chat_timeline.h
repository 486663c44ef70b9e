// The compact progress of one generation under its reply: a one-line header (the stage now
// running, or how it ended) with a Cancel button, expandable into one row per step — spec,
// research, each tool call and its result, script runs, renders, evaluation scores, warnings.
#pragma once
#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <nlohmann/json_fwd.hpp>

class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace partsmith::app {

class ChatTimeline : public QWidget {
  Q_OBJECT
 public:
  explicit ChatTimeline(QWidget* parent = nullptr);

  void addEvent(const QString& kind, const QString& stage, const QString& message, double elapsedMs);
  // The generation ended: the header says how, the Cancel button goes.
  void setFinished(const QString& status);
  // A stored timeline ([{kind, stage, message, ms}]) of a finished generation.
  void load(const nlohmann::json& events, const QString& status);

  bool running() const { return m_running; }
  bool expanded() const;
  void setExpanded(bool expanded);
  QString headerText() const;
  const QStringList& rows() const { return m_rows; }
  QPushButton* cancelButton() const { return m_cancel; }

 signals:
  void cancelRequested();

 private:
  void refresh();
  static QString stageName(const QString& stage);

  QToolButton* m_toggle = nullptr;
  QLabel* m_header = nullptr;
  QLabel* m_body = nullptr;
  QPushButton* m_cancel = nullptr;
  QStringList m_rows;        // HTML, one per step
  QStringList m_toolRows;    // tool names of rows still waiting for their result, by row index
  QString m_current;         // what runs now
  double m_elapsedMs = 0;
  bool m_running = true;
  QElapsedTimer m_clock;     // the header's time keeps moving while a model streams
  QTimer* m_tick = nullptr;
};

}  // namespace partsmith::app
