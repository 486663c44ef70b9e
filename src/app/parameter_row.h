// One script parameter as an editor row: a slider with a spin box for numbers (Shift gives
// steps a tenth of the size), a drop-down for options, a check box for booleans, a line edit
// for free text; the description as tooltip and a button back to the default.
#pragma once
#include <QWidget>

#include "script/parameter.h"

class QAbstractButton;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSlider;
class QToolButton;

namespace partsmith::app {

class ParameterRow : public QWidget {
  Q_OBJECT
 public:
  ParameterRow(const script::Parameter& parameter, script::ParamValue defaultValue, QWidget* parent = nullptr);

  const script::Parameter& parameter() const { return m_parameter; }
  QString name() const { return QString::fromStdString(m_parameter.name); }
  script::ParamValue value() const { return m_value; }
  script::ParamValue defaultValue() const { return m_default; }
  // Shows `value` without emitting valueChanged (a run reported it).
  void showValue(const script::ParamValue& value);
  // Sets `value` as if the person did it (emits valueChanged when it differs).
  void setValue(const script::ParamValue& value);
  void resetToDefault() { setValue(m_default); }
  void setDefaultValue(const script::ParamValue& value);

  QSlider* slider() const { return m_slider; }
  QDoubleSpinBox* spinBox() const { return m_spin; }
  QComboBox* comboBox() const { return m_combo; }
  QCheckBox* checkBox() const { return m_check; }

 signals:
  void valueChanged(const QString& name);

 private:
  void buildNumber(QWidget* host);
  void commit(const script::ParamValue& value);
  void refreshEditors();
  int tickFor(double value) const;
  double valueForTick(int tick, bool fine) const;

  script::Parameter m_parameter;
  script::ParamValue m_value;
  script::ParamValue m_default;
  double m_min = 0, m_max = 1, m_step = 1, m_fine = 0.1;
  QSlider* m_slider = nullptr;
  QDoubleSpinBox* m_spin = nullptr;
  QComboBox* m_combo = nullptr;
  QCheckBox* m_check = nullptr;
  QLineEdit* m_text = nullptr;
  QToolButton* m_reset = nullptr;
  bool m_updating = false;
};

}  // namespace partsmith::app
