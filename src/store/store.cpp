#include "store/store.h"

#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "store/backup_manager.h"
#include "store/database.h"
#include "store/example_header.h"
#include "store/schema_migrations.h"
#include "store/store_error.h"
#include "store/store_util.h"

namespace partsmith::store {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const char* const kRestoreHint = "restore the newest backup with `partsmith-cli db restore`";

bool hasSqliteHeader(const std::string& path) {
  char header[16] = {};
  std::ifstream in(path, std::ios::binary);
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::memcmp(header, "SQLite format 3\0", 16) == 0;
}

}  // namespace

std::unique_ptr<Database> Store::openDatabase(const std::string& path, const StoreOptions& options, bool& created) {
  using Kind = StoreError::Kind;
  const std::string op = "open the database";
  BackupManager backups(path, options.backupKeep);
  auto withBackup = [&](const StoreError& e) {
    if (auto good = backups.newestGood()) {
      StoreError offered = e;
      offered.setRestorableBackup(*good);
      return offered;
    }
    return StoreError(e.kind(), e.operation(), e.message(),
                      "Partsmith left the file untouched; no good backup was found in " + backups.directory() +
                          " — a copy may still be recovered with the sqlite3 tool's .recover command");
  };
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (exists && fs::is_directory(path, ec))
    throw StoreError(Kind::Access, op, path + " is a folder, not a database file", "choose a file path with --db");
  const uintmax_t size = exists ? fs::file_size(path, ec) : 0;
  if (exists && size > 0 && !hasSqliteHeader(path))
    throw withBackup(StoreError(Kind::Corrupt, op, path + " is not a Partsmith database (its SQLite header is missing)",
                                kRestoreHint));
  // An empty file with backups beside it was truncated, not freshly created.
  if (exists && size == 0 && !fs::exists(path + "-wal", ec) && !backups.list().empty())
    throw withBackup(StoreError(Kind::Corrupt, op, path + " is empty although backups of it exist", kRestoreHint));
  if (!exists) {
    if (!options.create)
      throw StoreError(Kind::NotFound, op, path + " does not exist", "run Partsmith once, or pass another file with --db");
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) {
      fs::create_directories(parent, ec);
      if (ec) throw StoreError(Kind::Access, op, "cannot create the folder " + parent.string() + " (" + ec.message() + ")");
    }
  }
  created = !exists || size == 0;
  auto db = std::make_unique<Database>(path, exists ? Database::OpenMode::ReadWrite : Database::OpenMode::ReadWriteCreate);
  try {
    sqlite3_busy_timeout(db->handle(), options.busyTimeoutMs);
    const std::string mode = db->queryText("PRAGMA journal_mode = WAL");
    if (mode != "wal")
      spdlog::warn("store: {} stays in '{}' journal mode (WAL unavailable on this file system)", path, mode);
    // FULL: a committed message survives a power cut, not only a killed process.
    db->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
    if (!created && options.checkIntegrity) {
      const std::string check = db->queryText("PRAGMA quick_check", "no answer");
      if (check != "ok")
        throw StoreError(Kind::Corrupt, op,
                         "the database file " + path + " is damaged (integrity check: " +
                             check.substr(0, check.find('\n')) + ")",
                         kRestoreHint);
    }
  } catch (const StoreError& e) {
    if (e.kind() == Kind::Corrupt) throw withBackup(e);
    throw;
  }
  return db;
}

Store::Store(const std::string& path, const StoreOptions& options)
    : m_path(path),
      m_options(options),
      m_db(openDatabase(path, options, m_report.created)),
      m_backups(std::make_unique<BackupManager>(path, options.backupKeep)),
      m_conversations(*m_db),
      m_generations(*m_db),
      m_feedback(*m_db),
      m_library(*m_db),
      m_curation(*m_db),
      m_workbench(*m_db) {
  const int version = schemaVersion(*m_db);
  if (version > 0 && version < latestSchemaVersion() && options.autoBackup)
    m_report.backupMade = m_backups->createBackup(*m_db, "pre-migration");
  m_report.migrationsApplied = migrate(*m_db);
  if (m_report.migrationsApplied > 0 && version == 0) setMeta("created_at", std::to_string(nowMs()));

  if (options.seedLibrary && !meta("library_seeded")) {
    const std::string dir = options.examplesDir.empty() ? defaultExamplesDir() : options.examplesDir;
    if (fs::is_directory(dir)) {
      Transaction tx(*m_db, "seed the example library from " + dir);
      ImportReport seeded = m_library.importDirectory(dir, "seed");
      setMeta("library_seeded", std::to_string(nowMs()));
      tx.commit();
      m_report.examplesSeeded = seeded.added;
      m_report.seedErrors = seeded.errors;
      for (const auto& error : seeded.errors) spdlog::warn("store: seed example skipped: {}", error);
    } else {
      spdlog::warn("store: no example folder at {}; the library starts empty", dir);
    }
  }

  if (options.autoBackup && !m_report.created && !m_report.backupMade) {
    try {
      m_report.backupMade = backupIfDue();
    } catch (const StoreError& e) {
      // A failed backup must not keep the user from their history; say so and go on.
      spdlog::warn("store: automatic backup failed: {}", e.what());
    }
  }
}

Store::~Store() = default;

std::optional<std::string> Store::backupIfDue() {
  if (!m_backups->due(m_options.backupIntervalMs)) return std::nullopt;
  return m_backups->createBackup(*m_db, "auto");
}

std::optional<std::string> Store::meta(const std::string& key) {
  Statement st(*m_db, "SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.getText(0);
}

void Store::setMeta(const std::string& key, const std::string& value) {
  Transaction tx(*m_db, "save the setting " + key);
  Statement st(*m_db, "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2");
  st.bindAll(key, value).run();
  tx.commit();
}

json Store::stats() {
  Database& db = *m_db;
  auto count = [&](const std::string& sql) { return db.queryInt(sql); };
  std::error_code ec;
  json s;
  s["path"] = m_path;
  s["schema_version"] = schemaVersion(db);
  s["sqlite_version"] = sqlite3_libversion();
  s["journal_mode"] = db.queryText("PRAGMA journal_mode");
  s["file_bytes"] = fs::exists(m_path, ec) ? fs::file_size(m_path, ec) : 0;
  s["wal_bytes"] = fs::exists(m_path + "-wal", ec) ? fs::file_size(m_path + "-wal", ec) : 0;
  s["page_size"] = count("PRAGMA page_size");
  s["page_count"] = count("PRAGMA page_count");
  s["freelist_count"] = count("PRAGMA freelist_count");
  s["conversations"] = {{"total", count("SELECT count(*) FROM conversations")},
                        {"archived", count("SELECT count(*) FROM conversations WHERE archived = 1")}};
  s["messages"] = count("SELECT count(*) FROM messages");
  json byStatus = json::object();
  {
    Statement st(db, "SELECT status, count(*) FROM generations GROUP BY status ORDER BY status");
    while (st.step()) byStatus[st.getText(0)] = st.getInt(1);
  }
  s["generations"] = {{"total", count("SELECT count(*) FROM generations")}, {"by_status", byStatus}};
  {
    Statement st(db, "SELECT coalesce(sum(input_tokens), 0), coalesce(sum(cache_read_tokens), 0), "
                     "coalesce(sum(cache_write_tokens), 0), coalesce(sum(output_tokens), 0), coalesce(sum(cost_usd), 0) "
                     "FROM generations");
    st.step();
    s["usage"] = {{"input_tokens", st.getInt(0)},
                  {"cache_read_tokens", st.getInt(1)},
                  {"cache_write_tokens", st.getInt(2)},
                  {"output_tokens", st.getInt(3)},
                  {"cost_usd", st.getDouble(4)}};
  }
  s["ratings"] = {{"thumbs_up", count("SELECT count(*) FROM ratings WHERE thumbs = 1")},
                  {"thumbs_down", count("SELECT count(*) FROM ratings WHERE thumbs = -1")},
                  {"starred", count("SELECT count(*) FROM ratings WHERE stars IS NOT NULL")},
                  {"accepted", count("SELECT count(*) FROM ratings WHERE accepted = 1")},
                  {"rejected", count("SELECT count(*) FROM ratings WHERE accepted = 0")}};
  s["exports"] = count("SELECT count(*) FROM exports");
  json library = {{"total", count("SELECT count(*) FROM library_examples")}};
  for (const char* column : {"status", "source"}) {
    json group = json::object();
    Statement st(db, std::string("SELECT ") + column + ", count(*) FROM library_examples GROUP BY 1 ORDER BY 1");
    while (st.step()) group[st.getText(0)] = st.getInt(1);
    library[std::string("by_") + column] = group;
  }
  s["library"] = library;
  s["curation_candidates"] = m_curation.candidates(1000000).size();
  s["workbench"] = {{"prompts", count("SELECT count(*) FROM workbench_prompts")},
                    {"experiments", count("SELECT count(*) FROM experiments")},
                    {"runs", count("SELECT count(*) FROM runs")},
                    {"run_items", count("SELECT count(*) FROM run_items")}};
  auto backups = m_backups->list();
  json b = {{"directory", m_backups->directory()}, {"count", backups.size()}};
  if (!backups.empty()) b["newest"] = {{"path", backups.front().path}, {"created_at", backups.front().createdMs}};
  s["backups"] = b;
  return s;
}

}  // namespace partsmith::store
