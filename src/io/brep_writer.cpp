#include "io/brep_writer.h"

#include <cerrno>
#include <fstream>
#include <vector>

#include <BRepTools.hxx>
#include <Standard_Failure.hxx>
#include <TopTools_FormatVersion.hxx>

#include "io/export_error.h"
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
  errno = 0;
  std::ofstream out(path, std::ios::trunc);
  if (!out)
    throw ExportError(path, reasonFromErrno(errno ? errno : EACCES));
  try {
    BRepTools::Write(m_shape, out, /*theWithTriangles=*/Standard_False,
                     /*theWithNormals=*/Standard_False, TopTools_FormatVersion_VERSION_1);
  } catch (const Standard_Failure& failure) {
    throw ExportError(path, std::string("the BREP writer failed: ") + failure.GetMessageString());
  }
  out.flush();
  const int writeErrno = errno;
  const bool good = out.good();
  out.close();
  if (!good || out.fail())
    throw ExportError(path, reasonFromErrno(writeErrno ? writeErrno : (errno ? errno : EIO)));
}

}  // namespace partsmith::io
