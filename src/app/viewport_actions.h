// The viewport's keyboard-driven actions, ready for the window's menus and toolbars: standard
// views, fit all, perspective, section plane (toggle, flip, axis), measure modes and the
// bounding-box dimensions. Shortcuts work anywhere in the window; plain keys (F, S, M, digits)
// never steal typing, because text fields and spin boxes claim them first (shortcut override).
#pragma once
#include <QList>
#include <QObject>

class QAction;
class QActionGroup;

namespace partsmith::app {

class OcctViewport;

class ViewportActions : public QObject {
  Q_OBJECT
 public:
  // Creates the actions as children of `parent` and adds them to `viewport` (addAction) so their
  // shortcuts are live; the window only places them in menus and toolbars.
  ViewportActions(OcctViewport* viewport, QObject* parent = nullptr);

  // Fit all (F), iso (0), front (1), back (Ctrl+1), right (3), left (Ctrl+3), top (7),
  // bottom (Ctrl+7), perspective (P, checkable).
  QList<QAction*> viewActions() const { return m_viewActions; }
  // Section on/off (S, checkable), flip (Shift+S, checkable), axis X/Y/Z (Alt+X/Y/Z, exclusive).
  QList<QAction*> sectionActions() const { return m_sectionActions; }
  // Distance (M), radius (R), angle (A), exclusive and checkable (checking the checked one
  // again ends measuring), clear measurement (Shift+M).
  QList<QAction*> measureActions() const { return m_measureActions; }
  // Bounding-box dimensions (D, checkable, on).
  QAction* boundingBoxAction() const { return m_boundingBox; }
  QList<QAction*> all() const;

  QAction* fitAction() const { return m_viewActions.front(); }
  QAction* perspectiveAction() const { return m_perspective; }
  QAction* sectionAction() const { return m_section; }
  QAction* sectionFlipAction() const { return m_flip; }
  QAction* measureDistanceAction() const { return m_distance; }
  QAction* measureRadiusAction() const { return m_radius; }
  QAction* measureAngleAction() const { return m_angle; }

 private:
  QAction* make(const QString& text, const QKeySequence& key, const QString& objectName);
  void syncFromViewport();

  OcctViewport* m_viewport;
  QList<QAction*> m_viewActions, m_sectionActions, m_measureActions;
  QAction* m_perspective = nullptr;
  QAction* m_section = nullptr;
  QAction* m_flip = nullptr;
  QAction* m_axis[3] = {nullptr, nullptr, nullptr};
  QAction* m_distance = nullptr;
  QAction* m_radius = nullptr;
  QAction* m_angle = nullptr;
  QAction* m_boundingBox = nullptr;
};

}  // namespace partsmith::app
