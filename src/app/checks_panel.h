// The Checks tab: for a generation, what was asked (the spec's interpretation), how it was
// checked (the checklist with pass/fail/uncertain per evaluation track, the assertion
// results, the track scores and the composite), what was measured (size, volume, estimated
// filament mass, holes, solid check…) and what it cost (tokens and cost per stage). With only
// a kernel run (a hand edit, a slider drag) it shows the facts alone.
#pragma once
#include <cstdint>

#include <QWidget>
#include <nlohmann/json.hpp>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace partsmith::store {
struct Generation;
}

namespace partsmith::app {

class StoreWorker;

class ChecksPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ChecksPanel(StoreWorker& store, QWidget* parent = nullptr);

  // Loads the generation in the background, then shows it (signal loaded()).
  void showGeneration(qint64 generationId);
  // Shows a generation the caller already has (e.g. the pipeline's record).
  void showGenerationRecord(const store::Generation& generation);
  // Facts only: the `facts` object of a kernel run reply (kernel/facts.h layout).
  void showFacts(const nlohmann::json& facts, const QString& title = {});
  void clear();

  qint64 generationId() const { return m_generationId; }
  QTreeWidget* tree() const { return m_tree; }
  QLabel* headline() const { return m_headline; }
  QLabel* interpretation() const { return m_interpretation; }
  // The section's top-level item ("Checklist", "Assertions", "Scores", "Facts", "Usage"), or null.
  QTreeWidgetItem* section(const QString& name) const;

 signals:
  void loaded(qint64 generationId);
  void errorOccurred(const QString& message);

 private:
  QTreeWidgetItem* addSection(const QString& name);
  void addFacts(const nlohmann::json& facts);

  StoreWorker& m_store;
  qint64 m_generationId = 0;
  quint64 m_loadSeq = 0;
  QLabel* m_headline = nullptr;
  QLabel* m_interpretation = nullptr;
  QTreeWidget* m_tree = nullptr;
};

}  // namespace partsmith::app
