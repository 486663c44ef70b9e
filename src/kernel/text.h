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
  std::string font = "Arial";
  std::optional<std::string> fontPath;  // a font file; takes precedence over `font`
  std::string kind = "regular";         // regular | bold | italic
  std::string halign = "center";        // center | left | right
  std::string valign = "center";        // center | top | bottom
};

// The family used when the requested one is not installed (Debian's fonts-dejavu-core).
constexpr const char* kFallbackFont = "DejaVu Sans";

struct TextShape {
  TopoDS_Shape shape;    // a solid compound (height != 0) or planar faces (height == 0)
  std::string fontNote;  // set when kFallbackFont replaced the requested family
};

// `operation` names the caller in errors. Throws KernelError for empty text, a bad size, an
// unknown kind/alignment, a missing or unreadable fontPath, or no usable font at all.
TextShape makeText(const std::string& text, double size, double height, const TextOptions& options,
                   const Plane& position, const std::string& operation = "text");

}  // namespace partsmith::kernel
