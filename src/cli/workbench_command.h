// `partsmith-cli workbench`: the workbench from the command line — the prompt curriculum
// (list, add, import) and, built on it, batch runs. The shipped curriculum is loaded into the
// database the first time any workbench subcommand opens it. `--db PATH` (anywhere after
// `workbench`) picks the file; otherwise $PARTSMITH_DB or the XDG data directory.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

// Exit status: 0 success, 1 the work failed (bad rows in a file, database error), 2 bad usage
// (thrown as UsageError, e.g. an unknown subcommand).
int workbenchCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
