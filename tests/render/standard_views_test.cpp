#include <catch2/catch.hpp>

#include <cmath>

#include "render/render_error.h"
#include "render/standard_views.h"

using namespace partsmith::render;

namespace {

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

// The world direction that points to the right in the picture: lookDirection x up.
Vec3 screenRight(const StandardView& view) {
  const Vec3 look{-view.toEye.x, -view.toEye.y, -view.toEye.z};
  return cross(look, view.up);
}

std::string errorOf(const std::string& list) {
  try {
    parseViewList(list);
  } catch (const RenderError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("standard views follow the Z-up CAD convention", "[render][views]") {
  REQUIRE(standardViewNames() == std::vector<std::string>{"iso", "iso2", "front", "back", "left",
                                                          "right", "top", "bottom"});

  struct Expected {
    const char* name;
    Vec3 toEye, right;
  };
  const Expected expected[] = {
      {"front", {0, -1, 0}, {1, 0, 0}}, {"back", {0, 1, 0}, {-1, 0, 0}},
      {"left", {-1, 0, 0}, {0, -1, 0}}, {"right", {1, 0, 0}, {0, 1, 0}},
      {"top", {0, 0, 1}, {1, 0, 0}},    {"bottom", {0, 0, -1}, {1, 0, 0}},
  };
  for (const auto& e : expected) {
    INFO(e.name);
    const StandardView& view = standardView(e.name);
    CHECK(view.toEye.x == e.toEye.x);
    CHECK(view.toEye.y == e.toEye.y);
    CHECK(view.toEye.z == e.toEye.z);
    const Vec3 right = screenRight(view);
    CHECK(right.x == Approx(e.right.x));
    CHECK(right.y == Approx(e.right.y));
    CHECK(right.z == Approx(e.right.z));
  }
  // Side views keep Z up; iso looks from front-right-above and iso2 from the opposite corner.
  for (const char* name : {"front", "back", "left", "right", "iso", "iso2"})
    CHECK(standardView(name).up.z == 1.0);
  CHECK(standardView("iso").toEye.x > 0);
  CHECK(standardView("iso").toEye.y < 0);
  CHECK(standardView("iso").toEye.z > 0);
  CHECK(standardView("iso2").toEye.x < 0);
  CHECK(standardView("iso2").toEye.y > 0);
  CHECK(standardView("iso2").toEye.z > 0);
  for (const auto& view : standardViews()) CHECK_FALSE(view.description.empty());
}

TEST_CASE("parseViewList trims, lower-cases and drops duplicates", "[render][views]") {
  CHECK(parseViewList("iso,front") == std::vector<std::string>{"iso", "front"});
  CHECK(parseViewList(" Top , ISO ,top,") == std::vector<std::string>{"top", "iso"});
  CHECK(parseViewList("bottom") == std::vector<std::string>{"bottom"});
  CHECK(findStandardView("Right") != nullptr);
  CHECK(findStandardView("side") == nullptr);
  CHECK(defaultViewNames() == std::vector<std::string>{"iso", "front", "top", "right"});
}

TEST_CASE("parseViewList rejects unknown names and lists the valid ones", "[render][views]") {
  const std::string unknown = errorOf("iso,sideways");
  CHECK_THAT(unknown, Catch::Contains("unknown view \"sideways\""));
  CHECK_THAT(unknown, Catch::Contains("iso, iso2, front, back, left, right, top, bottom"));

  CHECK_THAT(errorOf("fornt"), Catch::Contains("did you mean \"front\"?"));
  CHECK_THAT(errorOf("isometric"), Catch::Contains("did you mean \"iso\"?"));
  CHECK_THAT(errorOf("perspective"), !Catch::Contains("did you mean"));

  CHECK_THAT(errorOf(""), Catch::Contains("no views requested"));
  CHECK_THAT(errorOf(" , ,"), Catch::Contains("no views requested"));
  CHECK_THROWS_AS(standardView("diagonal"), RenderError);
}
