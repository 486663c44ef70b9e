// Backups of the database with the SQLite online backup API (consistent while the app and
// the CLI keep using the file), written to a temporary name and renamed, so a crash never
// leaves a half backup that looks whole. Automatic backups rotate; manual ones stay.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace partsmith::store {

class Database;

struct BackupInfo {
  std::string path;
  std::string label;  // auto, manual, pre-migration, pre-restore
  int64_t createdMs = 0;
  uint64_t bytes = 0;
};

class BackupManager {
 public:
  explicit BackupManager(std::string databasePath, int keepAutomatic = 7);

  const std::string& directory() const { return m_directory; }

  // Copies the open database into the backup folder; automatic labels are rotated after.
  std::string createBackup(Database& source, const std::string& label);
  // Copies the open database into any file (`db backup --to FILE`).
  static void copyTo(Database& source, const std::string& target);

  std::vector<BackupInfo> list() const;  // newest first
  std::optional<BackupInfo> newest() const;
  std::optional<std::string> newestGood() const;  // newest that passes the integrity check
  bool due(int64_t intervalMs) const;             // no backup yet, or the newest is older
  void rotate();

  // integrity_check plus "is this a Partsmith database"; `problem` says why not.
  static bool verify(const std::string& path, std::string* problem = nullptr);

  // Replaces the database with `backupPath`. A healthy current database is first backed up
  // ("pre-restore") and then overwritten in place through the backup API (safe while other
  // processes have it open); a damaged one is moved aside as "<db>.damaged-<time>" — never
  // deleted. Returns a sentence describing what was done.
  std::string restore(const std::string& backupPath);

 private:
  std::string m_databasePath;
  std::string m_directory;
  std::string m_stem;
  int m_keep;
};

}  // namespace partsmith::store
