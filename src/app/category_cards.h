// The workbench's overview: one card per curriculum category (the shipped ladder, then the
// user's own categories) with its prompt count, the share of finished batch results that are
// approved in the library (automatically or in review) and their average score.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <QWidget>

class QGridLayout;
class QLabel;
class QFrame;

namespace partsmith::store {
class Store;
}

namespace partsmith::app {

class StoreWorker;

struct CategoryStats {
  std::string id;     // "brackets-and-mounts"
  std::string title;  // "Brackets and mounts"
  int level = 0;      // rung on the ladder; 0 for a user's own category
  int prompts = 0;    // not archived
  int finished = 0;   // finished items of batch runs (experiments vary settings, so not counted)
  int approved = 0;   // of those, approved in the library
  std::optional<double> avgScore;  // composite, over the succeeded ones
  double approvalRate() const { return finished > 0 ? double(approved) / finished : 0.0; }
};

// Reads the numbers; runs on the StoreWorker's thread.
std::vector<CategoryStats> categoryStats(store::Store& store);

class CategoryCards : public QWidget {
  Q_OBJECT
 public:
  explicit CategoryCards(StoreWorker& store, QWidget* parent = nullptr);

  const std::vector<CategoryStats>& stats() const { return m_stats; }
  QFrame* card(const QString& categoryId) const;  // objectName "card:<id>"
  bool isBusy() const { return m_busy; }

 public slots:
  void refresh();

 signals:
  void loaded();
  void galleryRequested(const QString& categoryId);
  void failed(const QString& message);

 private:
  void display(std::vector<CategoryStats> stats);

  StoreWorker& m_store;
  QWidget* m_grid = nullptr;
  QGridLayout* m_layout = nullptr;
  QLabel* m_status = nullptr;
  std::vector<CategoryStats> m_stats;
  bool m_busy = false;
};

}  // namespace partsmith::app
