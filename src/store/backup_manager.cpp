#include "store/backup_manager.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <regex>

#include "store/database.h"
#include "store/schema_migrations.h"
#include "store/store_error.h"
#include "store/store_paths.h"
#include "store/store_util.h"

namespace partsmith::store {
namespace fs = std::filesystem;

namespace {

std::string timestampName(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%s-%03d", buf, static_cast<int>(ms % 1000));
  return out;
}

int64_t parseTimestamp(const std::string& text) {  // YYYYMMDD-HHMMSS-mmm (UTC)
  std::tm tm{};
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(6, 2));
  tm.tm_hour = std::stoi(text.substr(9, 2));
  tm.tm_min = std::stoi(text.substr(11, 2));
  tm.tm_sec = std::stoi(text.substr(13, 2));
  return static_cast<int64_t>(timegm(&tm)) * 1000 + std::stoi(text.substr(16, 3));
}

void fsyncPath(const fs::path& path, bool directory) {
  int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

bool isAutomatic(const std::string& label) { return label != "manual"; }

// Copies every page of `source` into `dest` in one pass; retries while another connection
// holds a lock that the copy has to wait for.
void runBackup(sqlite3* dest, sqlite3* source, Database& errorContext) {
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
  if (!backup) errorContext.fail(sqlite3_errcode(dest));
  int rc;
  int attempts = 0;
  while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    if (++attempts > 200) break;
    sqlite3_sleep(50);
  }
  int finish = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) errorContext.fail(rc);
  if (finish != SQLITE_OK) errorContext.fail(finish);
}

}  // namespace

BackupManager::BackupManager(std::string databasePath, int keepAutomatic)
    : m_databasePath(std::move(databasePath)),
      m_directory(backupDirectoryFor(m_databasePath)),
      m_stem(fs::path(m_databasePath).stem().string()),
      m_keep(std::max(1, keepAutomatic)) {}

void BackupManager::copyTo(Database& source, const std::string& target) {
  const std::string previous = source.operation();
  source.setOperation("back up the database to " + target);
  fs::path final(target);
  fs::path tmp = final;
  tmp += ".tmp";
  std::error_code ec;
  fs::remove(tmp, ec);
  try {
    {
      Database dest(tmp.string(), Database::OpenMode::ReadWriteCreate);
      dest.setOperation(source.operation());
      runBackup(dest.handle(), source.handle(), dest);
      // A backup is one self-contained file: no -wal beside it.
      dest.exec("PRAGMA journal_mode = DELETE");
    }
    fsyncPath(tmp, false);
    fs::rename(tmp, final);
    fsyncPath(final.parent_path().empty() ? fs::path(".") : final.parent_path(), true);
  } catch (...) {
    fs::remove(tmp, ec);
    source.setOperation(previous);
    throw;
  }
  source.setOperation(previous);
}

std::string BackupManager::createBackup(Database& source, const std::string& label) {
  std::error_code ec;
  fs::create_directories(m_directory, ec);
  if (ec)
    throw StoreError(StoreError::Kind::Access, "back up the database",
                     "cannot create the backup folder " + m_directory + " (" + ec.message() + ")");
  int64_t ms = nowMs();
  fs::path target;
  do {
    target = fs::path(m_directory) / (m_stem + "-" + timestampName(ms) + "-" + label + ".db");
    ++ms;
  } while (fs::exists(target));
  copyTo(source, target.string());
  if (isAutomatic(label)) rotate();
  return target.string();
}

std::vector<BackupInfo> BackupManager::list() const {
  std::vector<BackupInfo> backups;
  std::error_code ec;
  if (!fs::is_directory(m_directory, ec)) return backups;
  static const std::regex pattern(R"((\d{8}-\d{6}-\d{3})-([a-z\-]+)\.db)");
  const std::string prefix = m_stem + "-";
  for (const auto& entry : fs::directory_iterator(m_directory, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    std::smatch match;
    const std::string rest = name.substr(prefix.size());
    if (!std::regex_match(rest, match, pattern)) continue;
    BackupInfo info;
    info.path = entry.path().string();
    info.label = match[2];
    info.createdMs = parseTimestamp(match[1]);
    info.bytes = entry.file_size(ec);
    backups.push_back(info);
  }
  std::sort(backups.begin(), backups.end(), [](const BackupInfo& a, const BackupInfo& b) {
    return a.createdMs != b.createdMs ? a.createdMs > b.createdMs : a.path > b.path;
  });
  return backups;
}

std::optional<BackupInfo> BackupManager::newest() const {
  auto all = list();
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::optional<std::string> BackupManager::newestGood() const {
  for (const auto& backup : list())
    if (verify(backup.path)) return backup.path;
  return std::nullopt;
}

bool BackupManager::due(int64_t intervalMs) const {
  auto latest = newest();
  return !latest || nowMs() - latest->createdMs >= intervalMs;
}

void BackupManager::rotate() {
  int kept = 0;
  std::error_code ec;
  for (const auto& backup : list()) {
    if (!isAutomatic(backup.label)) continue;
    if (++kept > m_keep) fs::remove(backup.path, ec);
  }
}

bool BackupManager::verify(const std::string& path, std::string* problem) {
  auto say = [&](const std::string& text) {
    if (problem) *problem = text;
    return false;
  };
  try {
    if (!fs::is_regular_file(path)) return say("no such file");
    Database db(path, Database::OpenMode::ReadOnly);
    std::string result = db.queryText("PRAGMA integrity_check", "no result");
    if (result != "ok") return say("integrity check: " + result);
    if (schemaVersion(db) < 1 || db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'conversations'") != 1)
      return say("not a Partsmith database");
    return true;
  } catch (const std::exception& e) {
    return say(e.what());
  }
}

std::string BackupManager::restore(const std::string& backupPath) {
  std::string problem;
  if (!verify(backupPath, &problem))
    throw StoreError(StoreError::Kind::Invalid, "restore " + backupPath, "the backup is not usable: " + problem,
                     "choose another backup (`partsmith-cli db restore FILE`)");
  Database source(backupPath, Database::OpenMode::ReadOnly);
  source.setOperation("restore " + backupPath);

  bool healthy = false;
  if (fs::exists(m_databasePath) && fs::file_size(m_databasePath) > 0) {
    try {
      Database current(m_databasePath, Database::OpenMode::ReadWrite);
      healthy = current.queryText("PRAGMA quick_check") == "ok";
      if (healthy) {
        current.setOperation("restore " + backupPath);
        sqlite3_busy_timeout(current.handle(), 10000);
        std::string safety = createBackup(current, "pre-restore");
        runBackup(current.handle(), source.handle(), current);
        return "restored " + backupPath + " into " + m_databasePath + "; the replaced state is kept as " + safety;
      }
    } catch (const StoreError& e) {
      if (e.kind() != StoreError::Kind::Corrupt) throw;
    }
  }

  // Damaged or missing: keep whatever is there for forensics, then write a fresh copy.
  std::string aside;
  if (fs::exists(m_databasePath)) {
    aside = m_databasePath + ".damaged-" + timestampName(nowMs());
    fs::rename(m_databasePath, aside);
    for (const char* suffix : {"-wal", "-shm"}) {
      std::error_code ec;
      if (fs::exists(m_databasePath + suffix)) fs::rename(m_databasePath + suffix, aside + suffix, ec);
    }
  }
  {
    Database dest(m_databasePath, Database::OpenMode::ReadWriteCreate);
    dest.setOperation("restore " + backupPath);
    runBackup(dest.handle(), source.handle(), dest);
    dest.exec("PRAGMA journal_mode = WAL");
  }
  fsyncPath(m_databasePath, false);
  return "restored " + backupPath + " as " + m_databasePath +
         (aside.empty() ? std::string() : "; the damaged file was moved to " + aside);
}

}  // namespace partsmith::store
