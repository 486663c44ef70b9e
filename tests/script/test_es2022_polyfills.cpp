// ES2022 members QJSEngine 6.4 lacks and LLM-written scripts use, filled in by the prelude:
// results per the specification, and non-enumerable so for...in over arrays stays clean.
#include <catch2/catch.hpp>

#include "script_test_support.h"

using partsmith::test::firstError;
using partsmith::test::runScript;

namespace {
// Runs `expr` (one JS expression) and returns what console.log printed for it.
std::string eval(const std::string& expr) {
  auto r = runScript("console.log(JSON.stringify(" + expr + "));\nshow(cq.Workplane().box(1, 1, 1));\n");
  INFO(expr << ": " << firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.log.size() == 1);
  return r.log[0];
}
}  // namespace

TEST_CASE("Array.prototype.at and String.prototype.at", "[script][polyfill]") {
  CHECK(eval("[1, 2, 3].at(0)") == "1");
  CHECK(eval("[1, 2, 3].at(-1)") == "3");
  CHECK(eval("[1, 2, 3].at(-4) === undefined") == "true");
  CHECK(eval("[1, 2, 3].at(3) === undefined") == "true");
  CHECK(eval("[1, 2, 3].at(1.7)") == "2");
  CHECK(eval("[1, 2, 3].at('-2')") == "2");
  CHECK(eval("[1, 2, 3].at()") == "1");
  CHECK(eval("Array.prototype.at.call({length: 2, 0: 'a', 1: 'b'}, -1)") == "\"b\"");
  CHECK(eval("new Float64Array([1.5, 2.5]).at(-1)") == "2.5");
  CHECK(eval("'abc'.at(-1)") == "\"c\"");
  CHECK(eval("'abc'.at(5) === undefined") == "true");
  CHECK(eval("'abc'.at(0)") == "\"a\"");
}

TEST_CASE("Array.prototype.findLast and findLastIndex", "[script][polyfill]") {
  CHECK(eval("[1, 2, 3, 4].findLast((x) => x % 2 === 1)") == "3");
  CHECK(eval("[1, 2, 3, 4].findLastIndex((x) => x % 2 === 1)") == "2");
  CHECK(eval("[1, 2].findLast((x) => x > 5) === undefined") == "true");
  CHECK(eval("[1, 2].findLastIndex((x) => x > 5)") == "-1");
  CHECK(eval("(() => { const seen = []; [5, 6].findLast((x, i, a) => { seen.push([x, i, a.length]); }); return seen; })()") ==
        "[[6,1,2],[5,0,2]]");
  CHECK(eval("[1, 2].findLast(function (x) { return x === this.v; }, {v: 1})") == "1");
  CHECK(eval("new Int32Array([4, 5, 6]).findLastIndex((x) => x < 6)") == "1");
  auto r = runScript("[1].findLast(3);");
  CHECK(firstError(r).message == "findLast: 3 is not a function");
}

TEST_CASE("String.prototype.replaceAll", "[script][polyfill]") {
  CHECK(eval("'a.b.c'.replaceAll('.', '-')") == "\"a-b-c\"");
  CHECK(eval("'aaa'.replaceAll('aa', 'b')") == "\"ba\"");
  CHECK(eval("'abc'.replaceAll('', '-')") == "\"-a-b-c-\"");
  CHECK(eval("''.replaceAll('', 'x')") == "\"x\"");
  CHECK(eval("'x-y'.replaceAll('-', '$$')") == "\"x$y\"");
  CHECK(eval("'x-y'.replaceAll('-', '[$&]')") == "\"x[-]y\"");
  CHECK(eval("'ab-cd'.replaceAll('-', \"$`|$'\")") == "\"abab|cdcd\"");
  CHECK(eval("'1+1'.replaceAll('+', (m, i) => '<' + m + i + '>')") == "\"1<+1>1\"");
  CHECK(eval("'a1b22'.replaceAll(/\\d+/g, '#')") == "\"a#b#\"");
  CHECK(eval("'no match'.replaceAll('z', 'y')") == "\"no match\"");
  auto r = runScript("'a1'.replaceAll(/\\d/, '#');");
  CHECK(firstError(r).message == "replaceAll must be called with a global RegExp (add the g flag)");
}

TEST_CASE("Object.hasOwn", "[script][polyfill]") {
  CHECK(eval("Object.hasOwn({x: 1}, 'x')") == "true");
  CHECK(eval("Object.hasOwn({x: 1}, 'toString')") == "false");
  CHECK(eval("Object.hasOwn(Object.create({x: 1}), 'x')") == "false");
  CHECK(eval("Object.hasOwn([5], 0)") == "true");
  CHECK(eval("Object.hasOwn('ab', 'length')") == "true");
  auto r = runScript("Object.hasOwn(null, 'x');");
  CHECK(firstError(r).message == "Object.hasOwn: cannot convert undefined or null to object");
}

TEST_CASE("the polyfills are non-enumerable", "[script][polyfill]") {
  CHECK(eval("(() => { const k = []; for (const i in [7, 8]) k.push(i); return k; })()") == "[\"0\",\"1\"]");
  CHECK(eval("(() => { const k = []; for (const i in 'ab') k.push(i); return k; })()") == "[\"0\",\"1\"]");
  CHECK(eval("(() => { const k = []; for (const i in new Int8Array(1)) k.push(i); return k; })()") == "[\"0\"]");
  CHECK(eval("Object.keys(Object).indexOf('hasOwn')") == "-1");
  CHECK(eval("['at', 'findLast', 'findLastIndex'].map((n) => Object.getOwnPropertyDescriptor(Array.prototype, n).enumerable)") ==
        "[false,false,false]");
  CHECK(eval("Object.getOwnPropertyDescriptor(String.prototype, 'replaceAll').enumerable") == "false");
}
