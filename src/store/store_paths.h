// Where the database lives: $PARTSMITH_DB, else $XDG_DATA_HOME/partsmith/partsmith.db, else
// ~/.local/share/partsmith/partsmith.db (the XDG default). `--db` overrides all of these.
#pragma once
#include <string>

namespace partsmith::store {

std::string defaultDatabasePath();
std::string backupDirectoryFor(const std::string& databasePath);  // "<folder of the db>/backups"

}  // namespace partsmith::store
