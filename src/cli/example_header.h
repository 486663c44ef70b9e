// Transitional: the example-header parser moved to the store module (it owns the example
// library). New code includes "store/example_header.h" directly.
#pragma once
#include "store/example_header.h"

namespace partsmith::cli {
using store::checkExpectations;
using store::defaultExamplesDir;
using store::ExampleHeader;
using store::FactExpectation;
using store::parseExampleHeader;
}  // namespace partsmith::cli
