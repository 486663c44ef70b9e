#include "app/section_plane_tool.h"

#include <algorithm>
#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include "app/occt_viewport.h"

namespace partsmith::app {

namespace {
constexpr int kSteps = 1000;  // slider resolution across the parts' extent
}

SectionPlaneTool::SectionPlaneTool(OcctViewport* viewport, QWidget* parent) : QWidget(parent), m_viewport(viewport) {
  setObjectName("sectionPlaneTool");
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  m_enabled = new QCheckBox(tr("Section"), this);
  m_enabled->setToolTip(tr("Cut the parts with a plane to see inside (S)"));
  m_axis = new QComboBox(this);
  m_axis->addItems({tr("across X"), tr("across Y"), tr("across Z")});
  m_axis->setToolTip(tr("The axis the cutting plane is perpendicular to"));
  m_flip = new QCheckBox(tr("Flip"), this);
  m_flip->setToolTip(tr("Keep the other side of the plane (Shift+S)"));
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setRange(0, kSteps);
  m_slider->setMinimumWidth(120);
  m_slider->setToolTip(tr("Where the plane cuts"));
  m_offset = new QDoubleSpinBox(this);
  m_offset->setDecimals(2);
  m_offset->setSuffix(tr(" mm"));
  m_offset->setKeyboardTracking(false);
  m_offset->setRange(-1e6, 1e6);
  layout->addWidget(m_enabled);
  layout->addWidget(m_axis);
  layout->addWidget(m_flip);
  layout->addWidget(m_slider, 1);
  layout->addWidget(m_offset);

  connect(m_enabled, &QCheckBox::toggled, viewport, &OcctViewport::setSectionEnabled);
  connect(m_flip, &QCheckBox::toggled, viewport, &OcctViewport::setSectionFlipped);
  connect(m_axis, qOverload<int>(&QComboBox::currentIndexChanged), viewport, &OcctViewport::setSectionAxis);
  connect(m_slider, &QSlider::valueChanged, this, &SectionPlaneTool::sliderMoved);
  connect(m_offset, qOverload<double>(&QDoubleSpinBox::valueChanged), viewport, &OcctViewport::setSectionOffset);
  connect(viewport, &OcctViewport::sectionChanged, this, &SectionPlaneTool::syncFromViewport);
  syncFromViewport();
}

void SectionPlaneTool::refreshRange() { syncFromViewport(); }

void SectionPlaneTool::sliderMoved(int position) {
  if (m_max <= m_min) return;
  m_viewport->setSectionOffset(m_min + (m_max - m_min) * double(position) / kSteps);
}

void SectionPlaneTool::syncFromViewport() {
  const QSignalBlocker b1(m_enabled), b2(m_axis), b3(m_flip), b4(m_slider), b5(m_offset);
  m_enabled->setChecked(m_viewport->isSectionEnabled());
  m_axis->setCurrentIndex(m_viewport->sectionAxis());
  m_flip->setChecked(m_viewport->isSectionFlipped());
  double lo = 0, hi = 0;
  const bool haveParts = m_viewport->sectionRange(m_viewport->sectionAxis(), lo, hi);
  m_min = lo;
  m_max = hi;
  const double offset = m_viewport->sectionOffset();
  m_offset->setValue(offset);
  if (haveParts && hi > lo) {
    m_offset->setSingleStep(std::max(0.01, (hi - lo) / 100.0));
    m_slider->setValue(int(std::lround(std::clamp((offset - lo) / (hi - lo), 0.0, 1.0) * kSteps)));
  }
  for (QWidget* w : {static_cast<QWidget*>(m_axis), static_cast<QWidget*>(m_flip), static_cast<QWidget*>(m_slider),
                     static_cast<QWidget*>(m_offset)})
    w->setEnabled(m_viewport->isSectionEnabled() && haveParts);
}

}  // namespace partsmith::app
