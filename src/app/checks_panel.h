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
  // Facts of the part on screen when it is not what the version's record measured (sliders
  // moved, code edited, no version at all): a "Part as shown" section at the top, kept across
  // reloads of the version's checks until replaced; null removes it.
  // `caption`: short, beside the section's name; `values`: the parameter values it was built with.
  void setLiveFacts(const nlohmann::json& facts, const QString& caption = {}, const QString& values = {});
  bool hasLiveFacts() const { return !m_liveFacts.is_null(); }
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
  void addLiveSection();

  StoreWorker& m_store;
  qint64 m_generationId = 0;
  quint64 m_loadSeq = 0;
  QLabel* m_headline = nullptr;
  QLabel* m_interpretation = nullptr;
  QTreeWidget* m_tree = nullptr;
  nlohmann::json m_liveFacts;
  QString m_liveCaption;
  QString m_liveValues;
};

}  // namespace partsmith::app
