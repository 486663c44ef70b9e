#include "app/parameters_panel.h"

#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStringList>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "app/parameter_row.h"

namespace partsmith::app {
using json = nlohmann::json;

namespace {

script::ParamValue valueFromJson(const json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) return v.get<std::string>();
  return 0.0;
}

std::optional<double> optionalNumber(const json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number()) return std::nullopt;
  return j[key].get<double>();
}

// Everything but the values: when this stays the same, the rows can stay.
std::string structureOf(const json& parameters) {
  json copy = parameters.is_array() ? parameters : json::array();
  for (auto& p : copy) {
    p.erase("value");
    p.erase("line");
  }
  return copy.dump();
}

}  // namespace

script::Parameter parameterFromJson(const json& j) {
  script::Parameter p;
  p.name = j.at("name").get<std::string>();
  p.value = valueFromJson(j.at("value"));
  p.type = j.value("type", "number");
  p.min = optionalNumber(j, "min");
  p.max = optionalNumber(j, "max");
  p.step = optionalNumber(j, "step");
  if (j.contains("options") && j["options"].is_array())
    for (const auto& o : j["options"]) p.options.push_back({valueFromJson(o.at("value")), o.value("label", "")});
  p.group = j.value("group", "");
  p.description = j.value("description", "");
  p.hidden = j.value("hidden", false);
  p.line = j.value("line", 0);
  return p;
}

ParametersPanel::ParametersPanel(QWidget* parent) : QWidget(parent) {
  setObjectName("parametersPanel");
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(4, 4, 4, 4);
  m_resetAll = new QPushButton(tr("Reset all"), this);
  m_resetAll->setObjectName("resetAllParameters");
  m_resetAll->setToolTip(tr("Every parameter back to the value the script was loaded with"));
  connect(m_resetAll, &QPushButton::clicked, this, [this] {
    m_resetting = true;
    bool changed = false;
    for (ParameterRow* row : m_rows) {
      const auto before = row->value();
      row->resetToDefault();
      changed = changed || !(before == row->value());
    }
    m_resetting = false;
    if (changed) emit valuesReset();
  });
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  m_rowsHost = new QWidget(scroll);
  m_rowsLayout = new QVBoxLayout(m_rowsHost);
  m_rowsLayout->setContentsMargins(0, 0, 0, 0);
  m_emptyLabel = new QLabel(tr("This script has no parameters. Declare `const name = 10; // [1:100]` at its top "
                               "to get a slider."),
                            m_rowsHost);
  m_emptyLabel->setWordWrap(true);
  m_rowsLayout->addWidget(m_emptyLabel);
  m_rowsLayout->addStretch(1);
  scroll->setWidget(m_rowsHost);
  outer->addWidget(m_resetAll);
  outer->addWidget(scroll, 1);
}

void ParametersPanel::setParameters(const json& parameters, bool showValues) {
  const std::string signature = structureOf(parameters);
  std::vector<script::Parameter> list;
  for (const auto& entry : parameters) {
    try {
      list.push_back(parameterFromJson(entry));
    } catch (const json::exception&) {
      // A malformed entry would be a worker bug; skipping it keeps the other sliders usable.
    }
  }
  if (m_takeDefaults) {
    m_takeDefaults = false;
    m_defaults.clear();
    for (const auto& p : list) m_defaults[p.name] = p.value;
    for (ParameterRow* r : m_rows) {
      auto it = m_defaults.find(r->parameter().name);
      if (it != m_defaults.end()) r->setDefaultValue(it->second);
    }
    showValues = true;
  }
  if (signature != m_signature) {
    m_signature = signature;
    rebuild(list);
    return;
  }
  if (!showValues) return;
  for (const auto& p : list)
    if (ParameterRow* r = row(QString::fromStdString(p.name))) r->showValue(p.value);
}

void ParametersPanel::rebuild(const std::vector<script::Parameter>& parameters) {
  for (ParameterRow* r : m_rows) r->deleteLater();
  m_rows.clear();
  // Group boxes are the rows' parents; remove the old ones (everything but label and stretch).
  while (m_rowsLayout->count() > 2) {
    QLayoutItem* item = m_rowsLayout->takeAt(1);
    if (item->widget()) item->widget()->deleteLater();
    delete item;
  }
  std::vector<std::pair<std::string, QVBoxLayout*>> groups;
  int insertAt = 1;
  for (const auto& p : parameters) {
    if (p.hidden) continue;
    QVBoxLayout* groupLayout = nullptr;
    for (auto& [name, layout] : groups)
      if (name == p.group) groupLayout = layout;
    if (!groupLayout) {
      auto* box = new QGroupBox(p.group.empty() ? tr("Parameters") : QString::fromStdString(p.group), m_rowsHost);
      groupLayout = new QVBoxLayout(box);
      groupLayout->setContentsMargins(6, 6, 6, 6);
      m_rowsLayout->insertWidget(insertAt++, box);
      groups.emplace_back(p.group, groupLayout);
    }
    auto it = m_defaults.find(p.name);
    const script::ParamValue def = it != m_defaults.end() ? it->second : p.value;
    if (it == m_defaults.end()) m_defaults[p.name] = p.value;
    auto* row = new ParameterRow(p, def);
    groupLayout->addWidget(row);
    connect(row, &ParameterRow::valueChanged, this, [this, row](const QString& name) {
      if (!m_resetting) emit valueChanged(name, row->value());
    });
    m_rows.push_back(row);
  }
  m_emptyLabel->setVisible(m_rows.empty());
  m_resetAll->setEnabled(!m_rows.empty());
}

std::map<std::string, script::ParamValue> ParametersPanel::values() const {
  std::map<std::string, script::ParamValue> out;
  for (ParameterRow* r : m_rows) out[r->parameter().name] = r->value();
  return out;
}

nlohmann::json ParametersPanel::valuesJson() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : values()) std::visit([&, n = name](const auto& v) { out[n] = v; }, value);
  return out;
}

QString ParametersPanel::valuesText(const nlohmann::json& values) {
  if (!values.is_object()) return {};
  QStringList out;
  for (const auto& [name, value] : values.items()) {
    QString text;
    if (value.is_string()) text = '"' + QString::fromStdString(value.get<std::string>()) + '"';
    else if (value.is_number_float()) text = QLocale::c().toString(value.get<double>(), 'g', 10);
    else text = QString::fromStdString(value.dump());
    out << QString::fromStdString(name) + " = " + text;
  }
  return out.join(QStringLiteral(", "));
}

ParameterRow* ParametersPanel::row(const QString& name) const {
  for (ParameterRow* r : m_rows)
    if (r->name() == name) return r;
  return nullptr;
}

}  // namespace partsmith::app
