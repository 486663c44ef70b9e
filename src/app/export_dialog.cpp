#include "app/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QToolButton>

#include <memory>
#include <QVBoxLayout>

#include "app/app_settings.h"
#include "io/export_options.h"

namespace partsmith::app {

namespace {

struct FormatEntry {
  const char* label;
  const char* suffix;
  bool meshed;
};
const FormatEntry kFormats[] = {{"STL mesh (*.stl)", "stl", true},
                                {"STEP solid (*.step)", "step", false},
                                {"3MF mesh with colours (*.3mf)", "3mf", true},
                                {"JavaScript script (*.js)", "js", false}};

int formatIndexFor(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == "stp") return 1;
  for (int i = 0; i < 4; ++i)
    if (suffix == kFormats[i].suffix) return i;
  return -1;
}

}  // namespace

QString ExportDialog::lastFolder(const QString& iniPath) {
  const QString folder = openInterfaceSettings(iniPath)->value("export/folder").toString();
  return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QString();
}

ExportDialog::ExportDialog(const QString& suggestedPath, int partCount, QWidget* parent, const QString& iniPath,
                           bool remember)
    : QDialog(parent), m_partCount(partCount), m_iniPath(iniPath), m_remember(remember) {
  setWindowTitle(tr("Export"));
  setObjectName("exportDialog");
  auto* form = new QFormLayout();

  m_format = new QComboBox(this);
  for (const auto& f : kFormats) m_format->addItem(tr(f.label));
  form->addRow(tr("Format"), m_format);

  auto* pathRow = new QHBoxLayout();
  m_path = new QLineEdit(this);
  auto* browse = new QToolButton(this);
  browse->setText(tr("…"));
  browse->setToolTip(tr("Choose the file"));
  pathRow->addWidget(m_path, 1);
  pathRow->addWidget(browse);
  form->addRow(tr("File"), pathRow);

  m_tolerance = new QDoubleSpinBox(this);
  m_tolerance->setRange(0, 5);
  m_tolerance->setDecimals(3);
  m_tolerance->setSingleStep(0.01);
  m_tolerance->setSuffix(tr(" mm"));
  m_tolerance->setSpecialValueText(tr("Auto (0.1 % of the size)"));
  m_tolerance->setToolTip(tr("Largest distance between the mesh and the true surface; smaller is smoother and "
                             "larger files"));
  form->addRow(tr("Tolerance"), m_tolerance);
  m_angular = new QDoubleSpinBox(this);
  m_angular->setRange(1, 45);
  m_angular->setValue(20);
  m_angular->setSuffix(tr("°"));
  m_angular->setToolTip(tr("Largest angle between neighbouring facets on curved faces"));
  form->addRow(tr("Angle"), m_angular);

  auto* layoutRow = new QHBoxLayout();
  m_perPart = new QRadioButton(tr("One body per part"), this);
  m_merged = new QRadioButton(tr("Merged into one"), this);
  m_perPart->setChecked(true);
  layoutRow->addWidget(m_perPart);
  layoutRow->addWidget(m_merged);
  form->addRow(tr("Parts (%1)").arg(partCount), layoutRow);
  m_separateFiles = new QCheckBox(tr("A separate file for each part (name-part.stl)"), this);
  m_separateFiles->setToolTip(tr("What a slicer wants for a box and its lid: each part in its own file, named after "
                                 "the file and the part"));
  form->addRow(QString(), m_separateFiles);
  m_ascii = new QCheckBox(tr("ASCII STL (larger, human-readable)"), this);
  form->addRow(QString(), m_ascii);

  m_problem = new QLabel(this);
  m_problem->setStyleSheet("color: #b00020;");
  m_problem->setWordWrap(true);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  m_ok = buttons->button(QDialogButtonBox::Ok);
  m_ok->setText(tr("Export"));
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_problem);
  layout->addWidget(buttons);

  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browse, &QToolButton::clicked, this, &ExportDialog::browse);
  connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::formatChosen);
  connect(m_path, &QLineEdit::textEdited, this, &ExportDialog::pathEdited);
  connect(m_merged, &QRadioButton::toggled, this, &ExportDialog::validate);
  connect(m_separateFiles, &QCheckBox::toggled, this, &ExportDialog::validate);

  setPath(suggestedPath);
  if (m_remember) restoreChoices();
}

void ExportDialog::restoreChoices() {
  const auto settings = openInterfaceSettings(m_iniPath);
  settings->beginGroup("export");
  const QString format = settings->value("format").toString();
  for (int i = 0; i < 4; ++i)
    if (format == kFormats[i].suffix && i != m_format->currentIndex()) m_format->setCurrentIndex(i);
  if (settings->contains("tolerance")) m_tolerance->setValue(settings->value("tolerance").toDouble());
  if (settings->contains("angular")) m_angular->setValue(settings->value("angular").toDouble());
  setMerged(settings->value("merged", false).toBool());
  m_separateFiles->setChecked(settings->value("separate_files", false).toBool());
  m_ascii->setChecked(settings->value("ascii", false).toBool());
  validate();
}

void ExportDialog::saveChoices() const {
  const auto settings = openInterfaceSettings(m_iniPath);
  settings->beginGroup("export");
  const int index = m_format->currentIndex();
  if (index >= 0) settings->setValue("format", kFormats[index].suffix);
  settings->setValue("tolerance", m_tolerance->value());
  settings->setValue("angular", m_angular->value());
  settings->setValue("merged", m_merged->isChecked());
  settings->setValue("separate_files", m_separateFiles->isChecked());
  settings->setValue("ascii", m_ascii->isChecked());
  settings->setValue("folder", QFileInfo(path()).absolutePath());
}

void ExportDialog::accept() {
  if (!m_ok->isEnabled()) return;
  QStringList existing;
  for (const QString& file : targetPaths()) {
    const QFileInfo target(file);
    if (target.exists() && target.absoluteFilePath() != m_confirmedPath) existing << target.fileName();
  }
  if (!existing.isEmpty()) {
    const QString folder = QDir::toNativeSeparators(QFileInfo(path()).absolutePath());
    const QString question = existing.size() == 1
                                 ? tr("%1 already exists in %2. Replace it?").arg(existing.front(), folder)
                                 : tr("%1 already exist in %2. Replace them?").arg(existing.join(", "), folder);
    const auto answer = QMessageBox::question(this, existing.size() == 1 ? tr("Replace the file?") : tr("Replace the files?"),
                                              question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) return;
  }
  if (m_remember) saveChoices();
  QDialog::accept();
}

QString ExportDialog::path() const { return m_path->text().trimmed(); }

bool ExportDialog::isScript() const { return m_format->currentIndex() == 3; }

ExportRequest ExportDialog::request() const {
  ExportRequest r;
  r.path = path().toStdString();
  r.tolerance = m_tolerance->value();
  r.angularToleranceDeg = m_angular->value();
  r.merged = m_merged->isChecked();
  r.asciiStl = m_ascii->isChecked();
  r.perPartFiles = m_separateFiles->isEnabled() && m_separateFiles->isChecked();
  return r;
}

void ExportDialog::setSeparateFiles(bool separate) { m_separateFiles->setChecked(separate); }

void ExportDialog::setPartNames(const QStringList& names) { m_partNames = names; }

QStringList ExportDialog::targetPaths() const {
  if (!request().perPartFiles) return {path()};
  kernel::PartList parts(size_t(std::max<int>(m_partCount, 0)));
  for (int i = 0; i < int(parts.size()) && i < int(m_partNames.size()); ++i) parts[i].name = m_partNames[i].toStdString();
  QStringList paths;
  for (const auto& p : io::perPartPaths(parts, path().toStdString())) paths << QString::fromStdString(p);
  return paths;
}

void ExportDialog::setPath(const QString& path) {
  m_path->setText(path);
  pathEdited();
}

void ExportDialog::setMerged(bool merged) { (merged ? m_merged : m_perPart)->setChecked(true); }

void ExportDialog::setTolerance(double mm) { m_tolerance->setValue(mm); }

void ExportDialog::formatChosen(int index) {
  // Keep the file name, change its extension to the chosen format.
  QFileInfo info(path());
  if (!path().isEmpty() && index >= 0) {
    const QString base = info.path() + "/" + info.completeBaseName();
    m_path->setText(base + "." + kFormats[index].suffix);
  }
  validate();
}

void ExportDialog::pathEdited() {
  const int index = formatIndexFor(path());
  if (index >= 0 && index != m_format->currentIndex()) {
    const QSignalBlocker block(m_format);
    m_format->setCurrentIndex(index);
  }
  validate();
}

void ExportDialog::browse() {
  const QString chosen = QFileDialog::getSaveFileName(this, tr("Export to"), path(), tr(kFormats[m_format->currentIndex()].label));
  if (chosen.isEmpty()) return;
  setPath(chosen);
  m_confirmedPath = QFileInfo(chosen).absoluteFilePath();  // the chooser asked about replacing it
}

void ExportDialog::validate() {
  const int index = m_format->currentIndex();
  const bool meshed = index >= 0 && kFormats[index].meshed;
  m_tolerance->setEnabled(meshed);
  m_angular->setEnabled(meshed);
  m_ascii->setEnabled(index == 0);
  const bool separate = index >= 0 && index <= 2 && m_partCount > 1;
  m_separateFiles->setEnabled(separate);
  if (index >= 0 && index <= 2)
    m_separateFiles->setText(tr("A separate file for each part (name-part.%1)").arg(kFormats[index].suffix));
  // Within one file STEP and 3MF keep the parts apart or merge them; a file per part has one.
  const bool oneFile = !(separate && m_separateFiles->isChecked());
  m_perPart->setEnabled((index == 1 || index == 2) && oneFile);
  m_merged->setEnabled((index == 1 || index == 2) && oneFile);
  QString problem;
  if (path().isEmpty())
    problem = tr("Choose a file to export to.");
  else if (formatIndexFor(path()) < 0)
    problem = tr("\"%1\" has no known extension: use .stl, .step, .3mf or .js.").arg(QFileInfo(path()).fileName());
  else if (!QFileInfo(QFileInfo(path()).path()).isDir())
    problem = tr("The folder \"%1\" does not exist.").arg(QFileInfo(path()).path());
  m_problem->setText(problem);
  m_problem->setVisible(!problem.isEmpty());
  m_ok->setEnabled(problem.isEmpty());
}

}  // namespace partsmith::app
