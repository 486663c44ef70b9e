// Runs scripts in the warm kernel worker on a background thread so the GUI never waits for
// the kernel. Previews follow "newest wins": a new preview replaces the one still queued, so a
// slider drag costs at most one run behind the pointer. Exports queue and are never dropped.
// Results come back on the GUI thread through the signals.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <QObject>
#include <QTimer>
#include <nlohmann/json.hpp>

#include "app/run_outcome.h"
#include "worker/client/kernel_client.h"

namespace partsmith::app {

struct ExportRequest {
  std::string path;          // the format follows the extension (.stl .step .3mf)
  double tolerance = 0;      // mm, chordal deflection for STL/3MF; 0 = size-relative default
  double angularToleranceDeg = 20;
  bool merged = false;       // one body/object for all parts
  bool perPartFiles = false; // one file per part, "<stem>-<part><ext>" beside `path`
  bool asciiStl = false;
};

class ScriptRunner : public QObject {
  Q_OBJECT
 public:
  explicit ScriptRunner(worker::KernelClientOptions options = {}, QObject* parent = nullptr);
  ~ScriptRunner() override;

  // Queues a preview run; an older queued preview is dropped. Returns the request's id.
  std::uint64_t runPreview(const std::string& source);
  // Queues an export of `source`'s parts to the given files.
  std::uint64_t runExport(const std::string& source, const std::vector<ExportRequest>& exports);
  // Cancels an export: a queued one is dropped, a running one's worker is killed (the next run
  // starts a fresh worker; the exporter's temporary files are left behind, see
  // ExportController). exportFinished then reports a "cancelled" error, unless the export had
  // already finished. Returns false when the id is neither queued nor running. A cancel that
  // lands just before the job reaches the worker can be missed: call again while it runs.
  bool cancelExport(std::uint64_t id);
  // Starts the worker process now so the first run pays no start-up.
  void warmUp();

  int queuedPreviews() const;
  // A preview shorter than this never reports busy: flashing "running…" for a 20 ms run is
  // noise, and each label change costs the whole window a GL compose while the kernel works.
  static constexpr int kPreviewBusyDelayMs = 250;
  std::uint64_t droppedPreviews() const { return m_dropped; }

 signals:
  void previewFinished(std::shared_ptr<const partsmith::app::RunOutcome> outcome);
  void exportFinished(std::shared_ptr<const partsmith::app::RunOutcome> outcome);
  void busyChanged(bool busy);

 private:
  struct Job {
    std::uint64_t id = 0;
    RunOutcome::Kind kind = RunOutcome::Kind::Preview;
    std::string source;
    std::vector<ExportRequest> exports;
  };
  void loop();
  std::shared_ptr<RunOutcome> execute(const Job& job);
  void deliver(std::shared_ptr<RunOutcome> outcome);
  // GUI thread: busy bookkeeping for the runs the loop starts and finishes.
  void onRunStarted(bool preview);
  void onIdle();
  void showBusy();

  worker::KernelClient m_client;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::optional<Job> m_preview;
  std::deque<Job> m_exports;
  bool m_warmUp = false;
  bool m_stop = false;
  std::uint64_t m_nextId = 1;
  std::uint64_t m_runningId = 0;  // the job the loop is executing (0: none)
  std::uint64_t m_dropped = 0;
  QTimer m_busyDelay;       // GUI thread
  bool m_running = false;   // GUI thread: a run started and the loop has not gone idle since
  bool m_busyShown = false; // GUI thread: busyChanged(true) was emitted
  std::thread m_thread;
};

}  // namespace partsmith::app
