#include "app/script_runner.h"

#include <algorithm>
#include <chrono>

#include <BRepMesh_IncrementalMesh.hxx>
#include <BinTools.hxx>
#include <Bnd_Box.hxx>
#include <Prs3d_Drawer.hxx>
#include <Standard_Failure.hxx>
#include <StdPrs_ToolTriangulatedShape.hxx>
#include <QMetaObject>

#include "kernel/color.h"
#include "kernel/shape_utils.h"

namespace partsmith::app {
using json = nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

script::ScriptError errorFrom(const json& e) {
  script::ScriptError error;
  error.kind = e.value("kind", "");
  error.message = e.value("message", "");
  error.line = e.value("line", 0);
  error.column = e.value("column", 0);
  error.source = e.value("source", "");
  error.hint = e.value("hint", "");
  return error;
}

script::ScriptError appError(const std::string& message, const std::string& hint = {}) {
  script::ScriptError error;
  error.kind = "app";
  error.message = message;
  error.hint = hint;
  return error;
}

// Triangulates like AIS would for its default drawer (relative deflection, 20°), so the
// presentation reuses this mesh instead of meshing on the GUI thread.
void triangulateForDisplay(const TopoDS_Shape& shape) {
  Handle(Prs3d_Drawer) drawer = new Prs3d_Drawer();
  const double deflection = StdPrs_ToolTriangulatedShape::GetDeflection(shape, drawer);
  BRepMesh_IncrementalMesh mesher(shape, deflection, false, drawer->DeviationAngle(), true);
}

void addToBox(BoundingBox& box, const TopoDS_Shape& shape) {
  Bnd_Box one = kernel::tightBoundingBox(shape);
  if (one.IsVoid()) return;
  double lo[3], hi[3];
  one.Get(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]);
  for (int i = 0; i < 3; ++i) {
    box.min[i] = box.valid ? std::min(box.min[i], lo[i]) : lo[i];
    box.max[i] = box.valid ? std::max(box.max[i], hi[i]) : hi[i];
  }
  box.valid = true;
}

}  // namespace

ScriptRunner::ScriptRunner(worker::KernelClientOptions options, QObject* parent)
    : QObject(parent), m_client(std::move(options)) {
  m_busyDelay.setSingleShot(true);
  m_busyDelay.setInterval(kPreviewBusyDelayMs);
  connect(&m_busyDelay, &QTimer::timeout, this, [this] {
    if (m_running) showBusy();
  });
  m_thread = std::thread([this] { loop(); });
}

ScriptRunner::~ScriptRunner() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
    m_preview.reset();
    m_exports.clear();
  }
  m_wake.notify_all();
  m_client.cancel();  // a long run returns at once as "cancelled"
  if (m_thread.joinable()) m_thread.join();
}

std::uint64_t ScriptRunner::runPreview(const std::string& source) {
  std::uint64_t id;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_preview) ++m_dropped;
    id = m_nextId++;
    m_preview = Job{id, RunOutcome::Kind::Preview, source, {}};
  }
  m_wake.notify_all();
  return id;
}

std::uint64_t ScriptRunner::runExport(const std::string& source, const std::vector<ExportRequest>& exports) {
  std::uint64_t id;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    id = m_nextId++;
    m_exports.push_back(Job{id, RunOutcome::Kind::Export, source, exports});
  }
  m_wake.notify_all();
  return id;
}

bool ScriptRunner::cancelExport(std::uint64_t id) {
  std::shared_ptr<RunOutcome> dropped;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_runningId == id) {
      // Under the lock, so the loop cannot move on to the next job and lose that one instead.
      m_client.cancel();
      return true;
    }
    auto it = std::find_if(m_exports.begin(), m_exports.end(), [id](const Job& job) { return job.id == id; });
    if (it == m_exports.end()) return false;
    m_exports.erase(it);
    dropped = std::make_shared<RunOutcome>();
    dropped->kind = RunOutcome::Kind::Export;
    dropped->id = id;
  }
  script::ScriptError error;
  error.kind = "cancelled";
  error.message = "the job was cancelled";
  dropped->errors.push_back(error);
  deliver(std::move(dropped));
  return true;
}

void ScriptRunner::warmUp() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_warmUp = true;
  }
  m_wake.notify_all();
}

int ScriptRunner::queuedPreviews() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_preview ? 1 : 0;
}

void ScriptRunner::onRunStarted(bool preview) {
  m_running = true;
  if (m_busyShown) return;
  if (!preview)
    showBusy();  // exports take long: say so at once
  else if (!m_busyDelay.isActive())
    m_busyDelay.start();
}

void ScriptRunner::showBusy() {
  m_busyShown = true;
  emit busyChanged(true);
}

void ScriptRunner::onIdle() {
  m_running = false;
  m_busyDelay.stop();
  if (!m_busyShown) return;
  m_busyShown = false;
  emit busyChanged(false);
}

void ScriptRunner::loop() {
  for (;;) {
    Job job;
    bool warm = false;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || m_warmUp || m_preview || !m_exports.empty(); });
      if (m_stop) return;
      if (!m_exports.empty()) {  // an export was asked for explicitly: it goes first
        job = std::move(m_exports.front());
        m_exports.pop_front();
        m_runningId = job.id;
      } else if (m_preview) {
        job = std::move(*m_preview);
        m_preview.reset();
      } else {
        warm = true;
      }
      m_warmUp = false;
    }
    if (warm) {
      m_client.warmUp();
      continue;
    }
    const bool preview = job.kind == RunOutcome::Kind::Preview;
    QMetaObject::invokeMethod(this, [this, preview] { onRunStarted(preview); }, Qt::QueuedConnection);
    std::shared_ptr<RunOutcome> outcome = execute(job);
    bool idle;
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_runningId = 0;
      idle = !m_preview && m_exports.empty();
    }
    deliver(std::move(outcome));
    if (idle) QMetaObject::invokeMethod(this, [this] { onIdle(); }, Qt::QueuedConnection);
  }
}

std::shared_ptr<RunOutcome> ScriptRunner::execute(const Job& job) {
  auto outcome = std::make_shared<RunOutcome>();
  outcome->kind = job.kind;
  outcome->id = job.id;

  json request = {{"op", "run"}, {"source", job.source}, {"facts", false}};
  if (job.kind == RunOutcome::Kind::Preview) {
    request["brep"] = true;
  } else {
    json exports = json::array();
    for (const auto& e : job.exports)
      exports.push_back({{"path", e.path}, {"tolerance", e.tolerance}, {"angular_tolerance_deg", e.angularToleranceDeg},
                         {"merged", e.merged}, {"ascii", e.asciiStl},
                         {"per_part_files", e.perPartFiles}});
    request["exports"] = exports;
  }

  const auto sent = Clock::now();
  json reply = m_client.request(request);
  outcome->roundTripMs = msSince(sent);
  outcome->ok = reply.value("ok", false);
  if (reply.contains("errors") && reply["errors"].is_array())
    for (const auto& e : reply["errors"]) outcome->errors.push_back(errorFrom(e));
  if (reply.contains("parameters") && reply["parameters"].is_array()) outcome->parameters = reply["parameters"];
  if (reply.contains("log") && reply["log"].is_array())
    for (const auto& line : reply["log"])
      if (line.is_string()) outcome->log.push_back(line.get<std::string>());
  if (reply.contains("notes") && reply["notes"].is_array())
    for (const auto& note : reply["notes"])
      if (note.is_string()) outcome->notes.push_back(note.get<std::string>());
  if (reply.contains("timing")) outcome->workerMs = reply["timing"].value("total_ms", 0.0);
  if (reply.contains("outputs"))
    for (const auto& out : reply["outputs"])
      if (out.value("kind", "") == "export") outcome->outputs.push_back(out.value("path", ""));

  if (job.kind != RunOutcome::Kind::Preview || !reply.contains("parts")) return outcome;

  // The worker removes these files at its next job; read them before asking it anything else.
  const auto loadStart = Clock::now();
  for (const auto& entry : reply["parts"]) {
    kernel::Part part;
    part.name = entry.value("name", "");
    if (entry.contains("color") && entry["color"].is_string())
      part.color = kernel::Color::parse(entry["color"].get<std::string>());
    const std::string path = entry.value("brep", "");
    if (path.empty()) continue;
    try {
      if (!BinTools::Read(part.shape, path.c_str()) || part.shape.IsNull()) {
        outcome->errors.push_back(appError("cannot read the shape of part \"" + part.name + "\" from " + path,
                                           "run the script again; if this repeats, the temp directory may be full"));
        outcome->ok = false;
        continue;
      }
      triangulateForDisplay(part.shape);
      addToBox(outcome->box, part.shape);
    } catch (const Standard_Failure& e) {
      outcome->errors.push_back(appError("cannot prepare part \"" + part.name + "\" for display: " +
                                         e.GetMessageString()));
      outcome->ok = false;
      continue;
    }
    outcome->parts.push_back(std::move(part));
  }
  outcome->loadMs = msSince(loadStart);
  return outcome;
}

void ScriptRunner::deliver(std::shared_ptr<RunOutcome> outcome) {
  const bool preview = outcome->kind == RunOutcome::Kind::Preview;
  outcome->readyAt = Clock::now();
  std::shared_ptr<const RunOutcome> done = std::move(outcome);
  QMetaObject::invokeMethod(
      this,
      [this, done, preview] {
        if (preview)
          emit previewFinished(done);
        else
          emit exportFinished(done);
      },
      Qt::QueuedConnection);
}

}  // namespace partsmith::app
