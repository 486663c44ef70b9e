#include "app/version_compare_dialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QSyntaxHighlighter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/facts_format.h"
#include "app/line_diff.h"
#include "app/store_worker.h"
#include "store/generation_repository.h"

namespace partsmith::app {

namespace {

// Colours the lines of a unified diff: additions green, removals red, hunk headers blue.
class DiffHighlighter : public QSyntaxHighlighter {
 public:
  explicit DiffHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

 protected:
  void highlightBlock(const QString& text) override {
    QTextCharFormat f;
    if (text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---"))) {
      f.setFontWeight(QFont::Bold);
    } else if (text.startsWith('+')) {
      f.setForeground(QColor(0x1e, 0x7e, 0x34));
      f.setBackground(QColor(0x2e, 0x9d, 0x4f, 40));
    } else if (text.startsWith('-')) {
      f.setForeground(QColor(0xb0, 0x2a, 0x1f));
      f.setBackground(QColor(0xc0, 0x39, 0x2b, 40));
    } else if (text.startsWith(QLatin1String("@@"))) {
      f.setForeground(QColor(0x2a, 0x6f, 0xb0));
    } else {
      return;
    }
    setFormat(0, int(text.size()), f);
  }
};

struct Comparison {
  store::Generation before, after;
  std::string diff;
};

QString q(const std::string& s) { return QString::fromStdString(s); }

QString trackScore(const store::Generation& g, const std::string& track) {
  for (const auto& s : g.scores)
    if (s.track == track) return formatScore(s.score);
  return QStringLiteral("—");
}

QString holeCount(const nlohmann::json& facts) {
  const QString text = formatHoles(facts);
  return text.isEmpty() ? QStringLiteral("—") : text;
}

QString orDash(const QString& s) { return s.isEmpty() ? QStringLiteral("—") : s; }

}  // namespace

VersionCompareDialog::VersionCompareDialog(StoreWorker& store, qint64 before, qint64 after, QWidget* parent)
    : QDialog(parent), m_before(before), m_after(after) {
  setObjectName("versionCompareDialog");
  setWindowTitle(tr("Compare versions %1 and %2").arg(before).arg(after));
  resize(980, 680);
  auto* layout = new QVBoxLayout(this);
  m_status = new QLabel(tr("Loading both versions…"), this);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  m_table = new QTableWidget(0, 2, splitter);
  m_table->setObjectName("compareFacts");
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_diff = new QPlainTextEdit(splitter);
  m_diff->setObjectName("compareDiff");
  m_diff->setReadOnly(true);
  m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  new DiffHighlighter(m_diff->document());
  splitter->addWidget(m_table);
  splitter->addWidget(m_diff);
  splitter->setSizes({340, 300});  // the whole facts table, and the diff below it
  layout->addWidget(splitter, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);

  store.run<Comparison>(
      this,
      [before, after](store::Store& s) {
        Comparison c;
        c.before = s.generations().get(before);
        c.after = s.generations().get(after);
        c.diff = unifiedDiff(c.before.finalCode.value_or(""), c.after.finalCode.value_or(""),
                             "version " + std::to_string(before), "version " + std::to_string(after));
        return c;
      },
      [this](Comparison c) {
        const store::Generation& a = c.before;
        const store::Generation& b = c.after;
        m_table->setHorizontalHeaderLabels({tr("Version %1 (old)").arg(a.id), tr("Version %1 (new)").arg(b.id)});
        const auto created = [](const store::Generation& g) {
          return QDateTime::fromMSecsSinceEpoch(g.createdMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        };
        const std::vector<std::tuple<QString, QString, QString>> rows = {
            {tr("Request"), q(a.request), q(b.request)},
            {tr("Status"), q(a.status), q(b.status)},
            {tr("Created"), created(a), created(b)},
            {tr("Size"), orDash(formatBoxSize(a.facts)), orDash(formatBoxSize(b.facts))},
            {tr("Volume"), orDash(formatVolume(a.facts)), orDash(formatVolume(b.facts))},
            {tr("Solids"), a.facts.is_object() ? QString::number(a.facts.value("solids", 0)) : QStringLiteral("—"),
             b.facts.is_object() ? QString::number(b.facts.value("solids", 0)) : QStringLiteral("—")},
            {tr("Holes"), holeCount(a.facts), holeCount(b.facts)},
            {tr("Score"), formatScore(a.compositeScore), formatScore(b.compositeScore)},
            {tr("Assertions track"), trackScore(a, "assertions"), trackScore(b, "assertions")},
            {tr("Code review track"), trackScore(a, "code_review"), trackScore(b, "code_review")},
            {tr("Visual track"), trackScore(a, "visual"), trackScore(b, "visual")},
            {tr("Tokens"), formatTokens(a.totals), formatTokens(b.totals)},
            {tr("Cost"), formatCost(a.totals.costUsd), formatCost(b.totals.costUsd)},
        };
        m_table->setRowCount(int(rows.size()));
        int r = 0;
        for (const auto& [label, left, right] : rows) {
          m_table->setVerticalHeaderItem(r, new QTableWidgetItem(label));
          auto* l = new QTableWidgetItem(left);
          auto* rt = new QTableWidgetItem(right);
          l->setToolTip(left);
          rt->setToolTip(right);
          // Rows that changed stand out; the eye goes to them first.
          if (left != right && label != tr("Created")) {
            const QColor changed(0xf1, 0xc4, 0x0f, 70);
            l->setBackground(changed);
            rt->setBackground(changed);
          }
          m_table->setItem(r, 0, l);
          m_table->setItem(r, 1, rt);
          ++r;
        }
        if (c.diff.empty())
          m_diff->setPlainText(a.finalCode || b.finalCode ? tr("The two versions have the same code.")
                                                          : tr("Neither version has code."));
        else
          m_diff->setPlainText(q(c.diff));
        m_status->setText(tr("Version %1 → version %2: the table compares what they measured and scored; below, the "
                             "change to the code.")
                              .arg(a.id)
                              .arg(b.id));
        m_loaded = true;
        emit loaded();
      },
      [this](const QString& message) {
        m_status->setText(tr("Could not compare the versions: %1").arg(message));
        emit errorOccurred(message);
      });
}

QString VersionCompareDialog::diffText() const { return m_diff->toPlainText(); }

QPair<QString, QString> VersionCompareDialog::row(const QString& label) const {
  for (int r = 0; r < m_table->rowCount(); ++r)
    if (m_table->verticalHeaderItem(r) && m_table->verticalHeaderItem(r)->text() == label)
      return {m_table->item(r, 0)->text(), m_table->item(r, 1)->text()};
  return {};
}

}  // namespace partsmith::app
