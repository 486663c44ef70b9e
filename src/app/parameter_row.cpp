#include "app/parameter_row.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

namespace partsmith::app {

namespace {

bool shiftHeld() { return QGuiApplication::keyboardModifiers().testFlag(Qt::ShiftModifier); }

int decimalsFor(double step) {
  int decimals = 0;
  while (decimals < 6 && std::fabs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-9)
    ++decimals;
  return decimals;
}

// Arrow keys move one step; with Shift a tenth of one.
class StepSlider : public QSlider {
 public:
  StepSlider(int ticksPerStep, QWidget* parent) : QSlider(Qt::Horizontal, parent), m_ticksPerStep(ticksPerStep) {
    setSingleStep(ticksPerStep);
    setPageStep(ticksPerStep * 10);
  }

 protected:
  void keyPressEvent(QKeyEvent* event) override {
    const int direction = (event->key() == Qt::Key_Right || event->key() == Qt::Key_Up)     ? 1
                          : (event->key() == Qt::Key_Left || event->key() == Qt::Key_Down) ? -1
                                                                                            : 0;
    if (direction != 0) {
      const bool fine = event->modifiers().testFlag(Qt::ShiftModifier);
      // The row reads this while handling valueChanged: a fine move must not snap to a step.
      setProperty("fineMove", fine);
      setValue(value() + direction * (fine ? 1 : m_ticksPerStep));
      setProperty("fineMove", false);
      event->accept();
      return;
    }
    QSlider::keyPressEvent(event);
  }

 private:
  int m_ticksPerStep;
};

class FineSpinBox : public QDoubleSpinBox {
 public:
  FineSpinBox(double fine, QWidget* parent) : QDoubleSpinBox(parent), m_fine(fine) {}
  void stepBy(int steps) override {
    if (shiftHeld())
      setValue(value() + steps * m_fine);
    else
      QDoubleSpinBox::stepBy(steps);
  }

 private:
  double m_fine;
};

double asNumber(const script::ParamValue& v) {
  if (const double* d = std::get_if<double>(&v)) return *d;
  if (const bool* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  return 0;
}

}  // namespace

ParameterRow::ParameterRow(const script::Parameter& parameter, script::ParamValue defaultValue, QWidget* parent)
    : QWidget(parent), m_parameter(parameter), m_value(parameter.value), m_default(std::move(defaultValue)) {
  setObjectName(QStringLiteral("param_") + name());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 2, 0, 2);
  layout->setSpacing(1);
  auto* header = new QHBoxLayout();
  auto* label = new QLabel(name(), this);
  header->addWidget(label, 1);
  m_reset = new QToolButton(this);
  m_reset->setText(QStringLiteral("↺"));
  m_reset->setAutoRaise(true);
  m_reset->setToolTip(tr("Reset to the default"));
  connect(m_reset, &QToolButton::clicked, this, &ParameterRow::resetToDefault);

  auto* editorRow = new QHBoxLayout();
  if (!m_parameter.options.empty()) {
    m_combo = new QComboBox(this);
    for (const auto& option : m_parameter.options) m_combo->addItem(QString::fromStdString(option.label));
    connect(m_combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
      if (!m_updating && index >= 0 && index < int(m_parameter.options.size())) commit(m_parameter.options[index].value);
    });
    editorRow->addWidget(m_combo, 1);
  } else if (m_parameter.type == "boolean") {
    m_check = new QCheckBox(this);
    connect(m_check, &QCheckBox::toggled, this, [this](bool on) {
      if (!m_updating) commit(on);
    });
    header->insertWidget(0, m_check);
  } else if (m_parameter.type == "number") {
    auto* host = new QWidget(this);
    buildNumber(host);
    editorRow->addWidget(host, 1);
  } else {
    m_text = new QLineEdit(this);
    connect(m_text, &QLineEdit::editingFinished, this, [this] {
      if (!m_updating) commit(m_text->text().toStdString());
    });
    editorRow->addWidget(m_text, 1);
  }
  header->addWidget(m_reset);
  layout->addLayout(header);
  if (editorRow->count() > 0)
    layout->addLayout(editorRow);
  else
    delete editorRow;

  QString tip = QString::fromStdString(m_parameter.description);
  if (m_parameter.type == "number")
    tip += (tip.isEmpty() ? "" : "\n") + tr("Range %1 to %2, step %3 (hold Shift for %4)")
                                             .arg(m_min).arg(m_max).arg(m_step).arg(m_fine);
  setToolTip(tip);
  refreshEditors();
}

void ParameterRow::buildNumber(QWidget* host) {
  const double value = asNumber(m_value);
  m_step = m_parameter.step.value_or(1.0);
  if (!(m_step > 0)) m_step = 1.0;
  m_min = m_parameter.min.value_or(std::min(0.0, value));
  m_max = m_parameter.max.value_or(std::max(m_min + m_step, value * 2));
  if (m_max <= m_min) m_max = m_min + m_step;
  m_fine = m_step / 10.0;
  // Keep the slider's integer range sane for huge ranges with tiny steps.
  if ((m_max - m_min) / m_fine > 1e6) m_fine = (m_max - m_min) / 1e6;
  const int ticksPerStep = std::max(1, int(std::lround(m_step / m_fine)));

  auto* row = new QHBoxLayout(host);
  row->setContentsMargins(0, 0, 0, 0);
  m_slider = new StepSlider(ticksPerStep, host);
  m_slider->setObjectName(QStringLiteral("slider_") + name());
  m_slider->setRange(0, int(std::lround((m_max - m_min) / m_fine)));
  m_spin = new FineSpinBox(m_fine, host);
  m_spin->setObjectName(QStringLiteral("spin_") + name());
  m_spin->setDecimals(std::max(decimalsFor(m_step) + 1, decimalsFor(m_fine)));
  m_spin->setRange(m_min, m_max);
  m_spin->setSingleStep(m_step);
  m_spin->setKeyboardTracking(false);
  m_spin->setMinimumWidth(80);
  row->addWidget(m_slider, 1);
  row->addWidget(m_spin);

  connect(m_slider, &QSlider::valueChanged, this, [this](int tick) {
    if (m_updating) return;
    commit(valueForTick(tick, shiftHeld() || m_slider->property("fineMove").toBool()));
  });
  connect(m_spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this](double v) {
    if (!m_updating) commit(v);
  });
}

int ParameterRow::tickFor(double value) const { return int(std::lround((value - m_min) / m_fine)); }

double ParameterRow::valueForTick(int tick, bool fine) const {
  double value = m_min + tick * m_fine;
  // Without Shift the slider lands on whole steps, counted from the minimum.
  if (!fine) value = m_min + std::round((value - m_min) / m_step) * m_step;
  value = std::clamp(value, m_min, m_max);
  // Drop binary noise (0.30000000000000004) so the code gets the literal a person would write.
  const double scale = std::pow(10.0, std::max(decimalsFor(m_step), decimalsFor(m_fine)) + 2);
  return std::round(value * scale) / scale;
}

void ParameterRow::commit(const script::ParamValue& value) {
  if (value == m_value) {
    refreshEditors();
    return;
  }
  m_value = value;
  refreshEditors();
  emit valueChanged(name());
}

void ParameterRow::showValue(const script::ParamValue& value) {
  m_value = value;
  refreshEditors();
}

void ParameterRow::setValue(const script::ParamValue& value) { commit(value); }

void ParameterRow::setDefaultValue(const script::ParamValue& value) {
  m_default = value;
  refreshEditors();
}

void ParameterRow::refreshEditors() {
  m_updating = true;
  if (m_slider) {
    const double v = asNumber(m_value);
    m_slider->setValue(tickFor(std::clamp(v, m_min, m_max)));
    m_spin->setValue(v);
  }
  if (m_check) m_check->setChecked(asNumber(m_value) != 0);
  if (m_combo) {
    for (size_t i = 0; i < m_parameter.options.size(); ++i)
      if (m_parameter.options[i].value == m_value) m_combo->setCurrentIndex(int(i));
  }
  if (m_text) {
    if (const auto* s = std::get_if<std::string>(&m_value)) m_text->setText(QString::fromStdString(*s));
  }
  m_reset->setEnabled(!(m_value == m_default));
  m_updating = false;
}

}  // namespace partsmith::app
