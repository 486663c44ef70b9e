// Locations of the source tree, the build tree and built executables, for tests.
#pragma once
#include <string>

namespace partsmith::test {
inline std::string sourceDir() { return PARTSMITH_SOURCE_DIR; }
inline std::string binaryDir() { return PARTSMITH_BINARY_DIR; }
inline std::string kernelExecutable() { return binaryDir() + "/src/worker/partsmith-kernel"; }
inline std::string cliExecutable() { return binaryDir() + "/src/cli/partsmith-cli"; }
inline std::string examplesDir() { return sourceDir() + "/resources/examples"; }
}  // namespace partsmith::test
