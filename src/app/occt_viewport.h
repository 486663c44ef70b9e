// The 3D viewport: OCCT V3d/AIS drawing into a QOpenGLWidget with Qt's GL context
// (occt-qt-notes.md §2). Shaded parts with dark edges in their colours, a view cube, standard
// views, fit all, orthographic/perspective, mouse rotate/pan/zoom through AIS_ViewController,
// face/edge picking, and overlay labels for dimensions and the picked element.
#pragma once
#include <memory>
#include <vector>

#include <QOpenGLWidget>
#include <QString>

class QLabel;
class TopoDS_Shape;

namespace partsmith::kernel {
struct Part;
}

namespace partsmith::app {

class OcctViewport : public QOpenGLWidget {
  Q_OBJECT
 public:
  explicit OcctViewport(QWidget* parent = nullptr);
  ~OcctViewport() override;

  // Replaces the shown parts. Shapes should already be triangulated (the runner meshes them
  // off the GUI thread); AIS then only builds its arrays. The camera stays unless
  // fitOnNextParts() was asked or nothing was shown before.
  void setParts(const std::vector<kernel::Part>& parts);
  void clearParts();
  int partCount() const;
  void fitOnNextParts() { m_fitOnNextParts = true; }

  void fitAll();
  // One of render::standardViewNames() ("iso", "front", "top", ...); unknown names are ignored.
  void setStandardView(const QString& name);
  void setPerspective(bool perspective);
  bool isPerspective() const;

  // The overlay in the top-left corner (bounding-box dimensions); empty hides it.
  void setDimensionsText(const QString& text);
  QString dimensionsText() const;
  // The overlay in the bottom-left corner (what was picked); empty hides it.
  void setPickText(const QString& text);

  // The picked face or edge: its part's index and the sub-shape; false when nothing is picked.
  bool pickedSubShape(int& partIndex, TopoDS_Shape& subShape) const;
  // Picks what is under the widget point `pos` (logical pixels), as a click would.
  void pickAt(const QPoint& pos);
  void clearPick();

  // Set when initializeGL failed: the user-facing reason (no X display, unusable GL).
  QString initError() const { return m_initError; }
  QString glInfo() const { return m_glInfo; }
  bool isViewReady() const;

 signals:
  // A face or edge was picked (or the pick cleared: partIndex -1).
  void pickChanged(int partIndex);
  void viewError(const QString& message);

 protected:
  void initializeGL() override;
  void paintGL() override;
  void resizeGL(int width, int height) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Impl;
  friend struct Impl;
  void onSelectionChanged();
  void layoutOverlays();
  void releaseOcct();

  std::unique_ptr<Impl> m_impl;
  QLabel* m_dimensionsLabel = nullptr;
  QLabel* m_pickLabel = nullptr;
  QString m_initError;
  QString m_glInfo;
  bool m_fitOnNextParts = true;
};

}  // namespace partsmith::app
