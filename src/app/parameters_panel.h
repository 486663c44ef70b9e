// The Parameters panel: one row per script parameter (see ParameterRow), grouped by the
// script's `/* [Group] */` markers, with "Reset all". Built from a run's `parameters` (the
// script::Parameter JSON); rebuilt only when their structure changes, so a run reporting
// back during a drag never tears the slider out from under the pointer.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <QWidget>
#include <nlohmann/json_fwd.hpp>

#include "script/parameter.h"

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace partsmith::app {

class ParameterRow;

class ParametersPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ParametersPanel(QWidget* parent = nullptr);

  // `parameters`: a JSON array of script::Parameter. Rows are rebuilt when names, types,
  // ranges, options or groups differ; otherwise only values are shown (when `showValues`).
  void setParameters(const nlohmann::json& parameters, bool showValues = true);
  // A script was loaded: the values the next setParameters() reports become the defaults
  // that "reset" returns to.
  void takeDefaultsFromNextRun() { m_takeDefaults = true; }

  std::map<std::string, script::ParamValue> values() const;
  // The same as a JSON object {name: value}, as the store keeps them with an export.
  nlohmann::json valuesJson() const;
  // `values` ({name: value}) as one line: width = 40, holes = true, label = "A".
  static QString valuesText(const nlohmann::json& values);
  ParameterRow* row(const QString& name) const;
  int rowCount() const { return int(m_rows.size()); }

 signals:
  void valueChanged(const QString& name, const partsmith::script::ParamValue& value);
  // After a reset of several values: one re-run instead of many.
  void valuesReset();

 private:
  void rebuild(const std::vector<script::Parameter>& parameters);

  QVBoxLayout* m_rowsLayout = nullptr;
  QWidget* m_rowsHost = nullptr;
  QLabel* m_emptyLabel = nullptr;
  QPushButton* m_resetAll = nullptr;
  std::vector<ParameterRow*> m_rows;
  std::map<std::string, script::ParamValue> m_defaults;
  std::string m_signature;
  bool m_resetting = false;
  bool m_takeDefaults = true;
};

// A parameter from its JSON form (the inverse of script::to_json). Throws
// nlohmann::json::exception for a malformed entry.
script::Parameter parameterFromJson(const nlohmann::json& j);

}  // namespace partsmith::app
