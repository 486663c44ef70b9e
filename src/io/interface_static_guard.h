// Interface_Static (OCCT's data-exchange settings) is process-global, so every STEP/XCAF
// transfer holds one process-wide lock and puts back any setting it changed (as Mayo does).
#pragma once
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace partsmith::io {

// The lock for XCAF documents and Interface_Static; held for a whole read or write.
std::mutex& xdeGlobalMutex();

class InterfaceStaticGuard {
 public:
  InterfaceStaticGuard();  // locks xdeGlobalMutex() and registers the STEP statics
  ~InterfaceStaticGuard();  // restores every changed setting, then unlocks
  InterfaceStaticGuard(const InterfaceStaticGuard&) = delete;
  InterfaceStaticGuard& operator=(const InterfaceStaticGuard&) = delete;

  // Sets a static by its text value, remembering the old one; false if OCCT refused it.
  bool set(const char* name, const std::string& value);

 private:
  std::unique_lock<std::mutex> m_lock;
  std::vector<std::pair<std::string, std::string>> m_saved;
};

}  // namespace partsmith::io
