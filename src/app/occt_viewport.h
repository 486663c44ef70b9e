// The 3D viewport: a native child window in which OCCT V3d/AIS draws with its own GL context
// and swaps itself (the embedding of OCCT's Qt samples, occt-qt-notes.md §1.2), so the rest of
// the window stays plain raster widgets and a frame costs only the viewport.
// Shaded parts with dark edges in their colours, a view cube, standard views, fit all,
// orthographic/perspective, mouse rotate/pan/zoom through AIS_ViewController, face/edge
// picking, and overlay labels (native child windows above the GL window) for dimensions, the
// picked element and measurements.
// Tools: a capped section plane across X, Y or Z; a measure mode (distance, radius, angle
// between picked elements, drawn as AIS dimensions with a label); bounding-box dimension
// lines. Picking keeps reporting pickChanged in every mode, so references still work.
#pragma once
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include <QImage>
#include <QString>
#include <QWidget>

class QLabel;
class TopoDS_Shape;

namespace partsmith::kernel {
struct Part;
}

namespace partsmith::app {

struct Measurement;

class OcctViewport : public QWidget {
  Q_OBJECT
 public:
  explicit OcctViewport(QWidget* parent = nullptr);
  ~OcctViewport() override;

  // OCCT paints the native window; Qt must not (WA_PaintOnScreen).
  QPaintEngine* paintEngine() const override { return nullptr; }

  // The view as drawn now, rendered again offscreen at the widget's size in device pixels
  // (the image's devicePixelRatio is the widget's). Null when the view is not ready.
  QImage grabFramebuffer();

  // Replaces the shown parts. Shapes should already be triangulated (the runner meshes them
  // off the GUI thread); AIS then only builds its arrays. The camera stays unless
  // fitOnNextParts() was asked or nothing was shown before.
  void setParts(const std::vector<kernel::Part>& parts);
  void clearParts();
  int partCount() const;
  void fitOnNextParts() { m_fitOnNextParts = FitNext::Always; }
  // For a new version of the same part (a follow-up, an opened version): the camera the user
  // chose stays while the new parts are wholly in view and not tiny in it; otherwise fit.
  void fitOnNextPartsIfOutOfView() { m_fitOnNextParts = FitNext::IfOutOfView; }
  // True when every corner of the parts' box projects inside the view and the box spans at
  // least a fifth of the view's smaller side.
  bool partsWellInView() const;
  // Eye (x, y, z), centre (x, y, z) and scale of the camera, for tests of what moved it.
  std::array<double, 7> cameraState() const;

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

  // Section plane: cuts every part at `offset` mm along the axis (0 X, 1 Y, 2 Z), keeping the
  // side below the offset (above when flipped), with the cut faces capped. The offset keeps
  // its value when the parts change; sectionRange() gives the parts' extent for a slider.
  void setSectionEnabled(bool enabled);
  bool isSectionEnabled() const;
  void setSectionAxis(int axis);
  int sectionAxis() const;
  void setSectionOffset(double mm);
  double sectionOffset() const;
  void setSectionFlipped(bool flipped);
  bool isSectionFlipped() const;
  // The parts' extent along `axis`; false when nothing is shown.
  bool sectionRange(int axis, double& min, double& max) const;

  // Measure mode: each pick (click or pickAt) is collected; Radius measures after one pick,
  // Distance and Angle after two, then the next pick starts a new measurement. Off ends the
  // mode and removes the measurement. Vertices become pickable in Distance mode.
  enum class MeasureMode { Off, Distance, Radius, Angle };
  Q_ENUM(MeasureMode)
  void setMeasureMode(MeasureMode mode);
  MeasureMode measureMode() const;
  // Measures the given sub-shapes directly (one for Radius, two for Distance and Angle) and
  // shows the result as in measure mode. Returns false and shows the reason when the
  // elements cannot be measured that way (measureText() then holds it).
  bool measureShapes(MeasureMode mode, const TopoDS_Shape& first, const TopoDS_Shape& second);
  std::optional<Measurement> lastMeasurement() const;
  QString measureText() const;  // the result, the reason it failed, or the next step
  void clearMeasurement();

  // Dimension lines along the parts' bounding box (X, Y, Z) and the top-left size label.
  void setBoundingBoxVisible(bool visible);
  bool isBoundingBoxVisible() const;
  // The parts' bounding-box size in mm; false when nothing is shown.
  bool boundingBoxSize(double& dx, double& dy, double& dz) const;

  // Where the model point (x, y, z) appears in the widget, in logical pixels (for clicks).
  QPoint projectToWidget(double x, double y, double z) const;

  // Set when the view could not start: the user-facing reason (no X display, unusable GL).
  QString initError() const { return m_initError; }
  QString glInfo() const { return m_glInfo; }
  bool isViewReady() const;

  // Timings of the GUI-thread work, for the drag benchmark and the log.
  struct FrameStats {
    quint64 paints = 0;     // paint events that drew a frame
    double paintMs = 0;     // the last frame: OCCT redraw and buffer swap
    double setPartsMs = 0;  // the last setParts (presentations, selection, dimensions)
  };
  FrameStats frameStats() const { return m_stats; }

 signals:
  // A face or edge was picked (or the pick cleared: partIndex -1).
  void pickChanged(int partIndex);
  void viewError(const QString& message);
  // A measurement finished, failed or needs another pick: the text shown in its label.
  void measurementChanged(const QString& text);
  void measureModeChanged(partsmith::app::OcctViewport::MeasureMode mode);
  void sectionChanged();
  void boundingBoxVisibleChanged(bool visible);
  // Right after each frame OCCT drew and swapped onto the screen.
  void frameSwapped();

 protected:
  bool event(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
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
  bool attachWindow();
  void updateWindowSize();
  void releaseOcct();
  void applySection();
  void addMeasurePick(const TopoDS_Shape& shape);
  void showMeasureText(const QString& text, bool error);
  void removeMeasureObjects();
  void updateBoundingBoxObjects();
  void updateVertexSelection();

  std::unique_ptr<Impl> m_impl;
  QLabel* m_dimensionsLabel = nullptr;
  QLabel* m_pickLabel = nullptr;
  QLabel* m_measureLabel = nullptr;
  QString m_initError;
  QString m_glInfo;
  enum class FitNext { Never, Always, IfOutOfView };
  FitNext m_fitOnNextParts = FitNext::Always;
  FrameStats m_stats;
};

}  // namespace partsmith::app
