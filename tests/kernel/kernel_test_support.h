// Helpers shared by the kernel tests.
#pragma once
#include <stdexcept>

#include <catch2/catch.hpp>

#include "kernel/kernel_error.h"

namespace partsmith::kernel::testing {

// The KernelError `fn` throws; fails the test when it throws none.
template <class F>
KernelError errorOf(F&& fn) {
  try {
    fn();
  } catch (const KernelError& e) {
    return e;
  }
  FAIL("expected a KernelError");
  throw std::logic_error("unreachable");
}

}  // namespace partsmith::kernel::testing
