#include "io/brep_writer.h"

#include <sstream>
#include <vector>

#include <BRepTools.hxx>
#include <Standard_Failure.hxx>
#include <TopTools_FormatVersion.hxx>

#include "io/export_error.h"
#include "io/file_output.h"
#include "kernel/shape_utils.h"

namespace partsmith::io {

void BrepWriter::transfer(const kernel::PartList& parts) {
  std::vector<TopoDS_Shape> shapes;
  for (const auto& part : parts) {
    if (part.shape.IsNull())
      throw ExportError({}, "part '" + part.name + "' has no geometry");
    shapes.push_back(part.shape);
  }
  if (shapes.empty())
    throw ExportError({}, "no geometry to export");
  m_shape = kernel::makeCompound(shapes);
}

void BrepWriter::writeFile(const std::string& path) const {
  if (m_shape.IsNull())
    throw ExportError(path, "no geometry to export");
  // Serialised in memory first: TopTools_ShapeSet::Write imbues a locale on the stream,
  // and on a failing std::ofstream that throws std::bad_cast instead of reporting errno.
  std::ostringstream text;
  try {
    BRepTools::Write(m_shape, text, /*theWithTriangles=*/Standard_False,
                     /*theWithNormals=*/Standard_False, TopTools_FormatVersion_VERSION_1);
  } catch (const Standard_Failure& failure) {
    throw ExportError(path, std::string("the BREP writer failed: ") + failure.GetMessageString());
  }
  if (!text)
    throw ExportError(path, "the BREP writer failed to serialise the shapes");
  FileOutput out(path);
  out.write(text.str());
  out.close();
}

}  // namespace partsmith::io
