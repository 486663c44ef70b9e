#include "app/recent_exports_dialog.h"

#include <map>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "app/parameters_panel.h"
#include "app/store_worker.h"
#include "store/store.h"

namespace partsmith::app {

namespace {

constexpr int kListLimit = 500;
enum Column { kWhen, kFormat, kFile, kPart, kValues, kSize, kColumnCount };

QString q(const std::string& s) { return QString::fromStdString(s); }

// "width = 40, label = "A"": the slider values the store kept with the export.
QString valuesText(const nlohmann::json& details) {
  if (!details.is_object() || !details.contains("values")) return {};
  return ParametersPanel::valuesText(details["values"]);
}

std::vector<RecentExportRow> readRows(store::Store& s, std::optional<int64_t> conversationId) {
  std::vector<RecentExportRow> rows;
  std::map<int64_t, QString> titles;  // conversations are read once each
  for (const store::ExportRecord& e : s.feedback().recentExports(kListLimit, conversationId)) {
    RecentExportRow r;
    r.exportId = e.id;
    r.generationId = e.generationId;
    r.conversationId = e.conversationId;
    if (e.conversationId) {
      auto found = titles.find(*e.conversationId);
      if (found == titles.end()) {
        QString title;
        try {
          title = q(s.conversations().get(*e.conversationId).title);
        } catch (const std::exception&) {
          // Deleted since: the export stays listed, without its conversation's name.
        }
        found = titles.emplace(*e.conversationId, title).first;
      }
      r.conversationTitle = found->second;
    }
    r.format = q(e.format).toUpper();
    r.path = q(e.path);
    r.source = q(e.source);
    r.code = e.code ? q(*e.code) : QString();
    r.values = valuesText(e.parameters);
    if (e.parameters.is_object() && e.parameters.contains("bytes") && e.parameters["bytes"].is_number_integer())
      r.bytes = e.parameters["bytes"].get<int64_t>();
    r.createdMs = e.createdMs;
    r.fileExists = QFileInfo(r.path).isFile();
    r.folderExists = r.fileExists || QFileInfo(QFileInfo(r.path).absolutePath()).isDir();
    rows.push_back(std::move(r));
  }
  return rows;
}

QString partText(const RecentExportRow& r) {
  QString part;
  if (r.generationId > 0) {
    part = RecentExportsDialog::tr("Version %1").arg(r.generationId);
  } else if (r.source.startsWith(QStringLiteral("example:"))) {
    part = RecentExportsDialog::tr("Example %1").arg(r.source.mid(8));
  } else if (!r.source.isEmpty()) {
    part = QFileInfo(r.source).fileName();
  } else {
    part = RecentExportsDialog::tr("Code written here");
  }
  if (!r.conversationTitle.isEmpty()) part += QStringLiteral(" · ") + r.conversationTitle;
  return part;
}

}  // namespace

RecentExportsDialog::RecentExportsDialog(StoreWorker& store, std::optional<qint64> conversationId, QWidget* parent)
    : QDialog(parent), m_store(store), m_conversationId(conversationId) {
  setWindowTitle(tr("Recent exports"));
  setObjectName("recentExportsDialog");
  resize(980, 460);

  m_conversationOnly = new QCheckBox(tr("Only this conversation's"), this);
  m_conversationOnly->setEnabled(conversationId.has_value());
  if (!conversationId) m_conversationOnly->setToolTip(tr("The chat has no conversation yet"));
  connect(m_conversationOnly, &QCheckBox::toggled, this, &RecentExportsDialog::reload);

  m_table = new QTreeWidget(this);
  m_table->setObjectName("recentExportsTable");
  m_table->setRootIsDecorated(false);
  m_table->setUniformRowHeights(true);
  m_table->setAlternatingRowColors(true);
  m_table->setColumnCount(kColumnCount);
  m_table->setHeaderLabels({tr("When"), tr("Format"), tr("File"), tr("Part"), tr("Values"), tr("Size")});
  m_table->header()->setStretchLastSection(false);
  m_table->header()->setSectionResizeMode(kValues, QHeaderView::Stretch);
  m_table->setColumnWidth(kWhen, 150);
  m_table->setColumnWidth(kFormat, 60);
  m_table->setColumnWidth(kFile, 200);
  m_table->setColumnWidth(kPart, 220);
  m_table->setColumnWidth(kSize, 80);
  connect(m_table, &QTreeWidget::currentItemChanged, this, &RecentExportsDialog::updateButtons);
  connect(m_table, &QTreeWidget::itemActivated, this, [this] {
    const RecentExportRow* r = currentRow();
    if (!r) return;
    if (!r->code.isEmpty())
      loadCurrent();
    else
      openCurrentVersion();
  });

  m_status = new QLabel(this);
  m_status->setWordWrap(true);

  m_load = new QPushButton(tr("&Load as exported"), this);
  m_load->setToolTip(tr("Load the script exactly as it was exported, with the values it had"));
  m_openVersion = new QPushButton(tr("Open &version"), this);
  m_openVersion->setToolTip(tr("Open the version that made the part, in its conversation"));
  m_copyPath = new QPushButton(tr("&Copy path"), this);
  m_showFolder = new QPushButton(tr("Show &folder"), this);
  m_openFile = new QPushButton(tr("&Open file"), this);
  m_openFile->setToolTip(tr("Open the file with its default application, e.g. the slicer for STL and 3MF"));
  connect(m_load, &QPushButton::clicked, this, &RecentExportsDialog::loadCurrent);
  connect(m_openVersion, &QPushButton::clicked, this, &RecentExportsDialog::openCurrentVersion);
  connect(m_copyPath, &QPushButton::clicked, this, &RecentExportsDialog::copyCurrentPath);
  connect(m_showFolder, &QPushButton::clicked, this, &RecentExportsDialog::showCurrentFolder);
  connect(m_openFile, &QPushButton::clicked, this, &RecentExportsDialog::openCurrentFile);

  auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_load);
  buttons->addWidget(m_openVersion);
  buttons->addWidget(m_copyPath);
  buttons->addWidget(m_showFolder);
  buttons->addWidget(m_openFile);
  buttons->addStretch(1);
  buttons->addWidget(close);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_conversationOnly);
  layout->addWidget(m_table, 1);
  layout->addWidget(m_status);
  layout->addLayout(buttons);

  updateButtons();
  reload();
}

void RecentExportsDialog::reload() {
  const std::optional<int64_t> filter =
      m_conversationOnly->isChecked() && m_conversationId ? std::optional<int64_t>(*m_conversationId) : std::nullopt;
  ++m_busy;
  m_status->setText(tr("Reading the history…"));
  m_store.run<std::vector<RecentExportRow>>(
      this, [filter](store::Store& s) { return readRows(s, filter); },
      [this](std::vector<RecentExportRow> rows) {
        --m_busy;
        const qint64 selected = currentRow() ? currentRow()->exportId : 0;
        m_rows = std::move(rows);
        fill();
        if (selected == 0 || !selectExport(selected)) {
          if (m_table->topLevelItemCount() > 0) m_table->setCurrentItem(m_table->topLevelItem(0));
        }
        int gone = 0;
        for (const auto& r : m_rows) gone += r.fileExists ? 0 : 1;
        QString text = m_rows.empty()       ? (m_conversationOnly->isChecked()
                                                   ? tr("Nothing was exported from this conversation yet.")
                                                   : tr("Nothing was exported yet (File ▸ Export…, Ctrl+E)."))
                       : m_rows.size() == 1 ? tr("1 export")
                                            : tr("%1 exports").arg(m_rows.size());
        if (int(m_rows.size()) == kListLimit) text += tr(", the newest %1 shown").arg(kListLimit);
        if (gone == 1) text += tr("; 1 file is no longer where it was written");
        if (gone > 1) text += tr("; %1 files are no longer where they were written").arg(gone);
        m_status->setText(text);
        updateButtons();
        emit loaded(int(m_rows.size()));
      },
      [this](const QString& message) {
        --m_busy;
        m_status->setText(tr("The exports cannot be read: %1").arg(message));
        emit loaded(-1);
      });
}

void RecentExportsDialog::fill() {
  m_table->clear();
  const QLocale locale;
  for (std::size_t i = 0; i < m_rows.size(); ++i) {
    const RecentExportRow& r = m_rows[i];
    auto* item = new QTreeWidgetItem(m_table);
    item->setData(0, Qt::UserRole, qulonglong(i));
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(r.createdMs);
    item->setText(kWhen, locale.toString(when, QLocale::ShortFormat));
    item->setText(kFormat, r.format);
    item->setText(kFile, QFileInfo(r.path).fileName() + (r.fileExists ? QString() : tr(" (gone)")));
    item->setToolTip(
        kFile,
        r.fileExists
            ? QDir::toNativeSeparators(r.path)
            : tr("%1\nThe file is no longer there: it was moved or deleted.").arg(QDir::toNativeSeparators(r.path)));
    if (!r.fileExists) {
      QFont font = item->font(kFile);
      font.setItalic(true);
      item->setFont(kFile, font);
      item->setForeground(kFile, palette().brush(QPalette::Disabled, QPalette::Text));
    }
    item->setText(kPart, partText(r));
    item->setToolTip(kPart, r.source.isEmpty() || r.source.startsWith(QStringLiteral("example:"))
                                ? partText(r)
                                : QDir::toNativeSeparators(r.source));
    item->setText(kValues, r.values);
    item->setToolTip(kValues, r.values);
    item->setText(kSize, r.bytes >= 0 ? locale.formattedDataSize(r.bytes) : QString());
    item->setTextAlignment(kSize, Qt::AlignRight | Qt::AlignVCenter);
  }
}

const RecentExportRow* RecentExportsDialog::currentRow() const {
  const QTreeWidgetItem* item = m_table->currentItem();
  if (!item) return nullptr;
  const auto index = item->data(0, Qt::UserRole).toULongLong();
  return index < m_rows.size() ? &m_rows[index] : nullptr;
}

bool RecentExportsDialog::selectExport(qint64 exportId) {
  for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = m_table->topLevelItem(i);
    const auto index = item->data(0, Qt::UserRole).toULongLong();
    if (index < m_rows.size() && m_rows[index].exportId == exportId) {
      m_table->setCurrentItem(item);
      return true;
    }
  }
  return false;
}

void RecentExportsDialog::updateButtons() {
  const RecentExportRow* r = currentRow();
  m_load->setEnabled(r && !r->code.isEmpty());
  m_openVersion->setEnabled(r && r->generationId > 0);
  m_copyPath->setEnabled(r != nullptr);
  m_showFolder->setEnabled(r && r->folderExists);
  m_openFile->setEnabled(r && r->fileExists);
}

void RecentExportsDialog::loadCurrent() {
  const RecentExportRow* r = currentRow();
  if (!r || r->code.isEmpty()) return;
  const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(r->createdMs), QLocale::ShortFormat);
  emit loadCodeRequested(r->code, tr("the script of %1 as exported %2").arg(QFileInfo(r->path).fileName(), when));
}

void RecentExportsDialog::openCurrentVersion() {
  const RecentExportRow* r = currentRow();
  if (r && r->generationId > 0) emit openVersionRequested(r->generationId);
}

void RecentExportsDialog::copyCurrentPath() {
  const RecentExportRow* r = currentRow();
  if (!r) return;
  QApplication::clipboard()->setText(QDir::toNativeSeparators(r->path));
  m_status->setText(tr("Copied %1").arg(QDir::toNativeSeparators(r->path)));
}

void RecentExportsDialog::showCurrentFolder() {
  const RecentExportRow* r = currentRow();
  if (!r) return;
  const QString folder = QFileInfo(r->path).absolutePath();
  if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
    m_status->setText(tr("No file manager opened %1; the path is %2")
                          .arg(QDir::toNativeSeparators(folder), QDir::toNativeSeparators(r->path)));
}

void RecentExportsDialog::openCurrentFile() {
  const RecentExportRow* r = currentRow();
  if (!r || !r->fileExists) return;
  if (!QDesktopServices::openUrl(QUrl::fromLocalFile(r->path)))
    m_status->setText(tr("No application opened %1: set a default application for .%2 files (a slicer for STL "
                         "and 3MF), or open it from there")
                          .arg(QDir::toNativeSeparators(r->path), QFileInfo(r->path).suffix()));
}

}  // namespace partsmith::app
