#include "io/import_error.h"

namespace partsmith::io {

ImportError::ImportError(std::string path, std::string reason)
    : std::runtime_error("cannot read " + path + ": " + reason),
      m_path(std::move(path)),
      m_reason(std::move(reason)) {}

}  // namespace partsmith::io
