// Export entry point: picks the format from the file extension and writes atomically.
#pragma once
#include <string>

#include "io/export_error.h"
#include "io/export_options.h"
#include "kernel/part.h"

namespace partsmith::io {

// Writes `parts` to `path` in the format its extension names (.stl .step .stp .3mf .brep
// .brp). The data goes to a temporary file in the same directory that is renamed over
// `path` only when complete, so a failure (disk full, bad geometry) never leaves a
// half-written or clobbered file. Throws ExportError with the path and the reason.
void exportParts(const kernel::PartList& parts, const std::string& path,
                 const ExportOptions& options = {});

}  // namespace partsmith::io
