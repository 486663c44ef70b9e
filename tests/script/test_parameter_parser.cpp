// Script parameters (OpenSCAD Customizer convention): widgets, groups, descriptions, defaults,
// and overrides that rewrite only the literals.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "script/parameter_parser.h"

using namespace partsmith::script;

namespace {

const std::string kScript = R"(import cadquery as cq
// A parametric box

/* [Size] */
// Outer width of the box
const width = 60;          // [20:1:200]
const height = 30;         // [10:100]
const wall = 2.4;          // [1.2:0.4:4]
const depth = 45;
/* [Features] */
const lid = true;          // adds a snap-fit lid
const vents = "slots";     // [none, slots, holes]
const screw = 3;           // [2:M2, 2.5:M2.5, 3:M3, 4:M4]
let label = 'Box [v2]';    // text on the lid
var offset = -3.5;
const max = 50;            // [120]
/* [Hidden] */
const fudge = 1e-3;

const inner = width - 2 * wall;
const notAParam = 5;
const result = cq.Workplane("XY").box(width, depth, height);
show(result);
)";

const Parameter& find(const std::vector<Parameter>& params, const std::string& name) {
  for (const auto& p : params)
    if (p.name == name) return p;
  FAIL("no parameter " << name);
  throw;
}

double num(const Parameter& p) { return std::get<double>(p.value); }

std::string overrideError(const std::string& source, const std::map<std::string, ParamValue>& o) {
  try {
    applyParameterOverrides(source, o);
  } catch (const ParameterError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("the parameter block: names, values, types, lines and where it ends", "[params]") {
  const auto params = parseParameters(kScript);
  REQUIRE(params.size() == 11);
  CHECK(params.front().name == "width");
  CHECK(params.back().name == "fudge");
  CHECK(num(find(params, "width")) == 60);
  CHECK(find(params, "width").type == "number");
  CHECK(find(params, "width").line == 6);
  CHECK(find(params, "fudge").line == 18);
  CHECK(std::get<bool>(find(params, "lid").value) == true);
  CHECK(find(params, "lid").type == "boolean");
  CHECK(std::get<std::string>(find(params, "vents").value) == "slots");
  CHECK(std::get<std::string>(find(params, "label").value) == "Box [v2]");
  CHECK(num(find(params, "offset")) == -3.5);
  CHECK(num(find(params, "fudge")) == 1e-3);
  // The byte range covers the literal exactly (sign and quotes included).
  const auto& label = find(params, "label");
  CHECK(kScript.substr(label.valueBegin, label.valueEnd - label.valueBegin) == "'Box [v2]'");
  const auto& offset = find(params, "offset");
  CHECK(kScript.substr(offset.valueBegin, offset.valueEnd - offset.valueBegin) == "-3.5");
  // `const inner = width - 2 * wall;` is computed: the block ends there.
  for (const auto& p : params) CHECK(p.name != "notAParam");
}

TEST_CASE("widget specs: sliders, drop-downs, check boxes", "[params]") {
  const auto params = parseParameters(kScript);
  const auto& width = find(params, "width");
  CHECK(*width.min == 20);
  CHECK(*width.step == 1);
  CHECK(*width.max == 200);
  const auto& height = find(params, "height");
  CHECK(*height.min == 10);
  CHECK(*height.max == 100);
  CHECK(*height.step == 1);  // whole numbers -> step 1
  const auto& wall = find(params, "wall");
  CHECK(*wall.min == Approx(1.2));
  CHECK(*wall.step == Approx(0.4));
  CHECK(*wall.max == 4);
  const auto& max = find(params, "max");  // [120] = max only
  CHECK(*max.min == 0);
  CHECK(*max.max == 120);

  const auto& vents = find(params, "vents");
  REQUIRE(vents.options.size() == 3);
  CHECK(std::get<std::string>(vents.options[0].value) == "none");
  CHECK(vents.options[2].label == "holes");
  CHECK_FALSE(vents.min.has_value());
  const auto& screw = find(params, "screw");
  REQUIRE(screw.options.size() == 4);
  CHECK(std::get<double>(screw.options[1].value) == 2.5);
  CHECK(screw.options[1].label == "M2.5");
  CHECK_FALSE(screw.min.has_value());  // a drop-down, not a slider
  const auto& lid = find(params, "lid");
  CHECK(lid.options.empty());
  CHECK_FALSE(lid.min.has_value());

  const auto quoted = parseParameters("const finish = \"matte\"; // [\"matte\":Matte, 'gloss, high':Gloss]\n");
  REQUIRE(quoted.size() == 1);
  REQUIRE(quoted[0].options.size() == 2);
  CHECK(std::get<std::string>(quoted[0].options[1].value) == "gloss, high");
  CHECK(quoted[0].options[1].label == "Gloss");
  const auto numbers = parseParameters("const teeth = 24; // [12, 18, 24, 36]\n");
  REQUIRE(numbers[0].options.size() == 4);
  CHECK(std::get<double>(numbers[0].options[3].value) == 36);
}

TEST_CASE("groups, hidden parameters and descriptions both ways", "[params]") {
  const auto params = parseParameters(kScript);
  CHECK(find(params, "width").group == "Size");
  CHECK(find(params, "depth").group == "Size");
  CHECK(find(params, "lid").group == "Features");
  CHECK_FALSE(find(params, "offset").hidden);
  CHECK(find(params, "fudge").hidden);
  CHECK(find(params, "fudge").group.empty());
  // A // line directly above wins; otherwise a plain trailing comment is the description.
  CHECK(find(params, "width").description == "Outer width of the box");
  CHECK(find(params, "height").description.empty());
  CHECK(find(params, "lid").description == "adds a snap-fit lid");
  CHECK(find(params, "label").description == "text on the lid");
  CHECK(find(params, "vents").description.empty());

  const auto both = parseParameters("// Plate thickness\nconst t = 3; // [1:10] in millimetres\nconst u = 4; // [1:10] in mm\n");
  REQUIRE(both.size() == 2);
  CHECK(both[0].description == "Plate thickness");
  CHECK(both[1].description == "in mm");  // text after the spec when no line above
  // A blank line breaks the "directly above" link.
  const auto gap = parseParameters("// not mine\n\nconst t = 3;\n");
  CHECK(gap[0].description.empty());
}

TEST_CASE("numbers without a range get a 0..1/2/5*10^n slider", "[params]") {
  const auto p = parseParameters("const a = 30;\nconst b = 2.4;\nconst c = 5;\nconst d = -3;\nconst e = 0;\nconst f = 0.25;\nconst g = 60;\n");
  REQUIRE(p.size() == 7);
  CHECK(*p[0].min == 0);
  CHECK(*p[0].max == 100);
  CHECK(*p[0].step == 1);
  CHECK(*p[1].max == 5);
  CHECK(*p[1].step == Approx(0.1));
  CHECK(*p[2].max == 10);
  CHECK(*p[3].min == -10);  // negatives: symmetric
  CHECK(*p[3].max == 10);
  CHECK(*p[4].max == 1);
  CHECK(*p[5].max == Approx(0.5));
  CHECK(*p[5].step == Approx(0.01));
  CHECK(*p[6].max == 200);
}

TEST_CASE("lexical details: CRLF, tabs, let/var, no semicolon, brackets in comments", "[params]") {
  const std::string crlf = "// Width\r\nconst\twidth\t=\t80;\t// [10:200]\r\n/* [Look] */\r\nconst name = \"a\\\"b\"\r\nfoo();\r\nconst late = 1;\r\n";
  const auto p = parseParameters(crlf);
  REQUIRE(p.size() == 2);
  CHECK(p[0].description == "Width");
  CHECK(*p[0].max == 200);
  CHECK(p[0].line == 2);
  CHECK(std::get<std::string>(p[1].value) == "a\"b");
  CHECK(p[1].group == "Look");
  CHECK(p[1].line == 4);

  const auto brackets = parseParameters("/* see [docs] for details */\n// uses [brackets]\nconst k = 2; /* [x] */\n");
  REQUIRE(brackets.size() == 1);
  CHECK(brackets[0].description == "uses [brackets]");
  CHECK(brackets[0].group.empty());

  CHECK(parseParameters("const w = 5 * 2;\nconst h = 3;\n").empty());
  CHECK(parseParameters("const hex = 0x10;\n").empty());
  CHECK(parseParameters("const s = `template`;\n").empty());
  CHECK(parseParameters("const a = 1; const b = 2; // [0:5]\n").size() == 2);
  CHECK(num(parseParameters("const e = -2.5e-3;\n")[0]) == -2.5e-3);
}

TEST_CASE("overrides rewrite only the literals", "[params]") {
  const std::string out = applyParameterOverrides(
      kScript, {{"width", 80.0}, {"wall", 2.0}, {"lid", false}, {"vents", std::string("holes")},
                {"label", std::string("It's \"new\"")}, {"offset", 0.1}});
  const auto params = parseParameters(out);
  REQUIRE(params.size() == 11);
  CHECK(num(find(params, "width")) == 80);
  CHECK(num(find(params, "wall")) == 2);
  CHECK(std::get<bool>(find(params, "lid").value) == false);
  CHECK(std::get<std::string>(find(params, "vents").value) == "holes");
  CHECK(std::get<std::string>(find(params, "label").value) == "It's \"new\"");
  CHECK(num(find(params, "offset")) == 0.1);
  CHECK(out.find("const width = 80;          // [20:1:200]") != std::string::npos);  // 80, not 80.000000
  CHECK(out.find("const wall = 2;") != std::string::npos);
  CHECK(out.find("let label = 'It\\'s \"new\"';") != std::string::npos);  // original quote style kept
  CHECK(out.find("var offset = 0.1;") != std::string::npos);
  CHECK(find(params, "width").description == "Outer width of the box");

  // Every other byte is unchanged: undo the edits by hand and compare.
  std::string restored = applyParameterOverrides(
      out, {{"width", 60.0}, {"wall", 2.4}, {"lid", true}, {"vents", std::string("slots")},
            {"label", std::string("Box [v2]")}, {"offset", -3.5}});
  CHECK(restored == kScript);
  CHECK(applyParameterOverrides(kScript, {}) == kScript);
}

TEST_CASE("override errors: unknown names, types, drop-down membership", "[params]") {
  CHECK_THAT(overrideError(kScript, {{"widht", 80.0}}), Catch::Contains("unknown parameter 'widht'"));
  CHECK_THAT(overrideError(kScript, {{"widht", 80.0}}), Catch::Contains("did you mean 'width'?"));
  CHECK_THAT(overrideError(kScript, {{"zzzzzzzz", 80.0}}), Catch::Contains("parameters: width, height"));
  CHECK_THAT(overrideError(kScript, {{"zzzzzzzz", 80.0}}), !Catch::Contains("did you mean"));
  CHECK_THAT(overrideError(kScript, {{"inner", 3.0}}), Catch::Contains("unknown parameter 'inner'"));
  CHECK_THAT(overrideError(kScript, {{"lid", 3.0}}), Catch::Contains("parameter 'lid' is a boolean, not the number 3"));
  CHECK_THAT(overrideError(kScript, {{"width", std::string("wide")}}), Catch::Contains("'width' is a number"));
  CHECK_THAT(overrideError(kScript, {{"vents", std::string("grille")}}),
             Catch::Contains("parameter 'vents' cannot be \"grille\"; it is one of: \"none\", \"slots\", \"holes\""));
  CHECK_THAT(overrideError(kScript, {{"screw", 5.0}}), Catch::Contains("it is one of: 2 (M2), 2.5 (M2.5)"));
  CHECK_THAT(overrideError("foo();\n", {{"a", 1.0}}), Catch::Contains("declares no parameters"));
  try {
    applyParameterOverrides(kScript, {{"lid", 1.0}});
    FAIL("no error");
  } catch (const ParameterError& e) {
    CHECK(e.parameter() == "lid");
  }
}

TEST_CASE("parseOverride turns command-line text into typed values", "[params]") {
  const auto params = parseParameters(kScript);
  CHECK(std::get<double>(parseOverride(find(params, "width"), "80")) == 80);
  CHECK(std::get<double>(parseOverride(find(params, "offset"), " -1.5e1 ")) == -15);
  CHECK(std::get<bool>(parseOverride(find(params, "lid"), "false")) == false);
  CHECK(std::get<bool>(parseOverride(find(params, "lid"), "TRUE")) == true);
  CHECK(std::get<std::string>(parseOverride(find(params, "vents"), "holes")) == "holes");
  CHECK(std::get<std::string>(parseOverride(find(params, "label"), "\"Hi there\"")) == "Hi there");
  CHECK(std::get<double>(parseOverride(find(params, "screw"), "M4")) == 4);  // by label
  CHECK_THROWS_WITH(parseOverride(find(params, "width"), "80mm"),
                    Catch::Contains("parameter 'width' expects a number, got '80mm'"));
  CHECK_THROWS_WITH(parseOverride(find(params, "lid"), "maybe"), Catch::Contains("expects true or false"));
  CHECK_THROWS_WITH(parseOverride(find(params, "vents"), "grille"), Catch::Contains("one of"));
  CHECK_THROWS_AS(parseOverride(find(params, "screw"), "7"), ParameterError);
}

TEST_CASE("parameters serialise to JSON", "[params]") {
  const auto params = parseParameters(kScript);
  nlohmann::json w = find(params, "width");
  CHECK(w["name"] == "width");
  CHECK(w["value"] == 60.0);
  CHECK(w["type"] == "number");
  CHECK(w["min"] == 20.0);
  CHECK(w["group"] == "Size");
  CHECK(w["line"] == 6);
  CHECK(w["hidden"] == false);
  nlohmann::json s = find(params, "screw");
  CHECK(s["min"].is_null());
  CHECK(s["options"].size() == 4);
  CHECK(s["options"][2]["label"] == "M3");
  CHECK(s["options"][2]["value"] == 3.0);
  nlohmann::json l = find(params, "lid");
  CHECK(l["value"] == true);
  CHECK(l["description"] == "adds a snap-fit lid");
}
