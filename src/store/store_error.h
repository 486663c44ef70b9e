// Errors of the store, in the user's terms: what could not be done, why, and what to do.
#pragma once
#include <stdexcept>
#include <string>

namespace partsmith::store {

class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    DiskFull,     // no space left (or the page limit was reached): nothing of the failed write was kept
    Corrupt,      // the file is damaged or not a Partsmith database
    Busy,         // another process held the write lock longer than the busy timeout
    Access,       // cannot open/create/write the file (permissions, read-only medium, missing folder)
    Io,           // the operating system reported an I/O error
    Constraint,   // the write broke a rule of the schema (unknown id, duplicate, bad value)
    NotFound,     // the record asked for does not exist
    TooNew,       // the file was written by a newer Partsmith (schema version unknown here)
    Invalid,      // bad argument from the caller
    Internal,
  };

  StoreError(Kind kind, std::string operation, std::string message, std::string hint = {});

  Kind kind() const { return m_kind; }
  const std::string& operation() const { return m_operation; }
  const std::string& message() const { return m_message; }
  const std::string& hint() const { return m_hint; }

  // For Corrupt: the newest backup that passed an integrity check, to offer a restore.
  const std::string& restorableBackup() const { return m_backup; }
  void setRestorableBackup(std::string path);

 private:
  static std::string compose(const std::string& operation, const std::string& message, const std::string& hint,
                             const std::string& backup);
  Kind m_kind;
  std::string m_operation, m_message, m_hint, m_backup;
};

const char* kindName(StoreError::Kind kind);

}  // namespace partsmith::store
