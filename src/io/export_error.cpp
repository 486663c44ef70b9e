#include "io/export_error.h"

#include <cerrno>
#include <cstring>

namespace partsmith::io {
namespace {

std::string composeMessage(const std::string& path, const std::string& reason) {
  if (path.empty())
    return "cannot export: " + reason;
  return "cannot write " + path + ": " + reason;
}

}  // namespace

ExportError::ExportError(std::string path, std::string reason)
    : std::runtime_error(composeMessage(path, reason)),
      m_path(std::move(path)),
      m_reason(std::move(reason)) {}

std::string reasonFromErrno(int errorNumber) {
  switch (errorNumber) {
    case ENOSPC:
    case EDQUOT:
      return "disk full";
    case EACCES:
    case EPERM:
      return "permission denied";
    case EROFS:
      return "read-only file system";
    case ENOENT:
      return "directory does not exist";
    case ENOTDIR:
      return "a part of the path is not a directory";
    case EISDIR:
      return "the path is a directory";
    case ENAMETOOLONG:
      return "file name too long";
    case EFBIG:
      return "file too large (file size limit reached)";
    case EIO:
      return "input/output error on the storage device";
    default:
      return std::strerror(errorNumber);
  }
}

}  // namespace partsmith::io
