#include "app/category_cards.h"

#include <map>

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "app/store_worker.h"
#include "store/curriculum_loader.h"
#include "store/database.h"
#include "store/store.h"

namespace partsmith::app {

std::vector<CategoryStats> categoryStats(store::Store& s) {
  std::vector<CategoryStats> out;
  std::map<std::string, size_t> index;
  for (const auto& c : store::curriculumCategories()) {
    index[c.id] = out.size();
    CategoryStats stats;
    stats.id = c.id;
    stats.title = c.title;
    stats.level = c.level;
    out.push_back(std::move(stats));
  }
  auto entry = [&](const std::string& id) -> CategoryStats& {
    auto it = index.find(id);
    if (it == index.end()) {
      it = index.emplace(id, out.size()).first;
      CategoryStats stats;
      stats.id = stats.title = id;
      out.push_back(std::move(stats));
    }
    return out[it->second];
  };
  {
    store::Statement st(s.db(),
                        "SELECT category, count(*) FROM workbench_prompts WHERE archived = 0 GROUP BY category "
                        "ORDER BY category");
    while (st.step()) entry(st.getText(0)).prompts = static_cast<int>(st.getInt(1));
  }
  // "Approved" is the library's word, so a review decision shows up here at once.
  store::Statement st(
      s.db(),
      "SELECT p.category, count(*), "
      "sum(EXISTS (SELECT 1 FROM library_examples l WHERE l.source_generation_id = i.generation_id "
      "AND l.status = 'approved')), "
      "avg(CASE WHEN i.status = 'succeeded' THEN g.composite_score END) "
      "FROM run_items i JOIN runs r ON r.id = i.run_id JOIN workbench_prompts p ON p.id = i.prompt_id "
      "LEFT JOIN generations g ON g.id = i.generation_id "
      "WHERE r.experiment_id IS NULL AND i.status IN ('succeeded', 'failed') GROUP BY p.category");
  while (st.step()) {
    CategoryStats& c = entry(st.getText(0));
    c.finished = static_cast<int>(st.getInt(1));
    c.approved = static_cast<int>(st.getInt(2));
    c.avgScore = st.getOptDouble(3);
  }
  return out;
}

CategoryCards::CategoryCards(StoreWorker& store, QWidget* parent) : QWidget(parent), m_store(store) {
  auto* layout = new QVBoxLayout(this);
  m_status = new QLabel(tr("Loading categories…"), this);
  layout->addWidget(m_status);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  m_grid = new QWidget(scroll);
  m_layout = new QGridLayout(m_grid);
  m_layout->setSpacing(12);
  scroll->setWidget(m_grid);
  layout->addWidget(scroll, 1);
}

QFrame* CategoryCards::card(const QString& categoryId) const {
  return m_grid->findChild<QFrame*>(QStringLiteral("card:") + categoryId);
}

void CategoryCards::refresh() {
  m_busy = true;
  m_store.run<std::vector<CategoryStats>>(
      this, [](store::Store& s) { return categoryStats(s); },
      [this](std::vector<CategoryStats> stats) {
        m_busy = false;
        display(std::move(stats));
        emit loaded();
      },
      [this](const QString& message) {
        m_busy = false;
        m_status->setText(tr("Could not read the categories: %1").arg(message));
        emit failed(message);
      });
}

void CategoryCards::display(std::vector<CategoryStats> stats) {
  m_stats = std::move(stats);
  while (QLayoutItem* item = m_layout->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  int prompts = 0, finished = 0, approved = 0;
  const int columns = 3;
  for (size_t i = 0; i < m_stats.size(); ++i) {
    const CategoryStats& c = m_stats[i];
    prompts += c.prompts;
    finished += c.finished;
    approved += c.approved;
    auto* card = new QFrame(m_grid);
    card->setObjectName(QStringLiteral("card:") + QString::fromStdString(c.id));
    card->setFrameShape(QFrame::StyledPanel);
    card->setMinimumWidth(220);
    auto* v = new QVBoxLayout(card);
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(QString::fromStdString(c.title).toHtmlEscaped()), card);
    title->setObjectName("title");
    v->addWidget(title);
    auto* level = new QLabel(c.level > 0 ? tr("Level %1 · %2").arg(c.level).arg(QString::fromStdString(c.id))
                                         : tr("Your category"),
                             card);
    level->setEnabled(false);
    v->addWidget(level);
    auto line = [&](const char* name, const QString& text) {
      auto* l = new QLabel(text, card);
      l->setObjectName(QString::fromLatin1(name));
      v->addWidget(l);
    };
    line("prompts", (c.prompts == 1 ? tr("1 prompt") : tr("%1 prompts").arg(c.prompts)));
    line("approval", c.finished > 0 ? tr("Approved: %1% of %2 finished")
                                          .arg(qRound(c.approvalRate() * 100))
                                          .arg(c.finished)
                                    : tr("Approved: — (nothing run yet)"));
    line("score", c.avgScore ? tr("Average score: %1").arg(*c.avgScore, 0, 'f', 1) : tr("Average score: —"));
    v->addStretch(1);
    auto* gallery = new QPushButton(tr("Approved examples →"), card);
    gallery->setObjectName("galleryButton");
    gallery->setFlat(true);
    gallery->setToolTip(tr("Show this category's approved examples in the gallery"));
    const QString id = QString::fromStdString(c.id);
    connect(gallery, &QPushButton::clicked, this, [this, id] { emit galleryRequested(id); });
    v->addWidget(gallery, 0, Qt::AlignRight);
    m_layout->addWidget(card, int(i) / columns, int(i) % columns);
  }
  m_status->setText(tr("%1 categories, %2 prompts; %3 of %4 finished batch results approved")
                        .arg(m_stats.size())
                        .arg(prompts)
                        .arg(approved)
                        .arg(finished));
}

}  // namespace partsmith::app
