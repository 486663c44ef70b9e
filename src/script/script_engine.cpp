#include "script/script_engine.h"

#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <exception>
#include <functional>
#include <set>
#include <thread>

#include <QCoreApplication>
#include <QJSEngine>
#include <OSD.hxx>
#include <TopExp_Explorer.hxx>

#include "kernel/kernel_error.h"
#include "script/engine_session.h"
#include "script/error_translator.h"
#include "script/native_bridge.h"
#include "script/parameter_parser.h"
#include "script/script_host.h"
#include "script/source_preprocessor.h"
#include "script/value_conversion.h"

namespace partsmith::script {

namespace {

using Clock = std::chrono::steady_clock;

// Where the epilogue leaves the script's `result`: QJSEngine does not share top-level
// let/const bindings between evaluate() calls, so it is read at the end of the script itself.
constexpr const char* kResultSlot = "__partsmith_result";

// Stops the engine after the time limit unless the run finishes first.
class Watchdog {
 public:
  Watchdog(QJSEngine& engine, int timeoutMs) : m_engine(engine) {
    m_thread = std::thread([this, timeoutMs] {
      std::unique_lock<std::mutex> lock(m_mutex);
      if (!m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return m_done; })) {
        m_fired = true;
        m_engine.setInterrupted(true);
      }
    });
  }
  ~Watchdog() { stop(); }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_done = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
  }
  bool fired() const { return m_fired; }

 private:
  QJSEngine& m_engine;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_done = false;
  std::atomic<bool> m_fired{false};
  std::thread m_thread;
};

std::string secondsText(int ms) {
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", ms / 1000.0);
  return buf;
}

bool hasFaces(const TopoDS_Shape& shape) {
  return TopExp_Explorer(shape, TopAbs_FACE).More();
}

}  // namespace

const char* ScriptEngine::scriptFileName() { return "partsmith-script.js"; }

// The script thread. It prepares a fresh EngineSession, waits for a run, runs it, hands the
// result back and only then tears the engine down and prepares the next one: start-up and
// teardown overlap the caller's work on the previous result (tessellation, IPC) instead of
// adding to the next run's latency. Every engine lives and dies on this one thread.
struct ScriptEngine::ScriptThread {
  std::mutex mutex;
  std::condition_variable cv;
  std::function<void(EngineSession&)> task;
  bool hasTask = false, finished = false, stopping = false;
  std::exception_ptr failure;
  std::thread thread;

  ScriptThread() {
    thread = std::thread([this] { loop(); });
    std::lock_guard<std::mutex> lock(registryMutex());
    registry().insert(this);
  }
  ~ScriptThread() {
    {
      std::lock_guard<std::mutex> lock(registryMutex());
      registry().erase(this);
    }
    stop();
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    cv.notify_all();
    if (thread.joinable()) thread.join();
  }

  // A ScriptEngine that is itself a static is destroyed during exit(), possibly after the
  // statics the next engine's preparation reads. Preparation is therefore stopped by an
  // exit handler registered once the first preparation has built those statics: handlers
  // run in reverse order of registration, so this one runs before they are destroyed.
  static std::mutex& registryMutex() {
    static auto* m = new std::mutex;  // never destroyed: used during exit
    return *m;
  }
  static std::set<ScriptThread*>& registry() {
    static auto* r = new std::set<ScriptThread*>;
    return *r;
  }
  static void stopAllAtExit() {
    std::lock_guard<std::mutex> lock(registryMutex());
    for (ScriptThread* t : registry()) t->stop();
  }

  void loop() {
    // Kernel faults in OCC_CATCH_SIGNALS scopes on this thread become exceptions, as on the
    // thread that set the process-wide handlers.
    OSD::SetThreadLocalSignal(OSD_SignalMode_Set, false);
    for (;;) {
      std::unique_ptr<EngineSession> session;
      try {
        session = std::make_unique<EngineSession>();
        session->loadModulesFor({});  // a failure is reported by the run that needs the module
      } catch (...) {
        session.reset();
      }
      std::function<void(EngineSession&)> next;
      {
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait(lock, [this] { return hasTask || stopping; });
        if (stopping) return;
        next = std::move(task);
        hasTask = false;
      }
      std::exception_ptr error;
      try {
        if (!session) session = std::make_unique<EngineSession>();
        next(*session);
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        failure = error;
        finished = true;
      }
      cv.notify_all();
    }
  }

  void execute(std::function<void(EngineSession&)> work) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      task = std::move(work);
      hasTask = true;
      finished = false;
    }
    cv.notify_all();
    std::exception_ptr error;
    {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [this] { return finished; });
      error = failure;
      failure = nullptr;
    }
    static std::once_flag registered;
    std::call_once(registered, [] { std::atexit(&ScriptThread::stopAllAtExit); });
    if (error) std::rethrow_exception(error);
  }
};

ScriptEngine::ScriptEngine() {
  if (!QCoreApplication::instance()) {
    static int argc = 1;
    static char name[] = "partsmith-script";
    static char* argv[] = {name, nullptr};
    m_app = std::make_unique<QCoreApplication>(argc, argv);
  }
  m_thread = std::make_unique<ScriptThread>();
}

ScriptEngine::~ScriptEngine() = default;

void ScriptEngine::interrupt() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_interruptRequested = true;
  if (m_current) m_current->setInterrupted(true);
}

RunResult ScriptEngine::run(const std::string& source, const std::map<std::string, ParamValue>& overrides,
                            int timeoutMs) {
  RunResult result;
  m_thread->execute([&](EngineSession& session) { result = runIn(session, source, overrides, timeoutMs); });
  return result;
}

RunResult ScriptEngine::runIn(EngineSession& session, const std::string& source,
                              const std::map<std::string, ParamValue>& overrides, int timeoutMs) {
  RunResult result;
  auto start = Clock::now();
  const QString scriptFile = QString::fromLatin1(scriptFileName());

  // Parameters first: an override that does not fit is the caller's error, not the script's.
  std::string code = source;
  try {
    if (!overrides.empty()) code = applyParameterOverrides(source, overrides);
    result.parameters = parseParameters(code);
  } catch (const ParameterError& e) {
    ScriptError err{"parameter", e.what(), 0, 0, "", ""};
    for (const auto& p : parseParameters(source)) {
      if (p.name == e.parameter()) {
        err.line = p.line;
        ErrorTranslator lines(source, scriptFile);
        err.source = lines.sourceLine(p.line);
        err.column = int(err.source.find(p.name)) + 1;
      }
    }
    result.errors.push_back(err);
    return result;
  }

  PreparedSource prepared = prepareSource(code);
  ErrorTranslator translator(code, scriptFile, prepared.firstLineShift);

  if (std::string failure = session.loadModulesFor(prepared.code); !failure.empty()) {
    result.errors.push_back({"crash", failure, 0, 0, "", ""});
    return result;
  }
  QJSEngine& engine = session.engine();
  ScriptHost& host = session.host();

  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_current = &engine;
    m_interruptRequested = false;
  }
  QJSValue value;
  bool timedOut = false;
  {
    // CadQuery scripts end with `result = part` (no declaration); in strict mode that needs an
    // existing global. A configurable property still lets `const result = ...` shadow it.
    engine.globalObject().setProperty(QStringLiteral("result"), QJSValue());
    Watchdog watchdog(engine, timeoutMs);
    value = engine.evaluate(QString::fromStdString(prepared.code) +
                                QStringLiteral("\n;this.%1 = typeof result === 'undefined' ? undefined : result;")
                                    .arg(QString::fromLatin1(kResultSlot)),
                            scriptFile, 1);
    watchdog.stop();
    timedOut = watchdog.fired();
  }
  bool stoppedByUser = m_interruptRequested.load();
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_current = nullptr;
  }

  if (timedOut || stoppedByUser) {
    std::string msg = timedOut ? "the script ran longer than " + secondsText(timeoutMs) + " and was stopped"
                               : "the script was stopped";
    result.errors.push_back({"timeout", msg, 0, 0, "",
                             timedOut ? "look for a loop that never ends (while (true), a counter that never reaches "
                                        "its limit) or reduce the number of operations"
                                      : ""});
  } else if (value.isError() || engine.hasError()) {
    QJSValue error = value.isError() ? value : engine.catchError();
    result.errors.push_back(translator.translate(error));
  } else {
    // No show(): the global `result` (a top-level const/let is visible to a later evaluation
    // but is no global property), then whatever was passed to cq.exporters.export.
    try {
      if (!host.showCalled()) {
        QJSValue fallback = engine.globalObject().property(QString::fromLatin1(kResultSlot));
        if (!fallback.isUndefined() && !fallback.isError() && !fallback.isNull()) {
          host.addPart(fallback, "result", QJSValue());
        } else {
          for (const QJSValue& exported : host.exported()) host.addPart(exported, "", QJSValue());
        }
      }
      if (host.parts().empty()) {
        result.errors.push_back({"api", "the script produced no geometry", 0, 0, "",
                                 "call show(obj) with the finished Workplane, e.g. show(body, \"body\") (or assign "
                                 "it to a variable named result)"});
      }
      for (const auto& part : host.parts()) {
        if (!hasFaces(part.shape)) {
          result.errors.push_back({"api", "the part '" + part.name + "' has no faces, only wires, edges or points", 0,
                                   0, "", "extrude, revolve or loft the 2D sketch into a solid before showing it"});
        }
      }
    } catch (const ArgumentError& e) {
      result.errors.push_back({"api", e.what(), 0, 0, "", e.hint()});
    } catch (const kernel::KernelError& e) {
      result.errors.push_back({kernel::errorKindName(e.kind()), e.what(), 0, 0, "", e.hint()});
    }
  }

  result.log = std::move(host.log());
  result.notes = std::move(host.notes());
  result.kernelMs = host.kernelMs();
  if (result.errors.empty()) result.parts = std::move(host.parts());
  result.scriptMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  result.ok = result.errors.empty();
  return result;
}

}  // namespace partsmith::script
