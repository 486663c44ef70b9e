#include "app/gallery_view.h"

#include <algorithm>
#include <tuple>
#include <set>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "app/store_worker.h"
#include "store/database.h"
#include "store/store.h"

namespace partsmith::app {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

GalleryPage loadGallery(store::Store& s, const GalleryQuery& query) {
  GalleryPage page;
  store::LibraryFilter filter;
  filter.status = std::string("approved");
  if (!query.category.empty()) filter.category = query.category;
  filter.limit = query.limit;
  if (query.text.empty()) {
    page.examples = s.library().list(filter);
    // By category, then simpler first: the gallery reads like the curriculum ladder.
    std::stable_sort(page.examples.begin(), page.examples.end(), [](const auto& a, const auto& b) {
      return std::tie(a.category, a.complexity) < std::tie(b.category, b.complexity);
    });
  } else {
    for (auto& hit : s.library().search(query.text, filter)) page.examples.push_back(std::move(hit.example));
  }
  store::Statement st(s.db(), "SELECT DISTINCT category FROM library_examples WHERE status = 'approved' ORDER BY category");
  while (st.step()) page.categories.push_back(st.getText(0));
  return page;
}

GalleryView::GalleryView(StoreWorker& store, QWidget* parent) : QWidget(parent), m_store(store) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  m_category = new QComboBox(this);
  m_category->setObjectName("galleryCategory");
  m_category->addItem(tr("All categories"), QString());
  m_search = new QLineEdit(this);
  m_search->setObjectName("gallerySearch");
  m_search->setPlaceholderText(tr("Search prompts, titles, techniques and code"));
  m_search->setClearButtonEnabled(true);
  bar->addWidget(m_category);
  bar->addWidget(m_search, 1);
  layout->addLayout(bar);
  m_status = new QLabel(this);
  layout->addWidget(m_status);

  auto* split = new QSplitter(Qt::Horizontal, this);
  m_list = new QListWidget(split);
  m_list->setObjectName("galleryList");
  m_list->setMinimumWidth(280);
  auto* detail = new QWidget(split);
  auto* d = new QVBoxLayout(detail);
  d->setContentsMargins(0, 0, 0, 0);
  m_title = new QLabel(detail);
  m_title->setWordWrap(true);
  m_title->setTextFormat(Qt::RichText);
  d->addWidget(m_title);
  m_code = new QPlainTextEdit(detail);
  m_code->setReadOnly(true);
  m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_code->setFont(QFont(QStringLiteral("monospace")));
  d->addWidget(m_code, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  m_remix = new QPushButton(tr("Remix"), detail);
  m_remix->setToolTip(tr("Start a new conversation from this example"));
  buttons->addWidget(m_remix);
  d->addLayout(buttons);
  split->addWidget(m_list);
  split->addWidget(detail);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);

  m_debounce = new QTimer(this);
  m_debounce->setSingleShot(true);
  m_debounce->setInterval(250);
  connect(m_debounce, &QTimer::timeout, this, &GalleryView::refresh);
  connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
  connect(m_category, qOverload<int>(&QComboBox::currentIndexChanged), this, &GalleryView::refresh);
  connect(m_list, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
  connect(m_list, &QListWidget::itemDoubleClicked, this, &GalleryView::remixCurrent);
  connect(m_remix, &QPushButton::clicked, this, &GalleryView::remixCurrent);
  showCurrent();
}

void GalleryView::setSearchDelayMs(int ms) { m_debounce->setInterval(ms); }

void GalleryView::refresh() {
  m_debounce->stop();
  m_busy = true;
  GalleryQuery q;
  q.category = m_category->currentData().toString().toStdString();
  q.text = m_search->text().trimmed().toStdString();
  const int generation = ++m_generation;
  m_store.run<GalleryPage>(
      this, [q](store::Store& s) { return loadGallery(s, q); },
      [this, generation](GalleryPage page) {
        if (generation != m_generation) return;
        m_busy = false;
        display(std::move(page));
        emit loaded();
      },
      [this, generation](const QString& message) {
        if (generation != m_generation) return;
        m_busy = false;
        m_status->setText(tr("Could not read the library: %1").arg(message));
        emit failed(message);
      });
}

void GalleryView::display(GalleryPage page) {
  {
    // Keep the filter's choice while its list of categories follows the library.
    const QSignalBlocker block(m_category);
    const QString current = m_category->currentData().toString();
    while (m_category->count() > 1) m_category->removeItem(1);
    for (const auto& c : page.categories)
      if (!c.empty()) m_category->addItem(qs(c), qs(c));
    int at = m_category->findData(current);
    if (at < 0 && !current.isEmpty()) {  // a category without approved examples yet
      m_category->addItem(current, current);
      at = m_category->count() - 1;
    }
    m_category->setCurrentIndex(at < 0 ? 0 : at);
  }
  m_examples = std::move(page.examples);
  const QSignalBlocker block(m_list);
  m_list->clear();
  for (const auto& e : m_examples) {
    auto* row = new QListWidgetItem(
        QStringLiteral("%1\n%2%3")
            .arg(qs(e.title), e.category.empty() ? tr("uncategorised") : qs(e.category),
                 e.score ? tr(" · score %1").arg(*e.score, 0, 'f', 1) : QString()),
        m_list);
    row->setData(Qt::UserRole, QVariant::fromValue<qint64>(e.id));
    row->setToolTip(qs(e.prompt));
  }
  m_list->setCurrentRow(m_examples.empty() ? -1 : 0);
  const QString search = m_search->text().trimmed();
  if (m_examples.empty())
    m_status->setText(search.isEmpty() ? tr("No approved examples yet.")
                                       : tr("No approved example matches \"%1\".").arg(search));
  else m_status->setText((m_examples.size() == 1 ? tr("1 approved example") : tr("%1 approved examples").arg(m_examples.size())));
  showCurrent();
}

void GalleryView::showCurrent() {
  const int row = m_list->currentRow();
  const bool has = row >= 0 && row < int(m_examples.size());
  m_remix->setEnabled(has);
  if (!has) {
    m_title->clear();
    m_code->clear();
    return;
  }
  const auto& e = m_examples[row];
  QStringList meta;
  if (!e.category.empty()) meta << qs(e.category);
  if (e.complexity > 0) meta << tr("complexity %1").arg(e.complexity);
  meta << tr("source: %1").arg(qs(e.source));
  if (!e.techniques.empty()) {
    QStringList t;
    for (const auto& s : e.techniques) t << qs(s);
    meta << t.join(", ");
  }
  m_title->setText(QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                       .arg(qs(e.title).toHtmlEscaped(), meta.join(QStringLiteral(" · ")).toHtmlEscaped(),
                            qs(e.prompt).toHtmlEscaped()));
  m_code->setPlainText(qs(e.code));
}

void GalleryView::showCategory(const QString& category) {
  {
    const QSignalBlocker blockSearch(m_search);
    const QSignalBlocker blockCategory(m_category);
    m_search->clear();
    int at = m_category->findData(category);
    if (at < 0 && !category.isEmpty()) {
      m_category->addItem(category, category);
      at = m_category->count() - 1;
    }
    m_category->setCurrentIndex(at < 0 ? 0 : at);
  }
  refresh();
}

void GalleryView::remixCurrent() {
  const int row = m_list->currentRow();
  if (row < 0 || row >= int(m_examples.size())) return;
  emit remixRequested(m_examples[row].id, qs(m_examples[row].code));
}

}  // namespace partsmith::app
