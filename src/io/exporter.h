// Export entry point: picks the format from the file extension and writes atomically.
#pragma once
#include <filesystem>
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

// Removes the temporary files that exports to `path` (and to the per-part files beside it,
// "<stem>-<part><ext>") left behind when their process was killed mid-write, as far as they
// were written at or after `since`. Older ones may belong to another export still running.
void removeTemporaryFiles(const std::string& path, std::filesystem::file_time_type since);

}  // namespace partsmith::io
