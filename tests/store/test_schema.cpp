#include <catch2/catch.hpp>

#include <filesystem>

#include "store/database.h"
#include "store/schema_migrations.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store/store_paths.h"
#include "store/store_util.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;
namespace fs = std::filesystem;

TEST_CASE("a new database gets the whole schema, WAL, foreign keys and a busy timeout", "[store][schema]") {
  test::TempDir dir;
  const std::string path = dir.file("sub/folder/partsmith.db");  // folders are created
  Store s(path, test::bareOptions());
  CHECK(s.openReport().created);
  CHECK(s.openReport().migrationsApplied == latestSchemaVersion());
  CHECK(schemaVersion(s.db()) == latestSchemaVersion());
  CHECK(s.db().queryText("PRAGMA journal_mode") == "wal");
  CHECK(s.db().queryInt("PRAGMA foreign_keys") == 1);
  CHECK(s.db().queryInt("PRAGMA busy_timeout") == 10000);
  CHECK(s.db().queryInt("PRAGMA synchronous") == 2);  // FULL
  for (const char* table : {"conversations", "messages", "generations", "generation_steps", "generation_stages",
                            "generation_scores", "ratings", "exports", "library_examples", "library_fts",
                            "workbench_prompts", "experiments", "experiment_variants", "experiment_prompts", "runs",
                            "run_items", "messages_fts", "conversations_fts", "meta"}) {
    INFO(table);
    CHECK(s.db().queryInt(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") + table + "'") == 1);
  }
  CHECK(s.db().queryText("PRAGMA integrity_check") == "ok");
  CHECK(s.db().queryInt("SELECT count(*) FROM pragma_foreign_key_check") == 0);
}

TEST_CASE("reopening runs no migration twice and keeps the data", "[store][schema]") {
  test::TempDir dir;
  const std::string path = dir.file("p.db");
  int64_t id = 0;
  {
    Store s(path, test::bareOptions());
    id = s.conversations().create("kept").id;
  }
  Store again(path, test::bareOptions());
  CHECK_FALSE(again.openReport().created);
  CHECK(again.openReport().migrationsApplied == 0);
  CHECK(again.conversations().get(id).title == "kept");
}

TEST_CASE("an old schema is upgraded step by step after a backup", "[store][schema]") {
  test::TempDir dir;
  const std::string path = dir.file("old.db");
  {
    // A file as an older Partsmith left it: only the first two steps.
    Database db(path, Database::OpenMode::ReadWriteCreate);
    db.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
    CHECK(migrate(db, 2) == 2);
    db.exec("INSERT INTO conversations (uuid, title, created_at, updated_at) VALUES ('u1', 'from version 2', 1, 1)");
  }
  StoreOptions options = test::bareOptions();
  options.autoBackup = true;
  Store upgraded(path, options);
  CHECK(upgraded.openReport().migrationsApplied == latestSchemaVersion() - 2);
  REQUIRE(upgraded.openReport().backupMade);
  CHECK(upgraded.openReport().backupMade->find("pre-migration") != std::string::npos);
  CHECK(upgraded.conversations().listRecent(10).at(0).conversation.title == "from version 2");
  // The history index was built over the rows that existed before the upgrade.
  CHECK(upgraded.conversations().search("version").size() == 1);
  CHECK(upgraded.db().queryText("PRAGMA integrity_check") == "ok");
}

TEST_CASE("a file from a newer Partsmith is refused and left untouched", "[store][schema]") {
  test::TempDir dir;
  const std::string path = dir.file("new.db");
  {
    Store s(path, test::bareOptions());
    s.db().exec("PRAGMA user_version = 99");
  }
  const auto before = fs::file_size(path);
  try {
    Store s(path, test::bareOptions());
    FAIL("opened a newer schema");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::TooNew);
    CHECK(std::string(e.what()).find("update Partsmith") != std::string::npos);
  }
  CHECK(fs::file_size(path) == before);
  Database raw(path, Database::OpenMode::ReadOnly);
  CHECK(schemaVersion(raw) == 99);
}

TEST_CASE("first run seeds the library from resources/examples", "[store][library]") {
  test::TempDir dir;
  StoreOptions options;
  options.autoBackup = false;
  options.examplesDir = test::examplesDir();
  int files = 0;
  for (const auto& entry : fs::directory_iterator(test::examplesDir()))
    if (entry.path().extension() == ".js") ++files;
  REQUIRE(files > 0);
  const std::string path = dir.file("seeded.db");
  {
    Store s(path, options);
    CHECK(s.openReport().examplesSeeded == files);
    CHECK(s.openReport().seedErrors.empty());
    CHECK(s.library().count("approved") == files);
    auto bracket = s.library().search("mounting bracket with clearance holes");
    REQUIRE_FALSE(bracket.empty());
    CHECK(bracket[0].example.source == "seed");
    CHECK(bracket[0].example.sourcePath.value_or("").find(".js") != std::string::npos);
    CHECK_FALSE(bracket[0].example.prompt.empty());
    CHECK_FALSE(bracket[0].example.techniques.empty());
  }
  // Seeding happens once: a user's deletion is not undone on the next start.
  {
    Store s(path, options);
    auto all = s.library().list();
    s.library().remove(all.at(0).id);
  }
  Store s(path, options);
  CHECK(s.openReport().examplesSeeded == 0);
  CHECK(s.library().count() == files - 1);
}

TEST_CASE("the database lives in the XDG data directory unless overridden", "[store][paths]") {
  const char* savedDb = std::getenv("PARTSMITH_DB");
  const char* savedXdg = std::getenv("XDG_DATA_HOME");
  std::string keepDb = savedDb ? savedDb : "", keepXdg = savedXdg ? savedXdg : "";
  unsetenv("PARTSMITH_DB");
  setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
  CHECK(defaultDatabasePath() == "/tmp/xdg-data/partsmith/partsmith.db");
  setenv("XDG_DATA_HOME", "relative/ignored", 1);
  CHECK(defaultDatabasePath() == std::string(std::getenv("HOME")) + "/.local/share/partsmith/partsmith.db");
  setenv("PARTSMITH_DB", "/tmp/elsewhere.db", 1);
  CHECK(defaultDatabasePath() == "/tmp/elsewhere.db");
  CHECK(backupDirectoryFor("/tmp/x/partsmith.db") == "/tmp/x/backups");
  if (savedDb) setenv("PARTSMITH_DB", keepDb.c_str(), 1); else unsetenv("PARTSMITH_DB");
  if (savedXdg) setenv("XDG_DATA_HOME", keepXdg.c_str(), 1); else unsetenv("XDG_DATA_HOME");
}

TEST_CASE("secrets are redacted before anything is stored", "[store][secrets]") {
  CHECK(redactSecrets("my key is sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123") == "my key is [redacted]");
  CHECK(redactSecrets("Authorization: Bearer abcdefghijklmnop1234") == "Authorization: Bearer [redacted]");
  CHECK(redactSecrets("{\"api_key\": \"0123456789abcdef0123\"}") == "{\"api_key\": \"[redacted]\"}");
  CHECK(redactSecrets("a box 20 mm with a key slot") == "a box 20 mm with a key slot");
  test::TempDir dir;
  Store s(dir.file("s.db"), test::bareOptions());
  auto c = s.conversations().create("chat");
  NewMessage m;
  m.role = "user";
  m.content = "use OPENAI key sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX for this";
  s.conversations().appendMessage(c.id, m);
  CHECK(s.db().queryInt("SELECT count(*) FROM messages WHERE content LIKE '%ABCDEFGHIJKLMNOP%'") == 0);
  CHECK(s.db().queryInt("SELECT count(*) FROM messages WHERE content LIKE '%[redacted]%'") == 1);
}

TEST_CASE("free text becomes a safe FTS5 query", "[store][search]") {
  CHECK(ftsQuery("M4 bracket") == "\"M4\" OR \"bracket\"*");
  CHECK(ftsQuery("M4 bracket", true) == "\"M4\" \"bracket\"*");
  CHECK(ftsQuery("NOT -AND: \"x\"") == "\"NOT\" OR \"AND\" OR \"x\"*");
  CHECK(ftsQuery("  ,;  ").empty());
}
