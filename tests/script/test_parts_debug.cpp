#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include "test_parts_support.h"
using namespace partsmith;
using namespace partsmith::test;
TEST_CASE("debug", "[partsdebug]") {
  std::ifstream f("/tmp/parts_debug.js");
  std::stringstream ss; ss << f.rdbuf();
  auto r = runScript(ss.str());
  for (auto& l : r.log) std::cout << l << "\n";
  std::cout << "ok " << r.ok << " line " << firstError(r).line << " hint " << firstError(r).hint << " kind " << firstError(r).kind << " " << firstError(r).message << " ms " << r.scriptMs << "\n";
  for (auto& p : r.parts) {
    auto facts = kernel::computeFacts(p.shape);
    std::cout << p.name << " valid " << facts.valid << " solids " << facts.solids << " faces " << facts.faces << " vol " << facts.volume
              << " bbox " << facts.bbox.min[0] << "," << facts.bbox.min[1] << "," << facts.bbox.min[2] << " .. " << facts.bbox.max[0] << "," << facts.bbox.max[1] << "," << facts.bbox.max[2] << "\n";
  }
}
