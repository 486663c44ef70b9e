// The one QObject the script engine hands to JavaScript: a single invokable `call(function,
// args)` that forwards to a C++ handler. Everything the prelude needs from C++ goes through it.
//
// The build has no AUTOMOC step, so the meta-object that moc would generate for this class is
// written out in native_bridge_meta.cpp, and this header spells out what Q_OBJECT declares
// (without the macro itself, so enabling AUTOMOC later does not generate it a second time).
#pragma once
#include <functional>

#include <QJSValue>
#include <QObject>
#include <QString>

namespace partsmith::script {

class NativeBridge : public QObject {
 public:
  // --- what Q_OBJECT declares (meta-object in native_bridge_meta.cpp) ---
  static const QMetaObject staticMetaObject;
  const QMetaObject* metaObject() const override;
  void* qt_metacast(const char* className) override;
  int qt_metacall(QMetaObject::Call call, int id, void** args) override;

 private:
  static void qt_static_metacall(QObject* object, QMetaObject::Call call, int id, void** args);

 public:
  using Handler = std::function<QJSValue(const QString& function, const QJSValue& args)>;
  explicit NativeBridge(Handler handler) : m_handler(std::move(handler)) {}

  Q_INVOKABLE QJSValue call(const QString& function, const QJSValue& args) { return m_handler(function, args); }

 private:
  Handler m_handler;
};

}  // namespace partsmith::script
