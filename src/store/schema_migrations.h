// The schema, as numbered migrations. `PRAGMA user_version` holds the number of the last one
// applied; each step runs in its own transaction, so a crash mid-upgrade leaves the previous
// version intact. Steps are append-only: never edit one that has shipped, add a new one.
#pragma once

namespace partsmith::store {

class Database;

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

int latestSchemaVersion();
int schemaVersion(Database& db);

// Applies every step above the file's version up to `target` (default: all); returns how
// many ran. Throws StoreError (TooNew) for a file written by a newer Partsmith rather than
// touching it.
int migrate(Database& db, int target = 0);

}  // namespace partsmith::store
