#include "script/script_engine.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <thread>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJSEngine>
#include <QThread>
#include <TopExp_Explorer.hxx>

#include "kernel/kernel_error.h"
#include "kernel/op_cache.h"
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

struct PreludeModule {
  QString name;
  QString source;
};

// prelude.js first (it defines cq and returns the extension API), then every other module of
// the :/partsmith/script resource in name order; each is `(function (native, global, api) {...})`.
const std::vector<PreludeModule>& preludeModules() {
  static const std::vector<PreludeModule> modules = [] {
    std::vector<PreludeModule> out;
    QDir dir(QStringLiteral(":/partsmith/script"));
    QStringList names = dir.entryList({QStringLiteral("*.js")}, QDir::Files, QDir::Name);
    names.removeAll(QStringLiteral("prelude.js"));
    names.prepend(QStringLiteral("prelude.js"));
    for (const QString& name : names) {
      QFile file(dir.filePath(name));
      if (file.open(QIODevice::ReadOnly)) out.push_back({name, QString::fromUtf8(file.readAll())});
    }
    return out;
  }();
  return modules;
}

// Evaluating every module costs most of a warm run's fixed time, so the optional ones load
// only for scripts that can reach them: a script cannot touch `parts` or a Sketch without
// writing the name.
bool moduleNeeded(const QString& module, const std::string& code) {
  if (module.startsWith(QLatin1String("parts_"))) return code.find("parts") != std::string::npos;
  if (module == QLatin1String("prelude_sketch.js")) return code.find("ketch") != std::string::npos;
  return true;
}

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

std::string timeLimitHint() {
  return "look for a loop that never ends (while (true), a counter that never reaches its limit) or data that "
         "keeps growing, or reduce the number of operations; a script that is only slow needs a longer time limit "
         "(partsmith-cli run --timeout SECONDS)";
}

bool hasFaces(const TopoDS_Shape& shape) { return TopExp_Explorer(shape, TopAbs_FACE).More(); }

}  // namespace

const char* ScriptEngine::scriptFileName() { return "partsmith-script.js"; }

ScriptEngine::ScriptEngine() {
  if (!QCoreApplication::instance()) {
    static int argc = 1;
    static char name[] = "partsmith-script";
    static char* argv[] = {name, nullptr};
    m_app = std::make_unique<QCoreApplication>(argc, argv);
  }
  m_opCache = std::make_unique<kernel::OpCache>();
  if (qEnvironmentVariable("PARTSMITH_OP_CACHE") == QLatin1String("0")) m_opCacheForcedOff = true;
  m_opCacheEnabled = !m_opCacheForcedOff;
}
// One run's JS engine with the cq API installed (modules in `loaded`), and the host that
// collects its parts and log.
struct ScriptEngine::Session {
  std::unique_ptr<QJSEngine> engine;
  std::unique_ptr<ScriptHost> host;
  std::unique_ptr<NativeBridge> bridge;
  QJSValue nativeObject;
  QJSValue api;
  std::vector<QString> loaded;

  bool has(const QString& name) const { return std::find(loaded.begin(), loaded.end(), name) != loaded.end(); }

  // Installs `module` (prelude.js returns the extension API the others receive).
  bool install(const PreludeModule& module, std::string& error) {
    QJSValue fn = engine->evaluate(module.source, QStringLiteral("partsmith-") + module.name, 1);
    QJSValue installed = fn.isCallable() ? fn.call({nativeObject, engine->globalObject(), api}) : fn;
    if (fn.isError() || !fn.isCallable() || installed.isError()) {
      QJSValue bad = fn.isError() || !fn.isCallable() ? fn : installed;
      error = "the script engine could not start (" + module.name.toStdString() + "): " + bad.toString().toStdString();
      return false;
    }
    if (module.name == QStringLiteral("prelude.js")) api = installed;
    loaded.push_back(module.name);
    return true;
  }
};

std::unique_ptr<ScriptEngine::Session> ScriptEngine::newSession(std::string& error) {
  auto session = std::make_unique<Session>();
  session->engine = std::make_unique<QJSEngine>();
  session->host = std::make_unique<ScriptHost>(*session->engine);
  ScriptHost* host = session->host.get();
  session->bridge = std::make_unique<NativeBridge>(
      [host](const QString& fn, const QJSValue& args) { return host->dispatch(fn, args); });
  session->nativeObject = session->engine->newQObject(session->bridge.get());
  QJSEngine::setObjectOwnership(session->bridge.get(), QJSEngine::CppOwnership);
  // The modules every script needs (the optional ones load in run() for scripts naming them).
  for (const auto& module : preludeModules())
    if (moduleNeeded(module.name, std::string()) && !session->install(module, error)) return nullptr;
  return session;
}

// Builds sessions on a thread of its own, one at a time, for the thread that asked. The JS
// engine and the bridge are handed to that thread once built (a QObject can only be pushed
// to another thread by the thread it belongs to), so scripts still run, and engines are still
// freed, on the caller's thread with its stack size and signal handling.
class ScriptEngine::Preparer {
 public:
  Preparer() : m_thread([this] { loop(); }) {}
  ~Preparer() {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_quit = true;
    }
    m_wake.notify_all();
    m_thread.join();
  }
  Preparer(const Preparer&) = delete;
  Preparer& operator=(const Preparer&) = delete;

  // Starts building a session unless one is already built or being built.
  void start() {
    if (m_pending.valid()) return;
    auto task = std::make_shared<std::packaged_task<std::unique_ptr<Session>()>>([target = QThread::currentThread()] {
      std::string error;  // on failure run() builds the session itself and reports why
      std::unique_ptr<Session> session = newSession(error);
      if (session) {
        session->engine->moveToThread(target);
        session->bridge->moveToThread(target);
      }
      return session;
    });
    m_pending = task->get_future();
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_task = [task] { (*task)(); };
    }
    m_wake.notify_one();
  }

  // The session start() asked for, waiting until it is built; null when nothing was asked or
  // building it failed (run() then builds one itself and reports why).
  std::unique_ptr<Session> take(bool& waited) {
    if (!m_pending.valid()) return nullptr;
    waited = m_pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
    try {
      return m_pending.get();
    } catch (...) {  // out of memory, or a kernel exception from the prelude's setup
      return nullptr;
    }
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
      m_wake.wait(lock, [this] { return m_quit || m_task; });
      if (m_quit) return;
      std::function<void()> task = std::move(m_task);
      m_task = nullptr;
      lock.unlock();
      task();
      lock.lock();
    }
  }

  std::future<std::unique_ptr<Session>> m_pending;  // owned by the caller's thread
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::function<void()> m_task;  // guarded by m_mutex
  bool m_quit = false;           // guarded by m_mutex
  std::thread m_thread;          // last: starts after the members it uses exist
};

void ScriptEngine::prepareNext() {
  m_spent.reset();
  if (!m_preparer) m_preparer = std::make_unique<Preparer>();
  m_preparer->start();
}

ScriptEngine::~ScriptEngine() = default;

size_t ScriptEngine::opCacheEntries() const { return m_opCache->stats().entries; }

void ScriptEngine::setOpCacheEnabled(bool enabled) {
  if (!enabled) m_opCache->clear();
  m_opCacheEnabled = enabled && !m_opCacheForcedOff;
}

void ScriptEngine::interrupt() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_interruptRequested = true;
  if (m_current) m_current->setInterrupted(true);
}

RunResult ScriptEngine::run(const std::string& source, const std::map<std::string, ParamValue>& overrides,
                            int timeoutMs, int stopAtMs) {
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

  // Ends before `result` is returned: what this run did not use is dropped then.
  kernel::OpCache::RunScope cacheScope(m_opCacheEnabled ? m_opCache.get() : nullptr);
  const kernel::OpCache::Stats cacheBefore = m_opCache->stats();
  m_spent.reset();
  std::unique_ptr<Session> session;
  const auto engineAsked = Clock::now();
  bool waited = true;
  if (m_preparer) {
    session = m_preparer->take(waited);
    m_preparer->start();  // the next run's engine builds while this one runs
  }
  std::string startError;
  if (!session) session = newSession(startError);
  if (waited) result.engineWaitMs = std::chrono::duration<double, std::milli>(Clock::now() - engineAsked).count();
  if (session) {
    // Optional modules in their usual order, for scripts that can reach them.
    for (const auto& module : preludeModules())
      if (!session->has(module.name) && moduleNeeded(module.name, prepared.code) &&
          !session->install(module, startError)) {
        session.reset();
        break;
      }
  }
  if (!session) {
    result.errors.push_back({"crash", startError, 0, 0, "", ""});
    return result;
  }
  QJSEngine& engine = *session->engine;
  ScriptHost& host = *session->host;

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
    Watchdog watchdog(engine, stopAtMs > 0 && stopAtMs < timeoutMs ? stopAtMs : timeoutMs);
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
    std::string msg = timedOut ? "the script did not finish within its " + secondsText(timeoutMs) +
                                     " time limit and was stopped"
                               : "the script was stopped";
    result.errors.push_back({"timeout", msg, 0, 0, "", timedOut ? timeLimitHint() : ""});
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
  result.opCacheHits = m_opCache->stats().hits - cacheBefore.hits;
  result.opCacheMisses = m_opCache->stats().misses - cacheBefore.misses;
  result.scriptMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (result.errors.empty()) result.parts = std::move(host.parts());
  result.ok = result.errors.empty();
  // A worker frees the engine after its reply is out (prepareNext); others free it now.
  if (m_preparer) m_spent = std::move(session);
  return result;
}

}  // namespace partsmith::script
