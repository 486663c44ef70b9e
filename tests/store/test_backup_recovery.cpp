#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "store/backup_manager.h"
#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;
namespace fs = std::filesystem;

namespace {

void writeConversation(Store& s, const std::string& title, int messages) {
  auto c = s.conversations().create(title);
  for (int i = 0; i < messages; ++i) {
    NewMessage m;
    m.role = i % 2 ? "assistant" : "user";
    m.content = title + " message " + std::to_string(i);
    s.conversations().appendMessage(c.id, m);
  }
}

void overwrite(const std::string& path, std::streamoff offset, size_t bytes, char value) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(offset);
  std::string junk(bytes, value);
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

StoreOptions withBackups() {
  StoreOptions o = test::bareOptions();
  o.autoBackup = true;
  return o;
}

}  // namespace

TEST_CASE("automatic backups are consistent, verified and rotated", "[store][backup]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  StoreOptions options = withBackups();
  options.backupKeep = 3;
  options.backupIntervalMs = 0;  // every open is "due"
  { Store s(path, options); }      // a new file: nothing to back up yet
  CHECK(BackupManager(path).list().empty());
  for (int i = 0; i < 5; ++i) {
    Store s(path, options);
    REQUIRE(s.openReport().backupMade);
    writeConversation(s, "round " + std::to_string(i), 2);
  }
  BackupManager manager(path, 3);
  auto backups = manager.list();
  CHECK(backups.size() == 3);
  for (const auto& b : backups) {
    CHECK(b.label == "auto");
    CHECK(BackupManager::verify(b.path));
    CHECK_FALSE(fs::exists(b.path + "-wal"));  // a backup is one self-contained file
  }
  CHECK(backups[0].createdMs >= backups[1].createdMs);
  // Manual backups are never rotated away.
  {
    StoreOptions keepThree = test::bareOptions();
    keepThree.backupKeep = 3;
    Store s(path, keepThree);
    s.backups().createBackup(s.db(), "manual");
    s.backups().createBackup(s.db(), "auto");
  }
  backups = manager.list();
  CHECK(backups.size() == 4);
  CHECK(std::count_if(backups.begin(), backups.end(), [](const BackupInfo& b) { return b.label == "manual"; }) == 1);
  // The newest backup holds everything written before it.
  Database copy(manager.newestGood().value(), Database::OpenMode::ReadOnly);
  CHECK(copy.queryInt("SELECT count(*) FROM conversations") == 5);
  // Not due again right after a backup with a day's interval.
  Store s(path, withBackups());
  CHECK_FALSE(s.openReport().backupMade);
}

TEST_CASE("a file that is not a database gives a clear error and is never replaced", "[store][recovery]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  {
    Store s(path, test::bareOptions());
    writeConversation(s, "precious", 4);
    s.backups().createBackup(s.db(), "auto");
  }
  overwrite(path, 0, 100, 'x');
  const auto size = fs::file_size(path);
  try {
    Store s(path, withBackups());
    FAIL("opened a damaged file");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Corrupt);
    CHECK(std::string(e.what()).find("not a Partsmith database") != std::string::npos);
    CHECK_FALSE(e.restorableBackup().empty());
    CHECK(std::string(e.what()).find("partsmith-cli db restore") != std::string::npos);
  }
  CHECK(fs::file_size(path) == size);  // untouched: no silent new empty database

  BackupManager manager(path);
  std::string said = manager.restore(manager.newestGood().value());
  CHECK(said.find("damaged file was moved") != std::string::npos);
  Store s(path, test::bareOptions());
  CHECK(s.conversations().search("precious").size() == 5);  // the title and its 4 messages
}

TEST_CASE("damaged pages are caught on open; restore brings the history back", "[store][recovery]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  {
    Store s(path, test::bareOptions());
    for (int i = 0; i < 30; ++i) writeConversation(s, "chat " + std::to_string(i), 6);
    s.backups().createBackup(s.db(), "auto");
    writeConversation(s, "after the backup", 2);
  }
  const auto pages = fs::file_size(path) / 4096;
  REQUIRE(pages > 8);
  // Wreck every page but the header page.
  for (uintmax_t page = 1; page < pages; ++page) overwrite(path, static_cast<std::streamoff>(page * 4096), 4096, '\x55');
  std::string backup;
  try {
    Store s(path, withBackups());
    FAIL("opened a damaged file");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Corrupt);
    CHECK(std::string(e.what()).find("damaged") != std::string::npos);
    backup = e.restorableBackup();
  }
  REQUIRE_FALSE(backup.empty());
  BackupManager(path).restore(backup);
  Store s(path, test::bareOptions());
  CHECK(s.conversations().count() == 30);
  CHECK(s.db().queryText("PRAGMA integrity_check") == "ok");
  bool keptAside = false;
  for (const auto& entry : fs::directory_iterator(dir.path()))
    keptAside = keptAside || entry.path().filename().string().find("partsmith.db.damaged-") == 0;
  CHECK(keptAside);
}

TEST_CASE("an emptied file with backups beside it is not taken for a new database", "[store][recovery]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  {
    Store s(path, test::bareOptions());
    writeConversation(s, "x", 1);
    s.backups().createBackup(s.db(), "auto");
  }
  fs::resize_file(path, 0);
  fs::remove(path + "-wal");
  CHECK_THROWS_WITH(Store(path, test::bareOptions()), Catch::Contains("is empty although backups of it exist"));
  CHECK(fs::file_size(path) == 0);
}

TEST_CASE("restoring over a healthy database keeps the replaced state as a backup", "[store][backup]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  std::string early;
  {
    Store s(path, test::bareOptions());
    writeConversation(s, "early", 1);
    early = s.backups().createBackup(s.db(), "manual");
    writeConversation(s, "late", 1);
  }
  // Another connection stays open during the restore (the app, while the CLI restores).
  Store app(path, test::bareOptions());
  std::string said = BackupManager(path).restore(early);
  CHECK(said.find("pre-restore") != std::string::npos);
  CHECK(app.conversations().count() == 1);
  CHECK(app.conversations().search("late").empty());
  auto backups = BackupManager(path).list();
  CHECK(std::any_of(backups.begin(), backups.end(), [](const BackupInfo& b) { return b.label == "pre-restore"; }));
  // A damaged backup is refused before anything is touched.
  const std::string bad = dir.file("bad.db");
  std::ofstream(bad) << "not a database";
  CHECK_THROWS_WITH(BackupManager(path).restore(bad), Catch::Contains("not usable"));
  CHECK(app.conversations().count() == 1);
}

TEST_CASE("a full disk gives a clear error, loses nothing saved and corrupts nothing", "[store][diskfull]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  Store s(path, test::bareOptions());
  auto c = s.conversations().create("filling up");
  const int64_t limit = s.db().queryInt("PRAGMA page_count") + 3;
  s.db().exec("PRAGMA max_page_count = " + std::to_string(limit));
  const std::string big(3000, 'z');
  int saved = 0;
  bool full = false;
  for (int i = 0; i < 200 && !full; ++i) {
    NewMessage m;
    m.role = "user";
    m.content = std::to_string(i) + " " + big;
    try {
      s.conversations().appendMessage(c.id, m);
      ++saved;
    } catch (const StoreError& e) {
      full = true;
      CHECK(e.kind() == StoreError::Kind::DiskFull);
      CHECK(std::string(e.what()).find("could not save the message: the disk holding") == 0);
      CHECK(std::string(e.what()).find("nothing of this change was saved") != std::string::npos);
    }
  }
  REQUIRE(full);
  CHECK(saved > 0);
  CHECK(s.db().queryInt("SELECT count(*) FROM messages") == saved);
  CHECK(s.conversations().activeBranch(c.id).size() == static_cast<size_t>(saved));
  CHECK(s.db().queryText("PRAGMA integrity_check") == "ok");
  // Space again: writing resumes on the same connection.
  s.db().exec("PRAGMA max_page_count = 1000000");
  NewMessage m;
  m.role = "user";
  m.content = "after cleanup";
  s.conversations().appendMessage(c.id, m);
  CHECK(s.db().queryInt("SELECT count(*) FROM messages") == saved + 1);
}

TEST_CASE("a damaged file without backups says so and is still left alone", "[store][recovery]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  { Store s(path, test::bareOptions()); }
  overwrite(path, 0, 16, '?');
  try {
    Store s(path, withBackups());
    FAIL("opened a damaged file");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Corrupt);
    CHECK(e.restorableBackup().empty());
    CHECK(std::string(e.what()).find("no good backup was found in " + dir.file("backups")) != std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir.file("backups")));
  std::ifstream in(path, std::ios::binary);
  char head[16];
  in.read(head, 16);
  CHECK(std::string(head, 16) == std::string(16, '?'));
}
