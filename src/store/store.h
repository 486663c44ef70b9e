// The Partsmith database: opens (or creates) the file, configures the connection (WAL,
// foreign keys, busy timeout, full sync), checks it, upgrades the schema, seeds the example
// library on first run and keeps automatic backups. A damaged or unreadable file is never
// replaced by a new empty one: open() throws a Corrupt StoreError that names the newest
// good backup to restore.
//
// One Store per thread (one SQLite connection). The app and the CLI may open the same file
// at the same time; writers wait for each other up to the busy timeout.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "store/conversation_repository.h"
#include "store/curation_repository.h"
#include "store/feedback_repository.h"
#include "store/generation_repository.h"
#include "store/library_repository.h"
#include "store/workbench_repository.h"

namespace partsmith::store {

class Database;
class BackupManager;

struct StoreOptions {
  bool create = true;       // create the file (and its folder) when missing
  bool seedLibrary = true;  // on creation: import resources/examples as approved seed examples
  std::string examplesDir;  // default: defaultExamplesDir()
  bool autoBackup = true;   // back up on open when the newest backup is older than the interval
  int64_t backupIntervalMs = 24LL * 3600 * 1000;
  int backupKeep = 7;       // automatic backups kept
  int busyTimeoutMs = 10000;
  bool checkIntegrity = true;  // PRAGMA quick_check on open
};

struct OpenReport {
  bool created = false;
  int migrationsApplied = 0;
  int examplesSeeded = 0;
  std::vector<std::string> seedErrors;
  std::optional<std::string> backupMade;
};

class Store {
 public:
  explicit Store(const std::string& path, const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return m_path; }
  const OpenReport& openReport() const { return m_report; }
  Database& db() { return *m_db; }

  ConversationRepository& conversations() { return m_conversations; }
  GenerationRepository& generations() { return m_generations; }
  FeedbackRepository& feedback() { return m_feedback; }
  LibraryRepository& library() { return m_library; }
  CurationRepository& curation() { return m_curation; }
  WorkbenchRepository& workbench() { return m_workbench; }
  BackupManager& backups() { return *m_backups; }

  // A backup now if the newest is older than the interval (call it now and then from the
  // app); returns its path when one was made.
  std::optional<std::string> backupIfDue();

  std::optional<std::string> meta(const std::string& key);
  void setMeta(const std::string& key, const std::string& value);

  // Row counts, schema version, file and WAL sizes, backups — for `db stats`.
  nlohmann::json stats();

 private:
  std::string m_path;
  StoreOptions m_options;
  OpenReport m_report;
  std::unique_ptr<Database> m_db;
  std::unique_ptr<BackupManager> m_backups;
  ConversationRepository m_conversations;
  GenerationRepository m_generations;
  FeedbackRepository m_feedback;
  LibraryRepository m_library;
  CurationRepository m_curation;
  WorkbenchRepository m_workbench;

  static std::unique_ptr<Database> openDatabase(const std::string& path, const StoreOptions& options, bool& created);
};

}  // namespace partsmith::store
