#include "store/database.h"

#include <sqlite3.h>

#include <atomic>

#include "store/store_error.h"

namespace partsmith::store {

namespace {

StoreError makeError(int rc, const std::string& operation, const std::string& path, const char* detail) {
  using Kind = StoreError::Kind;
  const std::string sqliteText = detail && *detail ? detail : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return StoreError(Kind::DiskFull, operation,
                        "the disk holding " + path + " is full (or the database reached its size limit); "
                        "nothing of this change was saved",
                        "free some disk space and try again — everything saved before is intact");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StoreError(Kind::Corrupt, operation,
                        "the database file " + path + " is damaged or is not a Partsmith database (" + sqliteText + ")",
                        "restore the newest backup with `partsmith-cli db restore`");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StoreError(Kind::Busy, operation,
                        "the database " + path + " stayed locked by another Partsmith process",
                        "try again; if it persists, close other Partsmith windows or commands using it");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return StoreError(Kind::Access, operation, "cannot open or write " + path + " (" + sqliteText + ")",
                        "check that the folder exists and is writable, or choose another file with --db");
    case SQLITE_IOERR:
      return StoreError(Kind::Io, operation, "the system reported an I/O error on " + path + " (" + sqliteText + ")",
                        "check the disk; everything saved before is intact");
    case SQLITE_CONSTRAINT:
      return StoreError(Kind::Constraint, operation, sqliteText);
    default:
      return StoreError(Kind::Internal, operation, sqliteText + " (SQLite code " + std::to_string(rc) + ")");
  }
}

}  // namespace

Database::Database(const std::string& path, OpenMode mode) : m_path(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case OpenMode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case OpenMode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  m_operation = "open the database";
  int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    StoreError e = makeError(rc, m_operation, path, m_db ? sqlite3_errmsg(m_db) : nullptr);
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    throw e;
  }
  sqlite3_extended_result_codes(m_db, 1);
  m_operation = "read the database";
}

Database::~Database() {
  if (m_db) sqlite3_close_v2(m_db);
}

void Database::exec(const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : "";
    sqlite3_free(message);
    throw makeError(rc, m_operation, m_path, text.c_str());
  }
}

int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }
bool Database::inTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }

int64_t Database::queryInt(const std::string& sql, int64_t fallback) {
  Statement st(*this, sql);
  if (!st.step() || st.isNull(0)) return fallback;
  return st.getInt(0);
}

std::string Database::queryText(const std::string& sql, const std::string& fallback) {
  Statement st(*this, sql);
  if (!st.step() || st.isNull(0)) return fallback;
  return st.getText(0);
}

StoreError Database::error(int rc) const { return makeError(rc, m_operation, m_path, sqlite3_errmsg(m_db)); }

void Database::fail(int rc) const { throw error(rc); }

Statement::Statement(Database& db, const std::string& sql) : m_db(db) {
  int rc = sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &m_stmt, nullptr);
  if (rc != SQLITE_OK) db.fail(rc);
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, int64_t value) {
  if (int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK) m_db.fail(rc);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK) m_db.fail(rc);
  return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
  if (int rc = sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
      rc != SQLITE_OK)
    m_db.fail(rc);
  return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
  if (int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK) m_db.fail(rc);
  return *this;
}

Statement& Statement::bindBlob(int index, const void* data, size_t size) {
  if (int rc = sqlite3_bind_blob(m_stmt, index, data, static_cast<int>(size), SQLITE_TRANSIENT); rc != SQLITE_OK)
    m_db.fail(rc);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  StoreError e = m_db.error(rc);
  sqlite3_reset(m_stmt);
  throw e;
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
int64_t Statement::getInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::getDouble(int col) const { return sqlite3_column_double(m_stmt, col); }

std::string Statement::getText(int col) const {
  const unsigned char* text = sqlite3_column_text(m_stmt, col);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(m_stmt, col)));
}

std::optional<int64_t> Statement::getOptInt(int col) const {
  if (isNull(col)) return std::nullopt;
  return getInt(col);
}

std::optional<double> Statement::getOptDouble(int col) const {
  if (isNull(col)) return std::nullopt;
  return getDouble(col);
}

std::optional<std::string> Statement::getOptText(int col) const {
  if (isNull(col)) return std::nullopt;
  return getText(col);
}

std::vector<unsigned char> Statement::getBlob(int col) const {
  const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, col));
  int size = sqlite3_column_bytes(m_stmt, col);
  if (!data || size <= 0) return {};
  return std::vector<unsigned char>(data, data + size);
}

Transaction::Transaction(Database& db, std::string operation) : m_db(db), m_previousOperation(db.operation()) {
  static std::atomic<unsigned> counter{0};
  db.setOperation(std::move(operation));
  try {
    if (db.inTransaction()) {
      m_savepoint = "sp" + std::to_string(++counter);
      db.exec("SAVEPOINT " + m_savepoint);
    } else {
      // IMMEDIATE takes the write lock now, so a reader never has to upgrade (and deadlock)
      // later; the busy timeout makes concurrent writers wait instead of failing.
      db.exec("BEGIN IMMEDIATE");
    }
  } catch (...) {
    db.setOperation(m_previousOperation);
    throw;
  }
}

Transaction::~Transaction() {
  if (!m_done) {
    // SQLite may already have rolled back by itself (disk full, I/O error); then these fail
    // harmlessly.
    if (m_savepoint.empty()) {
      sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    } else {
      std::string sql = "ROLLBACK TO " + m_savepoint + "; RELEASE " + m_savepoint;
      sqlite3_exec(m_db.handle(), sql.c_str(), nullptr, nullptr, nullptr);
    }
  }
  m_db.setOperation(m_previousOperation);
}

void Transaction::commit() {
  m_db.exec(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE " + m_savepoint);
  m_done = true;
}

}  // namespace partsmith::store
