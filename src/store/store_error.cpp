#include "store/store_error.h"

namespace partsmith::store {

StoreError::StoreError(Kind kind, std::string operation, std::string message, std::string hint)
    : std::runtime_error(compose(operation, message, hint, {})),
      m_kind(kind),
      m_operation(std::move(operation)),
      m_message(std::move(message)),
      m_hint(std::move(hint)) {}

void StoreError::setRestorableBackup(std::string path) {
  m_backup = std::move(path);
  // what() is fixed at construction; rebuild the object's message through assignment.
  static_cast<std::runtime_error&>(*this) = std::runtime_error(compose(m_operation, m_message, m_hint, m_backup));
}

std::string StoreError::compose(const std::string& operation, const std::string& message, const std::string& hint,
                                const std::string& backup) {
  std::string text = "could not " + operation + ": " + message;
  // With a backup to offer, the offer replaces the generic hint.
  if (!backup.empty())
    text += ". Partsmith left the file untouched; the newest good backup is " + backup +
            " — restore it with `partsmith-cli db restore` (the damaged file is kept aside)";
  else if (!hint.empty())
    text += " (" + hint + ")";
  return text;
}

const char* kindName(StoreError::Kind kind) {
  switch (kind) {
    case StoreError::Kind::DiskFull: return "disk-full";
    case StoreError::Kind::Corrupt: return "corrupt";
    case StoreError::Kind::Busy: return "busy";
    case StoreError::Kind::Access: return "access";
    case StoreError::Kind::Io: return "io";
    case StoreError::Kind::Constraint: return "constraint";
    case StoreError::Kind::NotFound: return "not-found";
    case StoreError::Kind::TooNew: return "too-new";
    case StoreError::Kind::Invalid: return "invalid";
    case StoreError::Kind::Internal: return "internal";
  }
  return "internal";
}

}  // namespace partsmith::store
