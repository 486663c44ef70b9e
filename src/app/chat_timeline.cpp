#include "app/chat_timeline.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

namespace partsmith::app {

namespace {

QString row(const QString& mark, const QString& text, const QString& color = {}) {
  const QString body = mark + "&nbsp;" + text.toHtmlEscaped();
  return color.isEmpty() ? body : QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color, body);
}

QString seconds(double ms) { return QString::number(ms / 1000.0, 'f', 1) + " s"; }

}  // namespace

ChatTimeline::ChatTimeline(QWidget* parent) : QWidget(parent) {
  setObjectName("chatTimeline");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 2, 0, 2);
  layout->setSpacing(2);
  auto* top = new QHBoxLayout;
  top->setSpacing(4);
  m_toggle = new QToolButton(this);
  m_toggle->setObjectName("timelineToggle");
  m_toggle->setCheckable(true);
  m_toggle->setArrowType(Qt::RightArrow);
  m_toggle->setAutoRaise(true);
  m_toggle->setToolTip(tr("Show every step"));
  m_header = new QLabel(this);
  m_header->setObjectName("timelineHeader");
  m_header->setTextFormat(Qt::PlainText);
  m_header->setWordWrap(true);
  m_header->setStyleSheet("color: palette(mid);");
  m_cancel = new QPushButton(tr("Cancel"), this);
  m_cancel->setObjectName("cancelGeneration");
  m_cancel->setToolTip(tr("Stop this generation; what it did so far is kept in the history"));
  top->addWidget(m_toggle);
  top->addWidget(m_header, 1);
  top->addWidget(m_cancel);
  layout->addLayout(top);
  m_body = new QLabel(this);
  m_body->setObjectName("timelineSteps");
  m_body->setTextFormat(Qt::RichText);
  m_body->setWordWrap(true);
  m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_body->setContentsMargins(22, 0, 0, 0);
  m_body->hide();
  layout->addWidget(m_body);
  connect(m_toggle, &QToolButton::toggled, this, &ChatTimeline::setExpanded);
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    m_cancel->setEnabled(false);
    m_cancel->setText(tr("Cancelling…"));
    emit cancelRequested();
  });
  m_current = tr("Starting…");
  m_clock.start();
  m_tick = new QTimer(this);
  m_tick->setInterval(500);
  connect(m_tick, &QTimer::timeout, this, &ChatTimeline::refresh);
  m_tick->start();
  refresh();
}

bool ChatTimeline::expanded() const { return m_toggle->isChecked(); }

void ChatTimeline::setExpanded(bool expanded) {
  if (m_toggle->isChecked() != expanded) m_toggle->setChecked(expanded);
  m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
  m_body->setVisible(expanded);
}

QString ChatTimeline::headerText() const { return m_header->text(); }

QString ChatTimeline::stageName(const QString& stage) {
  static const std::pair<const char*, const char*> names[] = {
      {"spec", QT_TR_NOOP("Spec")},         {"research", QT_TR_NOOP("Research")}, {"code", QT_TR_NOOP("Code")},
      {"evaluate", QT_TR_NOOP("Evaluation")}, {"refine", QT_TR_NOOP("Refine")},   {"verify", QT_TR_NOOP("Verify")},
      {"decompose", QT_TR_NOOP("Components")}, {"offline", QT_TR_NOOP("Offline")}, {"store", QT_TR_NOOP("History")},
      {"settings", QT_TR_NOOP("Settings")}, {"render", QT_TR_NOOP("Render")}};
  for (const auto& [id, name] : names)
    if (stage == QLatin1String(id)) return tr(name);
  return stage;
}

void ChatTimeline::addEvent(const QString& kind, const QString& stage, const QString& message, double elapsedMs) {
  m_elapsedMs = std::max(m_elapsedMs, elapsedMs);
  const QString name = stageName(stage);
  if (kind == "stage_start") {
    if (stage == "pipeline") return;
    m_rows << row("▸", name + ": " + message);
    m_toolRows << QString();
    m_current = name + ": " + message;
  } else if (kind == "stage_end") {
    m_rows << row("✓", name + (message.isEmpty() ? QString() : ": " + message));
    m_toolRows << QString();
  } else if (kind == "tool_call") {
    m_rows << row("•", message + "…");
    m_toolRows << message;
    m_current = name + ": " + message;
  } else if (kind == "tool_result") {
    // "write_code done" / "run_code failed": completes the oldest waiting row of that tool.
    const QString tool = message.section(' ', 0, 0);
    const bool failed = message.endsWith("failed");
    int at = -1;
    for (int i = 0; i < m_toolRows.size(); ++i)
      if (m_toolRows[i] == tool) {
        at = i;
        break;
      }
    const QString text = row(failed ? "✗" : "•", message, failed ? "#b00020" : QString());
    if (at >= 0) {
      m_rows[at] = text;
      m_toolRows[at].clear();
    } else {
      m_rows << text;
      m_toolRows << QString();
    }
  } else if (kind == "run") {
    m_rows << row("⚙", message);
    m_toolRows << QString();
    m_current = name + ": " + message;
  } else if (kind == "score") {
    m_rows << row("★", name + ": " + message);
    m_toolRows << QString();
  } else if (kind == "warning") {
    m_rows << row("!", name + ": " + message, "#a15c00");
    m_toolRows << QString();
  } else if (kind == "error") {
    m_rows << row("✗", name + ": " + message, "#b00020");
    m_toolRows << QString();
  } else if (kind == "info") {
    m_rows << row("·", name + ": " + message);
    m_toolRows << QString();
  } else if (kind == "done") {
    return;  // setFinished() says how it ended
  }
  refresh();
}

void ChatTimeline::setFinished(const QString& status) {
  m_running = false;
  m_tick->stop();
  m_cancel->hide();
  if (status == "succeeded")
    m_current = tr("Done in %1").arg(seconds(m_elapsedMs));
  else if (status == "cancelled")
    m_current = tr("Cancelled after %1").arg(seconds(m_elapsedMs));
  else if (status == "offline")
    m_current = tr("No model connected: closest examples");
  else if (status == "budget_exhausted")
    m_current = tr("Stopped by the budget after %1").arg(seconds(m_elapsedMs));
  else if (status == "running")
    m_current = tr("Interrupted (the app closed while it ran)");
  else
    m_current = tr("Failed after %1").arg(seconds(m_elapsedMs));
  refresh();
}

void ChatTimeline::load(const nlohmann::json& events, const QString& status) {
  if (events.is_array())
    for (const auto& e : events)
      if (e.is_object())
        addEvent(QString::fromStdString(e.value("kind", "")), QString::fromStdString(e.value("stage", "")),
                 QString::fromStdString(e.value("message", "")), e.value("ms", 0.0));
  setFinished(status);
}

void ChatTimeline::refresh() {
  m_header->setText(m_running ? m_current + QStringLiteral(" · ") + seconds(std::max(m_elapsedMs, double(m_clock.elapsed())))
                              : m_current);
  const QString body = m_rows.join("<br>");
  if (m_body->text() != body) m_body->setText(body);
  m_toggle->setEnabled(!m_rows.isEmpty());
}

}  // namespace partsmith::app
