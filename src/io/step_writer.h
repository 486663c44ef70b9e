// STEP through an XCAF document: each part a named product with its sRGB colour, in mm.
#pragma once
#include <memory>
#include <string>

#include "io/export_options.h"
#include "kernel/part.h"

namespace partsmith::io {

class StepWriter {
 public:
  explicit StepWriter(ExportOptions options);
  ~StepWriter();

  // Builds the XCAF document (one free shape per part, or one compound when merged).
  // Throws ExportError (no path) for an empty part list, a part without geometry or an
  // unknown schema.
  void transfer(const kernel::PartList& parts);
  // Translates the document to STEP and writes it; never prints on stdout.
  void writeFile(const std::string& path);

 private:
  struct Document;
  ExportOptions m_options;
  std::unique_ptr<Document> m_document;
};

// The Interface_Static value of write.step.schema for a user-facing schema name
// ("AP214" -> "AP214IS"); throws ExportError listing the supported names.
std::string stepSchemaStaticValue(const std::string& schema);

}  // namespace partsmith::io
