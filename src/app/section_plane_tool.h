// The section plane's controls: on/off, axis (X/Y/Z), flip, and the offset as a slider with a
// spin box spanning the parts' extent along the axis. Drives an OcctViewport and follows it
// (the S shortcut, new parts). The window puts it in a toolbar or under the viewport.
#pragma once
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSlider;

namespace partsmith::app {

class OcctViewport;

class SectionPlaneTool : public QWidget {
  Q_OBJECT
 public:
  explicit SectionPlaneTool(OcctViewport* viewport, QWidget* parent = nullptr);

  QCheckBox* enabledBox() const { return m_enabled; }
  QComboBox* axisBox() const { return m_axis; }
  QCheckBox* flipBox() const { return m_flip; }
  QSlider* slider() const { return m_slider; }
  QDoubleSpinBox* offsetBox() const { return m_offset; }

  // Re-reads the parts' extent (call after new parts; also done on every sectionChanged).
  void refreshRange();

 private:
  void syncFromViewport();
  void sliderMoved(int position);

  OcctViewport* m_viewport;
  QCheckBox* m_enabled = nullptr;
  QComboBox* m_axis = nullptr;
  QCheckBox* m_flip = nullptr;
  QSlider* m_slider = nullptr;
  QDoubleSpinBox* m_offset = nullptr;
  double m_min = 0, m_max = 0;
};

}  // namespace partsmith::app
