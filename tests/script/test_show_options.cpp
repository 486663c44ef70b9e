// show()/show_object() as CQ-editor users write them: the name and every option positionally
// or in the trailing options object, CQ-editor's nested options={color, alpha, rgba}.
#include <catch2/catch.hpp>

#include "script_test_support.h"

using partsmith::test::firstError;
using partsmith::test::runScript;

namespace {
const std::string kBox = "const r = cq.Workplane('XY').box(1, 1, 1);\n";
}

TEST_CASE("show takes its name in the options object", "[script][show]") {
  auto r = runScript(kBox + "show(r, {name: 'r', color: 'red'});\nshow_object(r, {name: 'q'});\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 2);
  CHECK(r.parts[0].name == "r");
  REQUIRE(r.parts[0].color);
  CHECK(r.parts[0].color->toHex() == "#ff0000");
  CHECK(r.parts[1].name == "q");
  CHECK_FALSE(r.parts[1].color);

  // The same name both ways is fine; two different names are an error.
  r = runScript(kBox + "show(r, 'r', {name: 'r', alpha: 0.5});\n");
  REQUIRE(r.ok);
  CHECK(r.parts[0].name == "r");
  CHECK(r.parts[0].color->a == 0.5);
  r = runScript(kBox + "show(r, 'a', {name: 'b'});\n");
  CHECK(firstError(r).message == "show: the name is given twice, as \"a\" and as {name: \"b\"}");
  r = runScript(kBox + "show(r, {name: 42});\n");
  CHECK(firstError(r).message == "show: name must be a string, got number 42");
}

TEST_CASE("show_object takes CQ-editor's nested options with colour tuples and rgba", "[script][show]") {
  auto r = runScript(kBox +
                     "show_object(r, {name: 'r', options: {color: 'red'}});\n"
                     "show_object(r, 'blue', {options: {color: [64, 164, 223], alpha: 0.5}});\n"
                     "show_object(r, {options: {rgba: [255, 0, 0, 0.25]}});\n"
                     "show_object(r, {options: {color: [0, 0.5, 1]}});\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 4);
  CHECK(r.parts[0].name == "r");
  CHECK(r.parts[0].color->toHex() == "#ff0000");
  CHECK(r.parts[1].name == "blue");
  CHECK(r.parts[1].color->toHex() == "#40a4df80");
  CHECK(r.parts[2].name == "part3");
  CHECK(r.parts[2].color->r == 1.0);
  CHECK(r.parts[2].color->g == 0.0);
  CHECK(r.parts[2].color->a == 0.25);
  // 0-1 floats stay as they are (CQ-editor's float tuples).
  CHECK(r.parts[3].color->g == 0.5);
  CHECK(r.parts[3].color->b == 1.0);
}

TEST_CASE("show still rejects unknown, doubled and malformed options", "[script][show]") {
  auto r = runScript(kBox + "show_object(r, {name: 'r', options: {colour: 'red'}});\n");
  CHECK(firstError(r).message == "show: unknown option 'options.colour' \xE2\x80\x94 did you mean 'color'?");
  r = runScript(kBox + "show(r, {nam: 'r'});\n");
  CHECK(firstError(r).message == "show: unknown option 'nam' \xE2\x80\x94 did you mean 'name'?");
  r = runScript(kBox + "show(r, {shininess: 3});\n");
  CHECK(firstError(r).message == "show: unknown option 'shininess' (options are: name, color, alpha, rgba, options)");
  r = runScript(kBox + "show(r, {color: 'red', options: {color: 'blue'}});\n");
  CHECK(firstError(r).message == "show: 'color' is given twice, in the options and in options.options");
  r = runScript(kBox + "show(r, {options: {rgba: [1, 0, 0]}});\n");
  CHECK(firstError(r).message == "show: rgba must be [r, g, b, a], got an array of 3 items");
  r = runScript(kBox + "show(r, {rgba: [1, 0, 0, 1], alpha: 0.5});\n");
  CHECK(firstError(r).message == "show: give either rgba or color/alpha, not both");
  r = runScript(kBox + "show(r, {options: 'red'});\n");
  CHECK(firstError(r).message.rfind("show: options.options must be an object", 0) == 0);
  r = runScript(kBox + "show(r, {color: [300, 0, 0]});\n");
  CHECK(firstError(r).message == "show: colour components must be 0-1, or 0-255 as in CQ-editor, got 300");
  r = runScript(kBox + "show(r, {options: {alpha: 2}});\n");
  CHECK(firstError(r).message == "show: alpha must be a number from 0 to 1, got number 2");
}
