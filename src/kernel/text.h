// 3D text from system fonts (CadQuery's Compound.makeText and Workplane.text): glyph outlines
// from OCCT's font manager (fontconfig), laid out at the plane origin and extruded along its
// normal.
#pragma once
#include <optional>
#include <string>

#include <TopoDS_Shape.hxx>

#include "kernel/workplane.h"

namespace partsmith::kernel {

struct TextOptions {
  Combine combine = Combine::Cut;  // CadQuery's text() cuts by default
  bool clean = true;
  // A family name; none = kDefaultFont. A family that is not installed is an error (as in
  // CadQuery), never silently replaced.
  std::optional<std::string> font;
  std::optional<std::string> fontPath;  // a font file; takes precedence over `font`
  std::string kind = "regular";         // regular | bold | italic
  std::string halign = "center";        // center | left | right
  std::string valign = "center";        // center | top | bottom
};

// The family used when no font is given (Debian's fonts-dejavu-core). CadQuery's default,
// Arial, is rarely installed on Linux.
constexpr const char* kDefaultFont = "DejaVu Sans";

// `operation` names the caller in errors. Returns a solid compound (height != 0) or planar
// faces (height == 0). Throws KernelError for empty text, a bad size, an unknown
// kind/alignment, a font family that is not installed, or a missing or unreadable fontPath.
TopoDS_Shape makeText(const std::string& text, double size, double height, const TextOptions& options,
                   const Plane& position, const std::string& operation = "text");

}  // namespace partsmith::kernel
