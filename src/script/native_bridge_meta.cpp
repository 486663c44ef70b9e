// Meta-object data for NativeBridge, as moc 6.4.2 (output revision 68) generates it for one
// Q_INVOKABLE method `QJSValue call(const QString&, const QJSValue&)`. Kept by hand because
// the build has no AUTOMOC step; regenerate with moc if the class's invokables ever change.
#include <cstring>
#include <memory>

#include <QtCore/qmetatype.h>

#include "script/native_bridge.h"

#if !defined(Q_MOC_OUTPUT_REVISION) || Q_MOC_OUTPUT_REVISION != 68
#error "native_bridge_meta.cpp matches moc output revision 68 (Qt 6.4); regenerate it for this Qt"
#endif

#ifndef Q_CONSTINIT
#define Q_CONSTINIT
#endif

QT_BEGIN_MOC_NAMESPACE
QT_WARNING_PUSH
QT_WARNING_DISABLE_DEPRECATED
namespace {
struct NativeBridgeStrings {
  uint offsetsAndSizes[12];
  char stringdata0[32];
  char stringdata1[5];
  char stringdata2[9];
  char stringdata3[1];
  char stringdata4[9];
  char stringdata5[5];
};
#define PARTSMITH_MOC_LITERAL(ofs, len) uint(sizeof(NativeBridgeStrings::offsetsAndSizes) + ofs), len
Q_CONSTINIT static const NativeBridgeStrings nativeBridgeStrings = {
    {
        PARTSMITH_MOC_LITERAL(0, 31),   // "partsmith::script::NativeBridge"
        PARTSMITH_MOC_LITERAL(32, 4),   // "call"
        PARTSMITH_MOC_LITERAL(37, 8),   // "QJSValue"
        PARTSMITH_MOC_LITERAL(46, 0),   // ""
        PARTSMITH_MOC_LITERAL(47, 8),   // "function"
        PARTSMITH_MOC_LITERAL(56, 4)},  // "args"
    "partsmith::script::NativeBridge",
    "call",
    "QJSValue",
    "",
    "function",
    "args"};
#undef PARTSMITH_MOC_LITERAL
}  // namespace

Q_CONSTINIT static const uint nativeBridgeData[] = {
    // content: revision, classname, classinfo, methods, properties, enums, constructors, flags, signalCount
    10, 0, 0, 0, 1, 14, 0, 0, 0, 0, 0, 0, 0, 0,
    // methods: name, argc, parameters, tag, flags, initial metatype offsets
    1, 2, 20, 3, 0x02, 1 /* Public */,
    // methods: parameters
    0x80000000 | 2, QMetaType::QString, 0x80000000 | 2, 4, 5,
    0  // eod
};

Q_CONSTINIT const QMetaObject partsmith::script::NativeBridge::staticMetaObject = {
    {QMetaObject::SuperData::link<QObject::staticMetaObject>(), nativeBridgeStrings.offsetsAndSizes,
     nativeBridgeData, qt_static_metacall, nullptr,
     qt_incomplete_metaTypeArray<NativeBridgeStrings, QtPrivate::TypeAndForceComplete<NativeBridge, std::true_type>,
                                 QtPrivate::TypeAndForceComplete<QJSValue, std::false_type>,
                                 QtPrivate::TypeAndForceComplete<const QString&, std::false_type>,
                                 QtPrivate::TypeAndForceComplete<const QJSValue&, std::false_type>>,
     nullptr}};

void partsmith::script::NativeBridge::qt_static_metacall(QObject* o, QMetaObject::Call c, int id, void** a) {
  if (c == QMetaObject::InvokeMetaMethod && id == 0) {
    auto* self = static_cast<NativeBridge*>(o);
    QJSValue r = self->call(*reinterpret_cast<QString*>(a[1]), *reinterpret_cast<QJSValue*>(a[2]));
    if (a[0]) *reinterpret_cast<QJSValue*>(a[0]) = std::move(r);
  }
}

const QMetaObject* partsmith::script::NativeBridge::metaObject() const {
  return QObject::d_ptr->metaObject ? QObject::d_ptr->dynamicMetaObject() : &staticMetaObject;
}

void* partsmith::script::NativeBridge::qt_metacast(const char* className) {
  if (!className) return nullptr;
  if (!std::strcmp(className, nativeBridgeStrings.stringdata0)) return static_cast<void*>(this);
  return QObject::qt_metacast(className);
}

int partsmith::script::NativeBridge::qt_metacall(QMetaObject::Call c, int id, void** a) {
  id = QObject::qt_metacall(c, id, a);
  if (id < 0) return id;
  if (c == QMetaObject::InvokeMetaMethod) {
    if (id < 1) qt_static_metacall(this, c, id, a);
    id -= 1;
  } else if (c == QMetaObject::RegisterMethodArgumentMetaType) {
    if (id < 1) *reinterpret_cast<QMetaType*>(a[0]) = QMetaType();
    id -= 1;
  }
  return id;
}
QT_WARNING_POP
QT_END_MOC_NAMESPACE
