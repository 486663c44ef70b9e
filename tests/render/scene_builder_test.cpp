#include <catch2/catch.hpp>

#include <AIS_DisplayMode.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <Prs3d_Drawer.hxx>
#include <Prs3d_LineAspect.hxx>

#include "render/render_error.h"
#include "render/scene_builder.h"

using namespace partsmith;
using namespace partsmith::render;

namespace {

kernel::Color srgbOf(const Quantity_Color& color) {
  double r, g, b;
  color.Values(r, g, b, Quantity_TOC_sRGB);
  return {r, g, b, 1.0};
}

}  // namespace

TEST_CASE("toOcctColor keeps sRGB values (OCCT's TOC_RGB is linear)", "[render][scene]") {
  const Quantity_Color color = toOcctColor({0.8, 0.1, 0.1, 1.0});
  const kernel::Color back = srgbOf(color);
  CHECK(back.r == Approx(0.8).margin(1e-3));
  CHECK(back.g == Approx(0.1).margin(1e-3));
  // Linear red of sRGB 0.8 is about 0.60, so a mix-up would show here.
  CHECK(color.Red() == Approx(0.604).margin(0.01));
  const kernel::Color clamped = srgbOf(toOcctColor({1.5, -0.2, 0.5, 1.0}));
  CHECK(clamped.r == Approx(1.0));
  CHECK(clamped.g == Approx(0.0).margin(1e-6));
}

TEST_CASE("SceneBuilder colours parts and draws dark face boundaries", "[render][scene]") {
  const TopoDS_Shape box = BRepPrimAPI_MakeBox(10, 20, 30).Shape();
  SceneBuilder builder;

  kernel::PartList parts{{"red", box, kernel::Color{0.85, 0.15, 0.15, 1.0}},
                         {"plain", box, std::nullopt},
                         {"glass", box, kernel::Color{0.2, 0.4, 0.9, 0.4}}};
  const auto prs = builder.build(parts);
  REQUIRE(prs.size() == 3);

  Quantity_Color color;
  prs[0]->Color(color);
  CHECK(srgbOf(color).r == Approx(0.85).margin(2e-3));
  CHECK(srgbOf(color).g == Approx(0.15).margin(2e-3));
  prs[1]->Color(color);
  CHECK(srgbOf(color).b == Approx(builder.style().defaultColor.b).margin(2e-3));
  CHECK(prs[2]->Transparency() == Approx(0.6));
  CHECK(prs[0]->Transparency() == Approx(0.0));

  for (const auto& p : prs) {
    CHECK(p->DisplayMode() == AIS_Shaded);
    const Handle(Prs3d_Drawer)& drawer = p->Attributes();
    CHECK(drawer->FaceBoundaryDraw());
    const Quantity_Color edge = drawer->FaceBoundaryAspect()->Aspect()->Color();
    const kernel::Color edgeSrgb = srgbOf(edge);
    CHECK(edgeSrgb.r < 0.2);
    CHECK(edgeSrgb.g < 0.2);
    CHECK(edgeSrgb.b < 0.2);
    CHECK(drawer->FaceBoundaryAspect()->Aspect()->Width() >= 1.0f);
  }
}

TEST_CASE("SceneBuilder rejects empty input in the user's terms", "[render][scene]") {
  SceneBuilder builder;
  kernel::Part empty{"bracket", TopoDS_Shape(), std::nullopt};
  try {
    builder.buildPart(empty);
    FAIL("no error for a part without geometry");
  } catch (const RenderError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("\"bracket\" has no geometry"));
  }
  try {
    builder.build({});
    FAIL("no error for an empty part list");
  } catch (const RenderError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("nothing to render"));
    CHECK_THAT(e.hint(), Catch::Contains("show("));
  }
}
