// `partsmith-cli db`: the database from the command line — stats, check, backup, restore,
// export-training, import-examples, bench. `--db PATH` (anywhere after `db`) picks the file;
// otherwise $PARTSMITH_DB or the XDG data directory.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

int dbCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
