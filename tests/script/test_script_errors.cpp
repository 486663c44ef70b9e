// Errors are the product: exact messages, kinds, lines and columns for the mistakes scripts
// (and the LLMs writing them) actually make.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "script_test_support.h"

using namespace partsmith;
using partsmith::test::firstError;
using partsmith::test::runScript;

namespace {
script::ScriptError errorOf(const std::string& src) {
  auto r = runScript(src);
  CHECK_FALSE(r.ok);
  return firstError(r);
}
}  // namespace

TEST_CASE("missing, undefined and wrongly typed arguments name the method and the argument", "[script]") {
  auto e = errorOf("const b = cq.Workplane('XY')\n  .box(1, 2);\n");
  CHECK(e.kind == "api");
  CHECK(e.message == "box: argument 'height' (3rd) is missing");
  CHECK(e.line == 2);
  CHECK(e.column == 4);
  CHECK(e.source == "  .box(1, 2);");

  e = errorOf("cq.Workplane().circle('5');");
  CHECK(e.message == "circle: radius must be a number, got string \"5\"");
  CHECK(e.hint == "remove the quotes: numbers are written without them");
  CHECK(e.column == 16);

  e = errorOf("const h = undefined;\ncq.Workplane().box(1, 2, h);");
  CHECK(e.message == "box: argument 'height' (3rd) is undefined");

  e = errorOf("cq.Workplane().box(1, 2, 3, 'yes');");
  CHECK(e.message == "box: centered must be true, false or [bool, bool, bool], got string \"yes\"");

  e = errorOf("cq.Workplane().box(1, 2, 3).translate(5);");
  CHECK(e.message == "translate: vec must be a point [x, y, z] or cq.Vector, got number 5");

  e = errorOf("cq.Workplane().polygon(6.5, 10);");
  CHECK(e.message == "polygon: nSides must be a whole number, got number 6.5");

  e = errorOf("cq.Workplane().box(1, 2, 3, true, true, true, 7);");
  CHECK(e.message == "box: takes at most 6 arguments (length, width, height, centered, combine, clean), got 7");

  e = errorOf("cq.Workplane().box(1, 1, 1).extrude(2, {combine: 'x'});");
  CHECK(e.message == "extrude: combine must be true, false, \"a\", \"s\" or \"cut\", got string \"x\"");
}

TEST_CASE("NaN and Infinity are rejected with a hint", "[script]") {
  auto e = errorOf("const size = {};\ncq.Workplane().box(size.length * 2, 1, 1);\n");
  CHECK(e.message == "box: length must be a finite number, got NaN");
  CHECK(e.line == 2);
  CHECK(e.hint.find("NaN") != std::string::npos);
  e = errorOf("cq.Workplane().box(1, 1 / 0, 1);");
  CHECK(e.message == "box: width must be a finite number, got Infinity");
}

TEST_CASE("options objects work as keyword arguments", "[script]") {
  auto r = runScript(
      "const a = cq.Workplane('XY').box(2, 2, 2, {centered: false});\n"
      "const bb = a.val().BoundingBox();\n"
      "console.log(bb.xmin, bb.zmax, bb.xlen, bb.DiagonalLength > 3);\n"
      "const b = cq.Workplane('XY').box(10, 10, 10).faces('>Z').workplane({offset: 0}).circle(2).extrude(-3, {combine: 'cut'});\n"
      "const c = cq.Workplane('XY').box(10, 10, 4).faces('>Z').workplane().hole(3, {depth: 2});\n"
      "const d = cq.Workplane('XY').box({length: 1, width: 2, height: 3});\n"
      "console.log(Math.round(b.val().Volume()), Math.round(d.val().Volume()));\n"
      "show(b); show(c); show(d);\n");
  INFO(firstError(r).message << " line " << firstError(r).line);
  REQUIRE(r.ok);
  CHECK(r.log[0] == "0 2 2 true");
  CHECK(r.log[1] == std::to_string(int(std::round(1000 - 3.14159265358979 * 4 * 3))) + " 6");
}

TEST_CASE("unknown options get a suggestion from the method's parameters", "[script]") {
  auto e = errorOf("cq.Workplane().box(1, 2, 3, {center: false});");
  CHECK(e.kind == "api");
  CHECK(e.message == "box: unknown option 'center' \xE2\x80\x94 did you mean 'centered'?");
  CHECK(e.column == 16);
  e = errorOf("cq.Workplane().box(1, 2, 3, {zzz: false});");
  CHECK(e.message == "box: unknown option 'zzz' (options are: length, width, height, centered, combine, clean)");
  e = errorOf("cq.Workplane().box(1, 2, 3, {length: 4});");
  CHECK(e.message == "box: 'length' is given twice, as the 1st argument and as an option");
}

TEST_CASE("unknown methods get a suggestion from the real method names", "[script]") {
  auto e = errorOf("const b = cq.Workplane().box(1, 1, 1)\n  .edges('|Z')\n  .filet(0.1);\n");
  CHECK(e.kind == "api");
  CHECK(e.message == "Workplane has no method 'filet' \xE2\x80\x94 did you mean 'fillet'?");
  CHECK(e.line == 3);
  CHECK(e.column == 4);

  e = errorOf("cq.Workplane().box(1, 1, 1).Extrude(2);");
  CHECK(e.message == "Workplane has no method 'Extrude' \xE2\x80\x94 did you mean 'extrude'?");
  e = errorOf("cq.Workplane().box(1, 1, 1).frobnicate(2);");
  CHECK(e.message == "Workplane has no method 'frobnicate'");
  e = errorOf("cq.Workplane().box(1, 1, 1).toSvg();");
  CHECK(e.message == "Workplane.toSvg() is not supported by Partsmith yet");
  e = errorOf("cq.Worplane('XY');");
  CHECK(e.message == "cq has no member 'Worplane' \xE2\x80\x94 did you mean 'Workplane'?");
  e = errorOf("const v = cq.Workplane().box(1, 1, 1).val().volume();");
  CHECK(e.message == "Shape has no method 'volume' \xE2\x80\x94 did you mean 'Volume'?");
}

TEST_CASE("kernel errors become geometry errors at the line and column of the call", "[script]") {
  auto e = errorOf(
      "const body = cq.Workplane('XY')\n"
      "  .box(10, 10, 2)\n"
      "  .edges('|Z')\n"
      "  .fillet(5);\n"
      "show(body);\n");
  CHECK(e.kind == "geometry");
  CHECK(e.line == 4);
  CHECK(e.column == 4);
  CHECK(e.source == "  .fillet(5);");
  CHECK(e.message.rfind("fillet", 0) == 0);
  CHECK(e.message.find("Standard_") == std::string::npos);

  e = errorOf("const a = cq.Workplane().rect(2, 2);\nconst b = a.extrude(1);\nconst c = a.extrude(2);\n");
  CHECK(e.kind == "api");
  CHECK(e.line == 3);
  CHECK(e.column == 13);
}

TEST_CASE("bad selectors are api errors on the selecting line", "[script]") {
  auto e = errorOf("const b = cq.Workplane().box(1, 1, 1);\nb.faces('>Q');\n");
  CHECK(e.kind == "api");
  CHECK(e.line == 2);
  CHECK(e.column == 3);
}

TEST_CASE("syntax errors for constructs QJSEngine 6.4 lacks carry a hint", "[script]") {
  auto e = errorOf("const a = {x: 1};\nconst b = {...a, y: 2};\n");
  CHECK(e.kind == "syntax");
  CHECK(e.line == 2);
  CHECK(e.column == 12);
  CHECK(e.message == "syntax error: object spread {...obj} is not supported by this JavaScript engine");
  CHECK(e.hint == "use Object.assign({}, obj) (spread in arrays [...a] and calls f(...a) works)");

  e = errorOf("let a;\na ||= 3;\n");
  CHECK(e.line == 2);
  CHECK(e.column == 3);
  CHECK(e.hint == "write a = a || b instead of a ||= b");
  e = errorOf("let a;\n\na ??= 3;\n");
  CHECK(e.line == 3);
  CHECK(e.hint == "write a = a ?? b instead of a ??= b");
  e = errorOf("let a = 1;\na &&= 3;\n");
  CHECK(e.hint == "write a = a && b instead of a &&= b");

  e = errorOf("const n = 1_000;\n");
  CHECK(e.line == 1);
  CHECK(e.column == 11);
  CHECK(e.message == "syntax error: numeric separators like 1_000 are not supported");
  CHECK(e.hint == "write 1000 without underscores");

  e = errorOf("\nasync function f() { await g(); }\n");
  CHECK(e.line == 2);
  CHECK(e.column == 1);
  CHECK(e.message == "syntax error: async/await is not supported by this JavaScript engine");
}

TEST_CASE("Python habits get JavaScript hints", "[script]") {
  auto e = errorOf("const b = cq.Workplane('XY').box(1, 2, 3, centered=False);\n");
  CHECK(e.line == 1);
  CHECK(e.message == "keyword arguments like centered=... are Python syntax");
  CHECK(e.hint == "use an options object: box(1, 2, 3, {centered: false})");
  CHECK(e.column == 43);

  e = errorOf("const b = cq.Workplane('XY').rect(1, 2, centered=false);\n");
  CHECK(e.hint == "use an options object: rect(..., {centered: false})");

  e = errorOf("const x = 1;\nconst ok = True;\n");
  CHECK(e.line == 2);
  CHECK(e.column == 12);
  CHECK(e.hint == "JavaScript writes true, false and null in lower case");

  e = errorOf("const x = 1;\n# a comment\nconst y = 2;\n");
  CHECK(e.kind == "syntax");
  CHECK(e.line == 2);
  CHECK(e.hint == "JavaScript comments start with // (or /* ... */), not #");

  e = errorOf("def make(w):\n  return w\n");
  CHECK(e.kind == "syntax");
  CHECK(e.line == 1);
  CHECK(e.hint.find("Python") != std::string::npos);

  e = errorOf("for i in range(3):\n  pass\n");
  CHECK(e.hint.find("for (") != std::string::npos);
}

TEST_CASE("errors serialise to JSON", "[script]") {
  auto e = errorOf("cq.Workplane().box(1, 2);");
  nlohmann::json j = e;
  CHECK(j["kind"] == "api");
  CHECK(j["line"] == 1);
  CHECK(j["column"] == 16);
  CHECK(j["message"] == "box: argument 'height' (3rd) is missing");
  CHECK(j.contains("hint"));
  CHECK(j["source"] == "cq.Workplane().box(1, 2);");
}

TEST_CASE("class fields and BigInt literals get a hint at the right place", "[script][syntax]") {
  auto e = errorOf("class Foo {\n  constructor() {}\n  x = 3;\n}\n");
  CHECK(e.kind == "syntax");
  CHECK(e.line == 3);
  CHECK(e.column == 3);
  CHECK(e.message == "syntax error: class fields are not supported by the script engine (QJSEngine 6.4)");
  CHECK(e.hint == "assign them in the constructor: this.x = 3");

  e = errorOf("const a = 1;\nclass Foo { x = [1, 2]; }\n");
  CHECK(e.line == 2);
  CHECK(e.column == 13);
  CHECK(e.hint == "assign them in the constructor: this.x = [1, 2]");

  e = errorOf("class Foo { x = 3 }\n");
  CHECK(e.hint == "assign them in the constructor: this.x = 3");

  e = errorOf("class Gear {\n  static teeth = 12;\n}\n");
  CHECK(e.line == 2);
  CHECK(e.column == 3);
  CHECK(e.message == "syntax error: static class fields are not supported by the script engine (QJSEngine 6.4)");
  CHECK(e.hint == "assign it after the class: Gear.teeth = 12");

  e = errorOf("class Foo {\n    #p = 1;\n}\n");
  CHECK(e.line == 2);
  CHECK(e.column == 5);
  CHECK(e.message == "syntax error: private class members (#p) are not supported by the script engine (QJSEngine 6.4)");
  CHECK(e.hint == "use an ordinary property assigned in the constructor: this._p = 1");

  // Other "Expected token `('" errors keep their own text.
  e = errorOf("function f {\n}\n");
  CHECK(e.message.find("class") == std::string::npos);

  e = errorOf("const big = 10n;\n");
  CHECK(e.line == 1);
  CHECK(e.column == 13);
  CHECK(e.message == "syntax error: BigInt literals like 10n are not supported by this JavaScript engine");
  CHECK(e.hint == "write 10 without the n: numbers are doubles, exact for integers up to 2^53");
  e = errorOf("const n = BigInt(3);\n");
  CHECK(e.hint.find("BigInt is not supported") == 0);
}
