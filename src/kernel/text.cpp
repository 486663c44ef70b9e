#include "kernel/text.h"

#include <cctype>
#include <filesystem>
#include <mutex>
#include <set>

#include <BRepBuilderAPI_Transform.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <Font_BRepTextBuilder.hxx>
#include <Font_FontMgr.hxx>
#include <Font_SystemFont.hxx>
#include <NCollection_String.hxx>
#include <StdPrs_BRepFont.hxx>
#include <TCollection_AsciiString.hxx>

#include "kernel/kernel_error.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

Font_FontAspect aspectOf(const std::string& kind, const std::string& op) {
  if (kind == "regular") return Font_FontAspect_Regular;
  if (kind == "bold") return Font_FontAspect_Bold;
  if (kind == "italic") return Font_FontAspect_Italic;
  throwApiError(op, "kind must be \"regular\", \"bold\" or \"italic\", got \"" + kind + "\"");
}

Graphic3d_HorizontalTextAlignment halignOf(const std::string& a, const std::string& op) {
  if (a == "center") return Graphic3d_HTA_CENTER;
  if (a == "left") return Graphic3d_HTA_LEFT;
  if (a == "right") return Graphic3d_HTA_RIGHT;
  throwApiError(op, "halign must be \"center\", \"left\" or \"right\", got \"" + a + "\"");
}

Graphic3d_VerticalTextAlignment valignOf(const std::string& a, const std::string& op) {
  if (a == "center") return Graphic3d_VTA_CENTER;
  if (a == "top") return Graphic3d_VTA_TOP;
  if (a == "bottom") return Graphic3d_VTA_BOTTOM;
  throwApiError(op, "valign must be \"center\", \"top\" or \"bottom\", got \"" + a + "\"");
}

// The font manager is a process-wide singleton; its first use scans fontconfig's fonts.
std::mutex& fontMutex() {
  static std::mutex m;
  return m;
}

// Installed family names, sorted and without repeats, for the "font not found" hint.
std::string installedFamilies(const Handle(Font_FontMgr)& mgr) {
  std::set<std::string> names;
  for (const auto& f : mgr->GetAvailableFonts()) names.insert(f->FontName().ToCString());
  std::string out;
  size_t shown = 0;
  for (const auto& n : names) {
    if (shown == 12) {
      out += ", ... (" + std::to_string(names.size() - shown) + " more)";
      break;
    }
    out += (out.empty() ? "" : ", ") + n;
    ++shown;
  }
  return out;
}

void loadFont(StdPrs_BRepFont& font, const TextOptions& o, Font_FontAspect aspect, double size, const std::string& op) {
  Handle(Font_FontMgr) mgr = Font_FontMgr::GetInstance();
  if (o.fontPath) {
    const std::string& path = *o.fontPath;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      throwApiError(op, "fontPath: there is no font file at \"" + path + "\"",
                    "give the full path of a .ttf or .otf file, or leave fontPath out to use a system font by name");
    if (mgr->CheckFont(path.c_str()).IsNull() || !font.Init(NCollection_String(path.c_str()), size, 0))
      throwApiError(op, "fontPath: \"" + path + "\" is not a font file that can be read",
                    "use a TrueType (.ttf) or OpenType (.otf) font");
    return;
  }
  const std::string family = o.font.value_or(kDefaultFont);
  Font_FontAspect found = aspect;
  Handle(Font_SystemFont) sys = mgr->FindFont(TCollection_AsciiString(family.c_str()), Font_StrictLevel_Aliases, found,
                                              Standard_False);
  if (sys.IsNull()) {
    const std::string installed = installedFamilies(mgr);
    throwApiError(op, "font \"" + family + "\" is not installed",
                  (o.font ? "leave font out to use the default " + std::string(kDefaultFont) + ", " : std::string()) +
                      "name an installed family (`fc-list : family` lists them" +
                      (installed.empty() ? std::string(": none found") : "; here: " + installed) +
                      "), or pass fontPath with a .ttf/.otf file");
  }
  if (!font.FindAndInit(sys->FontName(), aspect, size, Font_StrictLevel_Aliases))
    throwGeometryError(op, "could not load font \"" + std::string(sys->FontName().ToCString()) + "\"");
}

bool hasVisibleCharacter(const std::string& s) {
  for (unsigned char c : s)
    if (!std::isspace(c)) return true;
  return false;
}

}  // namespace

TopoDS_Shape makeText(const std::string& text, double size, double height, const TextOptions& o, const Plane& position,
                   const std::string& op) {
  if (!hasVisibleCharacter(text))
    throwApiError(op, "the text is empty or only spaces", "pass the characters to write, e.g. text(\"A1\", 5, 1)");
  WorkplaneOps::requirePositive(op, "fontsize", size);
  WorkplaneOps::requireFinite(op, "distance", height);
  if (text.size() > 10000)
    throw KernelError(ErrorKind::Limit, op, "the text has " + std::to_string(text.size()) + " characters",
                      "engrave at most a few hundred characters");
  const Font_FontAspect aspect = aspectOf(o.kind, op);
  const auto hAlign = halignOf(o.halign, op);
  const auto vAlign = valignOf(o.valign, op);

  std::lock_guard<std::mutex> lock(fontMutex());
  return guardOcct(op, [&] {
    StdPrs_BRepFont font;
    loadFont(font, o, aspect, size, op);
    Font_BRepTextBuilder builder;
    TopoDS_Shape flat = builder.Perform(font, NCollection_String(text.c_str()), gp_Ax3(), hAlign, vAlign);
    if (flat.IsNull() || subShapes(flat, TopAbs_FACE).empty())
      throwGeometryError(op, "the font has no outlines for \"" + text + "\"",
                         "use characters the font contains, or another font");
    TopoDS_Shape shape = flat;
    if (height != 0) {
      // Along the first glyph face's normal, as CadQuery does (+Z for OCCT's text faces).
      gp_Vec normal(faceNormalAt(subShapes(flat, TopAbs_FACE).front()));
      BRepPrimAPI_MakePrism prism(flat, normal * height);
      if (!prism.IsDone()) throwGeometryError(op, "could not extrude the text");
      shape = prism.Shape();
    }
    BRepBuilderAPI_Transform place(shape, position.localToWorld(), Standard_True);
    if (!place.IsDone()) throwGeometryError(op, "could not place the text on the workplane");
    return place.Shape();
  });
}

WorkplanePtr Workplane::text(const std::string& txt, double fontsize, double distance,
                             const TextOptions& options) const {
  TopoDS_Shape made = makeText(txt, fontsize, distance, options, m_plane, "text");
  return WorkplaneOps::combineNew(*this, {made}, options.combine, options.clean, "text");
}

}  // namespace partsmith::kernel
