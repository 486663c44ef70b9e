// The one QObject the script engine hands to JavaScript: a single invokable `call(function,
// args)` that forwards to a C++ handler. Everything the prelude needs from C++ goes through it.

#pragma once
#include <functional>

#include <QJSValue>
#include <QObject>
#include <QString>

namespace partsmith::script {

class NativeBridge : public QObject {
  Q_OBJECT

 public:
  using Handler = std::function<QJSValue(const QString& function, const QJSValue& args)>;
  explicit NativeBridge(Handler handler) : m_handler(std::move(handler)) {}

  Q_INVOKABLE QJSValue call(const QString& function, const QJSValue& args) { return m_handler(function, args); }

 private:
  Handler m_handler;
};

}  // namespace partsmith::script
