// Builds AIS presentations for a script's parts: each part in its sRGB colour, shaded, with
// dark face boundaries so a person or a vision model can read the shape. Independent of any
// window, so the offscreen renderer and the desktop viewport share it.
#pragma once
#include <vector>

#include <AIS_Shape.hxx>
#include <Quantity_Color.hxx>

#include "kernel/color.h"
#include "kernel/part.h"

class AIS_InteractiveContext;
class V3d_Viewer;

namespace partsmith::render {

struct SceneStyle {
  kernel::Color defaultColor{0.60, 0.67, 0.76, 1.0};  // neutral blue-grey for uncoloured parts
  kernel::Color edgeColor{0.07, 0.07, 0.09, 1.0};     // face boundaries
  double edgeWidth = 1.5;                             // pixels
};

// Partsmith colours are sRGB; OCCT's Quantity_TOC_RGB is linear (occt-qt-notes.md §0.7).
Quantity_Color toOcctColor(const kernel::Color& color);

class SceneBuilder {
 public:
  explicit SceneBuilder(SceneStyle style = {});

  // Throws RenderError when the part has no geometry.
  Handle(AIS_Shape) buildPart(const kernel::Part& part) const;
  // One presentation per part, same order. Throws RenderError for an empty list.
  std::vector<Handle(AIS_Shape)> build(const kernel::PartList& parts) const;

  // Shows the presentations shaded and without selection (nothing picks in a screenshot; the
  // viewport activates selection itself). Does not redraw.
  static void display(const Handle(AIS_InteractiveContext)& context,
                      const std::vector<Handle(AIS_Shape)>& presentations);

  // Replaces the viewer's default lights with a soft ambient light plus a headlight that
  // follows the camera, so faces at different angles get clearly different shades. Views
  // created afterwards must call V3d_View::SetLightOn() to use them.
  static void setupLights(const Handle(V3d_Viewer)& viewer);

  const SceneStyle& style() const { return m_style; }

 private:
  SceneStyle m_style;
};

}  // namespace partsmith::render
