// The Export dialog: file (the format follows the extension: .stl .step .3mf, or .js for the
// script itself), tessellation tolerance, per-part or merged, a separate file per part, ASCII
// STL. With a settings file it starts from the last export's choices (format, tolerance, angle,
// merged, separate files, ASCII) and keeps
// the new ones when accepted; replacing an existing file is confirmed unless the file chooser
// already asked.
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
  // `iniPath`: the QSettings file the choices are kept in; empty: the application's settings.
  // `remember`: false for a dialog that neither reads nor writes them (tests, scripted use).
  ExportDialog(const QString& suggestedPath, int partCount, QWidget* parent = nullptr, const QString& iniPath = {},
               bool remember = false);

  // The folder of the last export, if it still exists ("" otherwise): where a part with no
  // script file of its own is exported by default. Reads the settings file.
  static QString lastFolder(const QString& iniPath);

  void accept() override;

  QString path() const;
  bool isScript() const;  // .js: the script is saved, nothing runs in the kernel
  ExportRequest request() const;

  // For tests and scripted use: the dialog's fields without showing it.
  void setPath(const QString& path);
  void setMerged(bool merged);
  void setSeparateFiles(bool separate);
  // The shown parts' names, so that replacing the per-part files can be confirmed by name.
  void setPartNames(const QStringList& names);
  // The files the export will write: the path, or one per part with separate files.
  QStringList targetPaths() const;
  void setTolerance(double mm);

 private:
  void formatChosen(int index);
  void pathEdited();
  void browse();
  void validate();
  void restoreChoices();
  void saveChoices() const;

  QComboBox* m_format = nullptr;
  QLineEdit* m_path = nullptr;
  QDoubleSpinBox* m_tolerance = nullptr;
  QDoubleSpinBox* m_angular = nullptr;
  QRadioButton* m_perPart = nullptr;
  QRadioButton* m_merged = nullptr;
  QCheckBox* m_ascii = nullptr;
  QCheckBox* m_separateFiles = nullptr;
  int m_partCount = 0;
  QStringList m_partNames;
  QLabel* m_problem = nullptr;
  QPushButton* m_ok = nullptr;
  QString m_iniPath;
  bool m_remember = false;
  QString m_confirmedPath;  // the file chooser asked about replacing this one
};

}  // namespace partsmith::app
