#include "io/interface_static_guard.h"

#include <Interface_Static.hxx>
#include <STEPCAFControl_Controller.hxx>

namespace partsmith::io {

std::mutex& xdeGlobalMutex() {
  static std::mutex mutex;
  return mutex;
}

InterfaceStaticGuard::InterfaceStaticGuard() : m_lock(xdeGlobalMutex()) {
  // The STEP statics exist only once a controller registered them; reading one before
  // would save an empty value and "restore" garbage.
  STEPCAFControl_Controller::Init();
}

InterfaceStaticGuard::~InterfaceStaticGuard() {
  for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it)
    Interface_Static::SetCVal(it->first.c_str(), it->second.c_str());
}

bool InterfaceStaticGuard::set(const char* name, const std::string& value) {
  if (!Interface_Static::IsPresent(name))
    return false;
  bool alreadySaved = false;
  for (const auto& saved : m_saved)
    alreadySaved = alreadySaved || saved.first == name;
  if (!alreadySaved) {
    const char* old = Interface_Static::CVal(name);
    m_saved.emplace_back(name, old ? old : "");
  }
  return Interface_Static::SetCVal(name, value.c_str());
}

}  // namespace partsmith::io
