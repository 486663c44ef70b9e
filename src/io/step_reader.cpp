#include "io/step_reader.h"

#include <filesystem>
#include <system_error>

#include <IFSelect_ReturnStatus.hxx>
#include <Quantity_ColorRGBA.hxx>
#include <STEPCAFControl_Reader.hxx>
#include <Standard_Failure.hxx>
#include <TCollection_AsciiString.hxx>
#include <TDF_LabelSequence.hxx>
#include <TDataStd_Name.hxx>
#include <TDocStd_Document.hxx>
#include <TopLoc_Location.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>

#include "io/import_error.h"
#include "io/interface_static_guard.h"
#include "io/occt_messages.h"

namespace partsmith::io {
namespace {

std::string nameOf(const TDF_Label& label) {
  Handle(TDataStd_Name) name;
  if (label.IsNull() || !label.FindAttribute(TDataStd_Name::GetID(), name))
    return {};
  return TCollection_AsciiString(name->Get()).ToCString();  // UTF-8
}

std::optional<kernel::Color> ownColorOf(const Handle(XCAFDoc_ColorTool)& colors,
                                        const TDF_Label& label) {
  Quantity_ColorRGBA rgba;
  if (label.IsNull() || !(colors->GetColor(label, XCAFDoc_ColorSurf, rgba) ||
                          colors->GetColor(label, XCAFDoc_ColorGen, rgba)))
    return std::nullopt;
  kernel::Color color;
  rgba.GetRGB().Values(color.r, color.g, color.b, Quantity_TOC_sRGB);
  color.a = rgba.Alpha();
  return color;
}

// A shape's colour, else the first colour found on one of its sub-shapes (files from
// other CAD tools often colour faces rather than the body).
std::optional<kernel::Color> colorOf(const Handle(XCAFDoc_ShapeTool)& shapes,
                                     const Handle(XCAFDoc_ColorTool)& colors,
                                     const TDF_Label& label) {
  if (auto color = ownColorOf(colors, label))
    return color;
  TDF_LabelSequence subShapes;
  if (shapes->GetSubShapes(label, subShapes))
    for (Standard_Integer i = 1; i <= subShapes.Length(); ++i)
      if (auto color = ownColorOf(colors, subShapes.Value(i)))
        return color;
  return std::nullopt;
}

struct Walker {
  Handle(XCAFDoc_ShapeTool) shapes;
  Handle(XCAFDoc_ColorTool) colors;
  kernel::PartList parts;

  // `label` is a shape definition; `instance` the component label placing it (or null).
  void visit(const TDF_Label& label, const TDF_Label& instance, const TopLoc_Location& location,
             const std::optional<kernel::Color>& inherited) {
    std::optional<kernel::Color> color = ownColorOf(colors, instance);
    if (!color)
      color = colorOf(shapes, colors, label);
    if (!color)
      color = inherited;

    if (XCAFDoc_ShapeTool::IsAssembly(label)) {
      TDF_LabelSequence components;
      XCAFDoc_ShapeTool::GetComponents(label, components, /*getsubchilds=*/false);
      for (Standard_Integer i = 1; i <= components.Length(); ++i) {
        const TDF_Label component = components.Value(i);
        TDF_Label referred;
        if (!XCAFDoc_ShapeTool::GetReferredShape(component, referred))
          continue;
        visit(referred, component, location * XCAFDoc_ShapeTool::GetLocation(component), color);
      }
      return;
    }

    TopoDS_Shape shape = XCAFDoc_ShapeTool::GetShape(label);
    if (shape.IsNull())
      return;
    std::string name = nameOf(instance);
    if (name.empty())
      name = nameOf(label);
    if (name.empty())
      name = "part " + std::to_string(parts.size() + 1);
    parts.push_back({name, shape.Moved(location), color});
  }
};

}  // namespace

kernel::PartList StepReader::read(const std::string& path) const {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw ImportError(path, "file does not exist");
  if (std::filesystem::is_directory(path, ec))
    throw ImportError(path, "the path is a directory");
  silenceOcctStdout();

  InterfaceStaticGuard statics;
  statics.set("xstep.cascade.unit", "MM");  // shapes come back in millimetres
  statics.set("read.step.product.mode", "1");

  Handle(TDocStd_Document) doc;
  XCAFApp_Application::GetApplication()->NewDocument("MDTV-XCAF", doc);
  struct CloseDocument {
    Handle(TDocStd_Document)& doc;
    ~CloseDocument() {
      if (!doc.IsNull() && doc->IsOpened())
        XCAFApp_Application::GetApplication()->Close(doc);
    }
  } closeDocument{doc};

  try {
    STEPCAFControl_Reader reader;
    reader.SetColorMode(true);
    reader.SetNameMode(true);
    reader.SetLayerMode(false);
    reader.SetPropsMode(false);
    if (reader.ReadFile(path.c_str()) != IFSelect_RetDone)
      throw ImportError(path, "not a readable STEP file");
    if (!reader.Transfer(doc))
      throw ImportError(path, "the STEP file's shapes could not be translated");
  } catch (const Standard_Failure& failure) {
    throw ImportError(path, std::string("the STEP translator failed: ") +
                                failure.GetMessageString());
  }

  Walker walker{XCAFDoc_DocumentTool::ShapeTool(doc->Main()),
                XCAFDoc_DocumentTool::ColorTool(doc->Main()),
                {}};
  TDF_LabelSequence roots;
  walker.shapes->GetFreeShapes(roots);
  for (Standard_Integer i = 1; i <= roots.Length(); ++i)
    walker.visit(roots.Value(i), TDF_Label(), TopLoc_Location(), std::nullopt);
  if (walker.parts.empty())
    throw ImportError(path, "the file contains no shapes");
  return walker.parts;
}

}  // namespace partsmith::io
