// The Export dialog: file (the format follows the extension: .stl .step .3mf, or .js for the
// script itself), tessellation tolerance, per-part or merged, ASCII STL.
#pragma once
#include <QDialog>

#include "app/script_runner.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace partsmith::app {

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  ExportDialog(const QString& suggestedPath, int partCount, QWidget* parent = nullptr);

  QString path() const;
  bool isScript() const;  // .js: the script is saved, nothing runs in the kernel
  ExportRequest request() const;

  // For tests and scripted use: the dialog's fields without showing it.
  void setPath(const QString& path);
  void setMerged(bool merged);
  void setTolerance(double mm);

 private:
  void formatChosen(int index);
  void pathEdited();
  void browse();
  void validate();

  QComboBox* m_format = nullptr;
  QLineEdit* m_path = nullptr;
  QDoubleSpinBox* m_tolerance = nullptr;
  QDoubleSpinBox* m_angular = nullptr;
  QRadioButton* m_perPart = nullptr;
  QRadioButton* m_merged = nullptr;
  QCheckBox* m_ascii = nullptr;
  QLabel* m_problem = nullptr;
  QPushButton* m_ok = nullptr;
};

}  // namespace partsmith::app
