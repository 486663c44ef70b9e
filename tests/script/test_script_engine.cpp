// End-to-end runs of scripts through ScriptEngine: output, parameters, log, sandbox, limits.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <unistd.h>

#include "kernel/shape_utils.h"
#include "script_test_support.h"

using namespace partsmith;
using partsmith::test::firstError;
using partsmith::test::runScript;

TEST_CASE("a simple box script gives one part with the right volume", "[script]") {
  auto r = runScript("const b = cq.Workplane(\"XY\").box(10, 20, 30);\nshow(b);\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 1);
  CHECK(r.parts[0].name == "part1");
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(6000).epsilon(1e-6));
  CHECK(r.errors.empty());
  CHECK(r.scriptMs > 0);
  CHECK(r.kernelMs >= 0);
  CHECK(r.kernelMs <= r.scriptMs);
}

TEST_CASE("Workplane works with and without new", "[script]") {
  auto r = runScript("show(new cq.Workplane('XY').box(1, 1, 1), 'a');\nshow(cq.Workplane().box(2, 2, 2), 'b');\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 2);
  CHECK(kernel::shapeVolume(r.parts[1].shape) == Approx(8));
}

TEST_CASE("show takes names and colours", "[script]") {
  auto r = runScript(
      "show(cq.Workplane('XY').box(1, 1, 1), 'body', {color: '#3a7bd5'});\n"
      "show(cq.Workplane('XY').sphere(1), 'ball', {color: cq.Color(1, 0, 0)});\n"
      "show_object(cq.Workplane('XY').box(1, 1, 1), 'body', {color: 'red', alpha: 0.5});\n"
      "show(cq.Workplane('XY').box(1, 1, 1));\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 4);
  CHECK(r.parts[0].name == "body");
  REQUIRE(r.parts[0].color);
  CHECK(r.parts[0].color->toHex() == "#3a7bd5");
  CHECK(r.parts[1].name == "ball");
  REQUIRE(r.parts[1].color);
  CHECK(r.parts[1].color->r == 1.0);
  CHECK(r.parts[1].color->a == 1.0);
  CHECK(r.parts[2].name == "body_2");
  REQUIRE(r.parts[2].color);
  CHECK(r.parts[2].color->a == 0.5);
  CHECK(r.parts[3].name == "part4");
  CHECK_FALSE(r.parts[3].color);
}

TEST_CASE("show rejects bad options and values with clear messages", "[script]") {
  auto r = runScript("show(cq.Workplane('XY').box(1, 1, 1), 'b', {colour: 'red'});");
  CHECK(firstError(r).message == "show: unknown option 'colour' \xE2\x80\x94 did you mean 'color'?");
  r = runScript("show(42);");
  CHECK(firstError(r).message == "show: expected a Workplane or a Shape, got number 42");
  CHECK(firstError(r).line == 1);
  r = runScript("show(cq.Workplane('XY').box(1,1,1), 'b', {color: 'blurple'});");
  CHECK(firstError(r).message == "Color: unknown colour \"blurple\"");
  r = runScript("show(cq.Workplane('XY').box(1,1,1), 'b', {color: cq.Color(255, 0, 0)});");
  CHECK(firstError(r).message == "Color: components must be between 0 and 1, got 255");
  CHECK(firstError(r).hint.find("255") != std::string::npos);
}

TEST_CASE("a global result is shown when there is no show call", "[script]") {
  auto r = runScript("const result = cq.Workplane('XY').box(2, 3, 4);\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 1);
  CHECK(r.parts[0].name == "result");
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(24));
}

TEST_CASE("CadQuery's undeclared `result = part` works in strict mode, and so do let/var/const", "[script]") {
  for (const char* form : {"result = part;", "let result = part;", "var result = part;", "const result = part;"}) {
    auto r = runScript(std::string("const part = cq.Workplane('XY').box(2, 3, 4);\n") + form + "\n");
    INFO(form << ": " << firstError(r).message);
    REQUIRE(r.ok);
    REQUIRE(r.parts.size() == 1);
    CHECK(r.parts[0].name == "result");
    CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(24));
  }
  // Other undeclared names are still errors (strict mode catches typos).
  auto r = runScript("const part = cq.Workplane('XY').box(2, 3, 4);\nreslt = part;\n");
  CHECK_FALSE(r.ok);
  CHECK(firstError(r).message.find("reslt") != std::string::npos);
}

TEST_CASE("cq.exporters.export is noted, does nothing, and its object is the fallback output", "[script]") {
  auto r = runScript("import cadquery as cq\nconst part = cq.Workplane('XY').box(1, 2, 3);\ncq.exporters.export(part, 'out.stl');\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0] == "cq.exporters.export(..., \"out.stl\") was ignored: exports are made from the app or with partsmith-cli run FILE.js --export PATH");
  REQUIRE(r.parts.size() == 1);
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(6));
}

TEST_CASE("a script without output is an error with a hint", "[script]") {
  auto r = runScript("const a = 1 + 2;\n");
  CHECK_FALSE(r.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].kind == "api");
  CHECK(r.errors[0].message == "the script produced no geometry");
  CHECK(r.errors[0].hint.find("show(") != std::string::npos);
  CHECK(r.parts.empty());
}

TEST_CASE("showing an empty workplane or a bare sketch is an error", "[script]") {
  auto r = runScript("show(cq.Workplane('XY'));");
  CHECK(firstError(r).message == "show: the Workplane holds no shape to show");
  r = runScript("show(cq.Workplane('XY').rect(2, 2).wire().val());");
  CHECK(firstError(r).message.find("has no faces") != std::string::npos);
}

TEST_CASE("parameters are returned and overrides applied", "[script]") {
  const std::string src =
      "/* [Size] */\n"
      "// Outer width\n"
      "const width = 60; // [20:1:200]\n"
      "const solid = true;\n"
      "show(cq.Workplane('XY').box(width, 10, 10));\n";
  auto r = runScript(src);
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.parameters.size() == 2);
  CHECK(r.parameters[0].name == "width");
  CHECK(std::get<double>(r.parameters[0].value) == 60);
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(6000));

  r = runScript(src, {{"width", 80.0}});
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  CHECK(std::get<double>(r.parameters[0].value) == 80);
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(8000));

  r = runScript(src, {{"widht", 80.0}});
  CHECK_FALSE(r.ok);
  CHECK(firstError(r).kind == "parameter");
  CHECK(firstError(r).message.find("widht") != std::string::npos);
}

TEST_CASE("console output is captured into the log", "[script]") {
  auto r = runScript(
      "console.log('hello', 42, [1, 2.5], {a: 1});\n"
      "console.warn('careful');\n"
      "const w = cq.Workplane('XY').box(1, 1, 1);\n"
      "console.log(w, cq.Vector(1, 2, 3), w.val().Volume());\n"
      "show(w);\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.log.size() == 3);
  CHECK(r.log[0] == "hello 42 [1, 2.5] {a: 1}");
  CHECK(r.log[1] == "warn: careful");
  CHECK(r.log[2] == "Workplane(1 object) Vector(1, 2, 3) 1");
}

TEST_CASE("the sandbox exposes no host objects", "[script]") {
  auto r = runScript(
      "console.log(typeof Qt, typeof XMLHttpRequest, typeof require, typeof print, typeof gc, typeof qsTr,\n"
      "            typeof QT_TRANSLATE_NOOP, typeof native, typeof cq, typeof parts, typeof show, typeof show_object);\n"
      "show(cq.Workplane().box(1, 1, 1));\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.log.size() == 1);
  CHECK(r.log[0] == "undefined undefined undefined undefined undefined undefined undefined undefined object object "
                    "function function");
}

TEST_CASE("dynamic and static imports are rejected", "[script]") {
  auto r = runScript("const m = import('fs');\n");
  CHECK_FALSE(r.ok);
  CHECK(firstError(r).kind == "syntax");
  CHECK(firstError(r).message == "syntax error: scripts cannot import or export modules");
  CHECK(firstError(r).line == 1);
  CHECK(firstError(r).column == 11);
  r = runScript("\nimport fs from 'fs';\n");
  CHECK(firstError(r).kind == "syntax");
  CHECK(firstError(r).line == 2);
  CHECK(firstError(r).hint == "cq, parts, show and Math are already global; remove the import");
}

TEST_CASE("Python import lines are ignored and keep line numbers", "[script]") {
  auto r = runScript("import cadquery as cq\nfrom cadquery import exporters\nconst x = cq.Workplane().box(1, 1, 1);\nx.filet(1);\n");
  CHECK(firstError(r).line == 4);
}

TEST_CASE("nothing a script does writes to stdout", "[script]") {
  std::fflush(stdout);
  int saved = dup(STDOUT_FILENO);
  FILE* capture = std::tmpfile();
  REQUIRE(capture);
  dup2(fileno(capture), STDOUT_FILENO);
  auto r = runScript(
      "console.log('x'); console.error('y'); console.info('z');\n"
      "show(cq.Workplane().box(1, 1, 1).edges('|Z').fillet(0.2));\n");
  auto bad = runScript("cq.Workplane().box(1, 1, 1).fillet(5);\n");
  auto broken = runScript("const = ;\n");
  std::fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  std::fseek(capture, 0, SEEK_END);
  long written = std::ftell(capture);
  std::fclose(capture);
  CHECK(r.ok);
  CHECK_FALSE(bad.ok);
  CHECK_FALSE(broken.ok);
  CHECK(written == 0);
}

TEST_CASE("an endless loop times out and the next run works", "[script]") {
  auto start = std::chrono::steady_clock::now();
  auto r = runScript("let i = 0;\nwhile (true) { i++; }\n", {}, 500);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK_FALSE(r.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].kind == "timeout");
  CHECK(r.errors[0].message == "the script did not finish within its 0.5 s time limit and was stopped");
  CHECK(r.errors[0].hint.find("loop") != std::string::npos);
  CHECK(ms < 1500);

  auto next = runScript("show(cq.Workplane().box(1, 2, 3));");
  INFO(firstError(next).message);
  CHECK(next.ok);
  r = runScript("while (true) {}", {}, 20000 / 20);
  CHECK(firstError(r).message == "the script did not finish within its 1 s time limit and was stopped");
}

TEST_CASE("deep recursion becomes a clear limit error", "[script]") {
  auto r = runScript("function f(n) {\n  return f(n + 1) + 1;\n}\nf(0);\n");
  CHECK_FALSE(r.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].kind == "limit");
  CHECK(r.errors[0].message.rfind("too much recursion", 0) == 0);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].hint == "check that a recursive function has a base case that stops it");
}

TEST_CASE("a thrown error keeps its message and line", "[script]") {
  auto r = runScript("const a = 1;\n\nthrow new Error('bad wall thickness');\n");
  CHECK(firstError(r).message == "bad wall thickness");
  CHECK(firstError(r).line == 3);
  CHECK(firstError(r).source == "throw new Error('bad wall thickness');");
  CHECK(firstError(r).column == 1);
}

TEST_CASE("prelude polyfills fill the engine's gaps", "[script]") {
  auto r = runScript(
      "console.log([1, [2, [3]]].flat().length, [1, 2].flatMap(x => [x, x]).length,\n"
      "  Object.fromEntries([['a', 1]]).a, ' x'.trimStart());\n"
      "show(cq.Workplane().box(1, 1, 1));\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  CHECK(r.log[0] == "3 4 1 x");
}

TEST_CASE("each run starts from a clean global environment", "[script]") {
  auto a = runScript("var leaked = 5; const width = 3; show(cq.Workplane().box(width, 1, 1));");
  REQUIRE(a.ok);
  auto b = runScript("console.log(typeof leaked); const width = 4; show(cq.Workplane().box(width, 1, 1));");
  INFO(firstError(b).message);
  REQUIRE(b.ok);
  CHECK(b.log[0] == "undefined");
}

TEST_CASE("warm run timing", "[script]") {
  const std::string src = "show(cq.Workplane('XY').box(10, 10, 10));";
  runScript(src);
  double total = 0, kernel = 0;
  const int n = 10;
  for (int i = 0; i < n; ++i) {
    auto r = runScript(src);
    REQUIRE(r.ok);
    total += r.scriptMs;
    kernel += r.kernelMs;
  }
  WARN("warm run of a one-box script: " << total / n << " ms total, " << kernel / n << " ms in the kernel");
  CHECK(total / n < 50);
}

TEST_CASE("interrupt() from another thread stops a run", "[script]") {
  auto& engine = partsmith::test::sharedEngine();
  std::thread stopper([&engine] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    engine.interrupt();
  });
  auto start = std::chrono::steady_clock::now();
  auto r = engine.run("while (true) {}");
  stopper.join();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK(ms < 5000);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].kind == "timeout");
  CHECK(r.errors[0].message == "the script was stopped");
  auto next = engine.run("show(cq.Workplane().box(1, 1, 1));");
  CHECK(next.ok);
}

TEST_CASE("kernel errors can be caught by the script", "[script]") {
  auto r = runScript(
      "let body = cq.Workplane().box(10, 10, 2);\n"
      "try { body = body.edges('|Z').fillet(50); } catch (e) { console.log('caught', e.kind); }\n"
      "show(body);\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.log.size() == 1);
  CHECK(r.log[0] == "caught geometry");
}

TEST_CASE("the script can be stopped before the time limit it reports", "[script]") {
  auto start = std::chrono::steady_clock::now();
  auto r = runScript("for (;;) {}", {}, 2000, 300);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK(firstError(r).kind == "timeout");
  CHECK(firstError(r).message == "the script did not finish within its 2 s time limit and was stopped");
  CHECK(firstError(r).hint.find("--timeout SECONDS") != std::string::npos);
  CHECK(ms < 1200);
}
