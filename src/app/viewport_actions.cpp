#include "app/viewport_actions.h"

#include <QAction>
#include <QActionGroup>

#include "app/occt_viewport.h"

namespace partsmith::app {

ViewportActions::ViewportActions(OcctViewport* viewport, QObject* parent) : QObject(parent), m_viewport(viewport) {
  QAction* fit = make(tr("&Fit all"), QKeySequence(Qt::Key_F), "fitAllAction");
  connect(fit, &QAction::triggered, viewport, &OcctViewport::fitAll);
  m_viewActions << fit;
  const struct {
    const char* name;
    const char* label;
    QKeySequence key;
  } views[] = {{"iso", QT_TR_NOOP("&Iso"), QKeySequence(Qt::Key_0)},
               {"front", QT_TR_NOOP("F&ront"), QKeySequence(Qt::Key_1)},
               {"back", QT_TR_NOOP("&Back"), QKeySequence(Qt::CTRL | Qt::Key_1)},
               {"right", QT_TR_NOOP("R&ight"), QKeySequence(Qt::Key_3)},
               {"left", QT_TR_NOOP("&Left"), QKeySequence(Qt::CTRL | Qt::Key_3)},
               {"top", QT_TR_NOOP("&Top"), QKeySequence(Qt::Key_7)},
               {"bottom", QT_TR_NOOP("B&ottom"), QKeySequence(Qt::CTRL | Qt::Key_7)}};
  for (const auto& v : views) {
    QAction* action = make(tr(v.label), v.key, QStringLiteral("view_%1Action").arg(v.name));
    connect(action, &QAction::triggered, viewport, [viewport, n = QString::fromLatin1(v.name)] { viewport->setStandardView(n); });
    m_viewActions << action;
  }
  m_perspective = make(tr("&Perspective"), QKeySequence(Qt::Key_P), "perspectiveAction");
  m_perspective->setCheckable(true);
  connect(m_perspective, &QAction::toggled, viewport, &OcctViewport::setPerspective);
  m_viewActions << m_perspective;

  m_section = make(tr("&Section plane"), QKeySequence(Qt::Key_S), "sectionAction");
  m_section->setCheckable(true);
  m_section->setToolTip(tr("Cut the parts with a plane to see inside (S)"));
  connect(m_section, &QAction::toggled, viewport, &OcctViewport::setSectionEnabled);
  m_flip = make(tr("&Flip section"), QKeySequence(Qt::SHIFT | Qt::Key_S), "sectionFlipAction");
  m_flip->setCheckable(true);
  connect(m_flip, &QAction::toggled, viewport, &OcctViewport::setSectionFlipped);
  m_sectionActions << m_section << m_flip;
  auto* axes = new QActionGroup(this);
  const char* axisNames[] = {"X", "Y", "Z"};
  const Qt::Key axisKeys[] = {Qt::Key_X, Qt::Key_Y, Qt::Key_Z};
  for (int i = 0; i < 3; ++i) {
    m_axis[i] = make(tr("Section across %1").arg(axisNames[i]), QKeySequence(Qt::ALT | axisKeys[i]),
                     QStringLiteral("sectionAxis%1Action").arg(axisNames[i]));
    m_axis[i]->setCheckable(true);
    axes->addAction(m_axis[i]);
    connect(m_axis[i], &QAction::triggered, viewport, [viewport, i] {
      viewport->setSectionAxis(i);
      viewport->setSectionEnabled(true);
    });
    m_sectionActions << m_axis[i];
  }

  const struct {
    QAction** slot;
    const char* label;
    Qt::Key key;
    OcctViewport::MeasureMode mode;
    const char* name;
  } measures[] = {{&m_distance, QT_TR_NOOP("Measure &distance"), Qt::Key_M, OcctViewport::MeasureMode::Distance, "measureDistanceAction"},
                  {&m_radius, QT_TR_NOOP("Measure &radius"), Qt::Key_R, OcctViewport::MeasureMode::Radius, "measureRadiusAction"},
                  {&m_angle, QT_TR_NOOP("Measure &angle"), Qt::Key_A, OcctViewport::MeasureMode::Angle, "measureAngleAction"}};
  for (const auto& m : measures) {
    QAction* action = make(tr(m.label), QKeySequence(m.key), m.name);
    action->setCheckable(true);
    *m.slot = action;
    connect(action, &QAction::triggered, viewport, [viewport, mode = m.mode](bool on) {
      viewport->setMeasureMode(on ? mode : OcctViewport::MeasureMode::Off);
    });
    m_measureActions << action;
  }
  QAction* clear = make(tr("&Clear measurement"), QKeySequence(Qt::SHIFT | Qt::Key_M), "clearMeasurementAction");
  connect(clear, &QAction::triggered, viewport, &OcctViewport::clearMeasurement);
  m_measureActions << clear;

  m_boundingBox = make(tr("Bounding-box &dimensions"), QKeySequence(Qt::Key_D), "boundingBoxAction");
  m_boundingBox->setCheckable(true);
  connect(m_boundingBox, &QAction::toggled, viewport, &OcctViewport::setBoundingBoxVisible);

  // The viewport can change on its own (API calls, tests, the section panel): mirror it.
  connect(viewport, &OcctViewport::sectionChanged, this, &ViewportActions::syncFromViewport);
  connect(viewport, &OcctViewport::measureModeChanged, this, &ViewportActions::syncFromViewport);
  connect(viewport, &OcctViewport::boundingBoxVisibleChanged, this, &ViewportActions::syncFromViewport);
  syncFromViewport();
}

QList<QAction*> ViewportActions::all() const {
  return m_viewActions + m_sectionActions + m_measureActions + QList<QAction*>{m_boundingBox};
}

QAction* ViewportActions::make(const QString& text, const QKeySequence& key, const QString& objectName) {
  auto* action = new QAction(text, this);
  action->setObjectName(objectName);
  action->setShortcut(key);
  // Anywhere in the window, so the keys work right after a slider drag or a pick; text fields
  // and spin boxes still get their letters and digits (they take the shortcut override).
  action->setShortcutContext(Qt::WindowShortcut);
  if (!key.isEmpty()) action->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove('&'), key.toString(QKeySequence::NativeText)));
  m_viewport->addAction(action);
  return action;
}

void ViewportActions::syncFromViewport() {
  const QSignalBlocker b1(m_section), b2(m_flip), b3(m_perspective), b4(m_boundingBox);
  m_section->setChecked(m_viewport->isSectionEnabled());
  m_flip->setChecked(m_viewport->isSectionFlipped());
  m_perspective->setChecked(m_viewport->isPerspective());
  m_boundingBox->setChecked(m_viewport->isBoundingBoxVisible());
  for (int i = 0; i < 3; ++i) m_axis[i]->setChecked(m_viewport->sectionAxis() == i);
  const auto mode = m_viewport->measureMode();
  m_distance->setChecked(mode == OcctViewport::MeasureMode::Distance);
  m_radius->setChecked(mode == OcctViewport::MeasureMode::Radius);
  m_angle->setChecked(mode == OcctViewport::MeasureMode::Angle);
}

}  // namespace partsmith::app
