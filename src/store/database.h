// A thin RAII layer over SQLite: a connection, prepared statements and transactions, with
// every SQLite failure turned into a StoreError that names the operation.
//
// One Database per thread; SQLite connections must not be shared across fork().
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace partsmith::store {

class StoreError;

class Database {
 public:
  enum class OpenMode { ReadWrite, ReadWriteCreate, ReadOnly };

  Database(const std::string& path, OpenMode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return m_db; }
  const std::string& path() const { return m_path; }

  // Runs one or more statements without results (schema, pragmas).
  void exec(const std::string& sql);
  int64_t lastInsertId() const;
  int changes() const;
  bool inTransaction() const;

  // The first column of the first row, or `fallback` when there is no row or it is NULL.
  int64_t queryInt(const std::string& sql, int64_t fallback = 0);
  std::string queryText(const std::string& sql, const std::string& fallback = {});

  // What the user was doing when an error happens: "save the message", set by Transaction.
  const std::string& operation() const { return m_operation; }
  void setOperation(std::string operation) { m_operation = std::move(operation); }

  // Turns an SQLite result code into a StoreError for the current operation.
  [[noreturn]] void fail(int rc) const;
  StoreError error(int rc) const;

 private:
  sqlite3* m_db = nullptr;
  std::string m_path;
  std::string m_operation = "read the database";
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, as in SQLite.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, bool value) { return bind(index, static_cast<int64_t>(value ? 1 : 0)); }
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, const char* value) { return bind(index, std::string(value)); }
  Statement& bind(int index, std::nullptr_t);
  Statement& bindBlob(int index, const void* data, size_t size);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  template <typename... Args>
  Statement& bindAll(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  bool step();  // true while a row is available
  void run();   // steps to completion (for writes)
  void reset();

  bool isNull(int col) const;
  int64_t getInt(int col) const;
  double getDouble(int col) const;
  std::string getText(int col) const;
  std::optional<int64_t> getOptInt(int col) const;
  std::optional<double> getOptDouble(int col) const;
  std::optional<std::string> getOptText(int col) const;
  std::vector<unsigned char> getBlob(int col) const;

 private:
  Database& m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

// BEGIN IMMEDIATE … COMMIT, or a SAVEPOINT when already inside a transaction. Rolls back
// unless commit() was called, so an exception leaves the database as it was.
class Transaction {
 public:
  Transaction(Database& db, std::string operation);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& m_db;
  std::string m_previousOperation;
  std::string m_savepoint;  // empty for the outermost transaction
  bool m_done = false;
};

}  // namespace partsmith::store
