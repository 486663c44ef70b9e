#include "io/step_writer.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <vector>

#include <APIHeaderSection_MakeHeader.hxx>
#include <IFSelect_ReturnStatus.hxx>
#include <Quantity_ColorRGBA.hxx>
#include <STEPCAFControl_Writer.hxx>
#include <STEPControl_StepModelType.hxx>
#include <Standard_Failure.hxx>
#include <TCollection_ExtendedString.hxx>
#include <TCollection_HAsciiString.hxx>
#include <TDataStd_Name.hxx>
#include <TDocStd_Document.hxx>
#include <TopoDS_Compound.hxx>
#include <BRep_Builder.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <TopLoc_Location.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>

#include "io/export_error.h"
#include "io/interface_static_guard.h"
#include "io/occt_messages.h"

namespace partsmith::io {

struct StepWriter::Document {
  Handle(TDocStd_Document) doc;
  std::string modelName;
  bool hasSubShapeNames = false;

  ~Document() {
    if (!doc.IsNull() && doc->IsOpened()) {
      std::lock_guard<std::mutex> lock(xdeGlobalMutex());
      XCAFApp_Application::GetApplication()->Close(doc);
    }
  }
};

namespace {

void setName(const TDF_Label& label, const std::string& name) {
  TDataStd_Name::Set(label, TCollection_ExtendedString(name.c_str(), /*isMultiByte=*/true));
}

// Part colours are sRGB; Quantity_TOC_RGB would be taken as linear (occt-qt-notes §0.7).
void setColor(const Handle(XCAFDoc_ColorTool)& colors, const TDF_Label& label,
              const kernel::Color& c) {
  const Quantity_ColorRGBA rgba(Quantity_Color(c.r, c.g, c.b, Quantity_TOC_sRGB),
                                static_cast<float>(c.a));
  colors->SetColor(label, rgba, XCAFDoc_ColorGen);
  colors->SetColor(label, rgba, XCAFDoc_ColorSurf);
}

// A shape with a location (moved, located, placed in an assembly) reaches XCAF as an instance
// of an unlocated prototype: the writer then emits the prototype as a separate product
// without our name, and a reader sees "1", "2", ... The location is applied to a copy of the
// geometry instead, so every part stays one plain, named product.
TopoDS_Shape placed(const kernel::Part& part) {
  const TopoDS_Shape& shape = part.shape;
  if (shape.Location().IsIdentity())
    return shape;
  try {
    BRepBuilderAPI_Transform transform(shape.Located(TopLoc_Location()),
                                       shape.Location().Transformation(), Standard_True);
    if (!transform.IsDone())
      throw ExportError({}, "part '" + part.name + "' could not be placed at its location");
    return transform.Shape();
  } catch (const Standard_Failure& failure) {
    throw ExportError({}, "part '" + part.name + "' could not be placed at its location: " +
                              failure.GetMessageString());
  }
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

}  // namespace

std::string stepSchemaStaticValue(const std::string& schema) {
  const std::string s = upper(schema);
  if (s == "AP214" || s == "AP214IS")
    return "AP214IS";
  if (s == "AP203")
    return "AP203";
  if (s == "AP242" || s == "AP242DIS")
    return "AP242DIS";
  throw ExportError({}, "unknown STEP schema '" + schema + "' (supported: AP203, AP214, AP242)");
}

StepWriter::StepWriter(ExportOptions options) : m_options(std::move(options)) {}

StepWriter::~StepWriter() = default;

void StepWriter::transfer(const kernel::PartList& parts) {
  stepSchemaStaticValue(m_options.stepSchema);  // fail before any work on a bad option
  if (parts.empty())
    throw ExportError({}, "no geometry to export");
  for (const auto& part : parts)
    if (part.shape.IsNull())
      throw ExportError({}, "part '" + part.name + "' has no geometry");

  std::vector<TopoDS_Shape> shapesInPlace;
  for (const auto& part : parts)
    shapesInPlace.push_back(placed(part));

  m_document.reset();  // closing a document takes the lock, so not while holding it
  auto document = std::make_unique<Document>();
  document->modelName = mergedBodyName(parts);
  std::lock_guard<std::mutex> lock(xdeGlobalMutex());
  XCAFApp_Application::GetApplication()->NewDocument("MDTV-XCAF", document->doc);
  const TDF_Label main = document->doc->Main();
  Handle(XCAFDoc_ShapeTool) shapes = XCAFDoc_DocumentTool::ShapeTool(main);
  Handle(XCAFDoc_ColorTool) colors = XCAFDoc_DocumentTool::ColorTool(main);
  // Our names are the product names; auto-naming would add "SOLID"/"COMPOUND" names. The
  // flag is process-global, so put it back afterwards.
  struct AutoNamingOff {
    const bool old = XCAFDoc_ShapeTool::AutoNaming();
    AutoNamingOff() { XCAFDoc_ShapeTool::SetAutoNaming(false); }
    ~AutoNamingOff() { XCAFDoc_ShapeTool::SetAutoNaming(old); }
  } autoNamingOff;

  if (m_options.merged) {
    TopoDS_Compound compound;
    BRep_Builder builder;
    builder.MakeCompound(compound);
    for (const auto& shape : shapesInPlace)
      builder.Add(compound, shape);
    const TDF_Label body = shapes->AddShape(compound, /*makeAssembly=*/false);
    setName(body, mergedBodyName(parts));
    // Each part stays identifiable inside the single body: a named, coloured sub-shape.
    for (size_t i = 0; i < parts.size(); ++i) {
      const kernel::Part& part = parts[i];
      const TDF_Label sub = shapes->AddSubShape(body, shapesInPlace[i]);
      if (sub.IsNull())
        continue;
      setName(sub, part.name);
      if (part.color)
        setColor(colors, sub, *part.color);
    }
    document->hasSubShapeNames = true;
  } else {
    for (size_t i = 0; i < parts.size(); ++i) {
      const kernel::Part& part = parts[i];
      const TDF_Label label = shapes->AddShape(shapesInPlace[i], /*makeAssembly=*/false);
      setName(label, part.name);
      if (part.color)
        setColor(colors, label, *part.color);
    }
  }
  m_document = std::move(document);
}

void StepWriter::writeFile(const std::string& path) {
  if (!m_document)
    throw ExportError(path, "no geometry to export");
  silenceOcctStdout();

  InterfaceStaticGuard statics;
  statics.set("write.step.schema", stepSchemaStaticValue(m_options.stepSchema));
  statics.set("write.step.unit", "MM");
  statics.set("write.step.assembly", "0");  // "Auto": a single part stays a plain product
  statics.set("write.stepcaf.subshapes.name", m_document->hasSubShapeNames ? "1" : "0");

  try {
    STEPCAFControl_Writer writer;
    // write.step.schema is read when the STEP model is created, so start a fresh one.
    writer.ChangeWriter().Model(Standard_True);
    writer.SetColorMode(true);
    writer.SetNameMode(true);
    writer.SetLayerMode(false);
    writer.SetPropsMode(false);
    if (!writer.Transfer(m_document->doc, STEPControl_AsIs))
      throw ExportError(path, "the shapes could not be translated to STEP");

    // The file name is not used: the exporter writes to a temporary name first.
    APIHeaderSection_MakeHeader header(writer.ChangeWriter().Model());
    header.SetName(new TCollection_HAsciiString(m_document->modelName.c_str()));
    header.SetAuthorValue(1, new TCollection_HAsciiString(""));
    header.SetOrganizationValue(1, new TCollection_HAsciiString(""));
    header.SetOriginatingSystem(new TCollection_HAsciiString("Partsmith"));
    header.SetAuthorisation(new TCollection_HAsciiString(""));

    errno = 0;
    const IFSelect_ReturnStatus status = writer.Write(path.c_str());
    if (status != IFSelect_RetDone) {
      const int error = errno;
      throw ExportError(path, error ? reasonFromErrno(error)
                                    : std::string("the STEP writer failed to write the file"));
    }
  } catch (const Standard_Failure& failure) {
    throw ExportError(path, std::string("the STEP translator failed: ") +
                                failure.GetMessageString());
  }
}

}  // namespace partsmith::io
