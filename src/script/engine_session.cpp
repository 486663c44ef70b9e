#include "script/engine_session.h"

#include <QDir>
#include <QFile>
#include <vector>

namespace partsmith::script {

namespace {

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

// Evaluating every module costs most of a fresh engine's start-up, so the optional ones load
// only for scripts that can reach them: a script cannot touch `parts` or a Sketch without
// writing the name.
bool moduleNeeded(const QString& module, const std::string& code) {
  if (module.startsWith(QLatin1String("parts_"))) return code.find("parts") != std::string::npos;
  if (module == QLatin1String("prelude_sketch.js")) return code.find("ketch") != std::string::npos;
  return true;
}

}  // namespace

EngineSession::EngineSession()
    : m_bridge([this](const QString& fn, const QJSValue& args) { return m_host.dispatch(fn, args); }) {
  m_nativeObject = m_engine.newQObject(&m_bridge);
  QJSEngine::setObjectOwnership(&m_bridge, QJSEngine::CppOwnership);
}

EngineSession::~EngineSession() = default;

std::string EngineSession::loadModulesFor(const std::string& code) {
  for (const auto& module : preludeModules()) {
    if (m_loaded.count(module.name) || !moduleNeeded(module.name, code)) continue;
    QJSValue fn = m_engine.evaluate(module.source, QStringLiteral("partsmith-") + module.name, 1);
    QJSValue installed = fn.isCallable() ? fn.call({m_nativeObject, m_engine.globalObject(), m_api}) : fn;
    if (fn.isError() || !fn.isCallable() || installed.isError()) {
      QJSValue bad = fn.isError() || !fn.isCallable() ? fn : installed;
      return "the script engine could not start (" + module.name.toStdString() + "): " + bad.toString().toStdString();
    }
    if (module.name == QStringLiteral("prelude.js")) m_api = installed;
    m_loaded.insert(module.name);
  }
  return {};
}

}  // namespace partsmith::script
