#include "render/scene_builder.h"

#include <AIS_DisplayMode.hxx>
#include <AIS_InteractiveContext.hxx>
#include <Graphic3d_AspectFillArea3d.hxx>
#include <Prs3d_Drawer.hxx>
#include <Prs3d_LineAspect.hxx>
#include <Prs3d_ShadingAspect.hxx>
#include <V3d_AmbientLight.hxx>
#include <V3d_DirectionalLight.hxx>
#include <V3d_Viewer.hxx>

#include "render/render_error.h"

namespace partsmith::render {

namespace {

kernel::Color darker(const kernel::Color& c, double factor) {
  return {c.r * factor, c.g * factor, c.b * factor, c.a};
}

}  // namespace

Quantity_Color toOcctColor(const kernel::Color& color) {
  auto clamp01 = [](double v) { return v < 0 ? 0.0 : (v > 1 ? 1.0 : v); };
  return Quantity_Color(clamp01(color.r), clamp01(color.g), clamp01(color.b), Quantity_TOC_sRGB);
}

SceneBuilder::SceneBuilder(SceneStyle style) : m_style(style) {}

Handle(AIS_Shape) SceneBuilder::buildPart(const kernel::Part& part) const {
  if (part.shape.IsNull())
    throw RenderError("part \"" + part.name + "\" has no geometry to render",
                      "show() a solid, face or wire, not an empty result");

  const kernel::Color color = part.color.value_or(m_style.defaultColor);
  Handle(AIS_Shape) prs = new AIS_Shape(part.shape);
  prs->SetDisplayMode(AIS_Shaded);
  // SetColor first: it rewrites every line aspect, so boundary settings made before it come
  // out pale or vanish (occt-qt-notes.md §3). AIS's default material is kept on purpose: with
  // setupLights() its lit faces come out close to the part's own colour, while the "plastic"
  // presets render everything darker.
  prs->SetColor(toOcctColor(color));
  if (color.a < 1.0) prs->SetTransparency(1.0 - (color.a < 0 ? 0.0 : color.a));

  const Handle(Prs3d_Drawer)& drawer = prs->Attributes();
  drawer->SetFaceBoundaryDraw(true);
  drawer->SetFaceBoundaryAspect(
      new Prs3d_LineAspect(toOcctColor(m_style.edgeColor), Aspect_TOL_SOLID, m_style.edgeWidth));
  // Loose edges and wires (sketches, paths) have no faces to outline: draw them as solid
  // darker lines in the part's own colour so they stay visible on a light background.
  drawer->SetWireAspect(new Prs3d_LineAspect(toOcctColor(darker(color, 0.55)), Aspect_TOL_SOLID,
                                             m_style.edgeWidth + 0.5));
  drawer->SetFreeBoundaryAspect(
      new Prs3d_LineAspect(toOcctColor(m_style.edgeColor), Aspect_TOL_SOLID, m_style.edgeWidth));
  return prs;
}

std::vector<Handle(AIS_Shape)> SceneBuilder::build(const kernel::PartList& parts) const {
  if (parts.empty())
    throw RenderError("nothing to render: the script showed no parts",
                      "call show(...) on the finished part");
  std::vector<Handle(AIS_Shape)> presentations;
  presentations.reserve(parts.size());
  for (const auto& part : parts) presentations.push_back(buildPart(part));
  return presentations;
}

void SceneBuilder::display(const Handle(AIS_InteractiveContext)& context,
                           const std::vector<Handle(AIS_Shape)>& presentations) {
  for (const auto& prs : presentations)
    context->Display(prs, AIS_Shaded, -1 /* no selection mode */, false /* no redraw */);
}

void SceneBuilder::setupLights(const Handle(V3d_Viewer)& viewer) {
  viewer->SetLightOff();
  const V3d_ListOfLight defaults = viewer->DefinedLights();  // a copy: DelLight edits the list
  for (V3d_ListOfLight::Iterator it(defaults); it.More(); it.Next()) viewer->DelLight(it.Value());
  // Linear 0.3 (brighter than the sRGB-defined Quantity_NOC_GRAY30) keeps faces turned away
  // from the headlight readable instead of near-black.
  Handle(V3d_AmbientLight) ambient =
      new V3d_AmbientLight(Quantity_Color(0.3, 0.3, 0.3, Quantity_TOC_RGB));
  // In camera space: from above-right of the viewer, so the three faces of an iso view differ.
  Handle(V3d_DirectionalLight) headlight =
      new V3d_DirectionalLight(gp_Dir(-0.3, -0.5, -1.0), Quantity_NOC_WHITE, true /* headlight */);
  viewer->AddLight(ambient);
  viewer->AddLight(headlight);
  viewer->SetLightOn(ambient);
  viewer->SetLightOn(headlight);
}

}  // namespace partsmith::render
