#include "kernel/kernel_error.h"

#include <cmath>
#include <cstdio>

namespace partsmith::kernel {

std::string formatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (std::abs(value) < 1e-12) value = 0;  // no "-0" or 1e-17 noise
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", value);
  return buf;
}

const char* errorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Api: return "api";
    case ErrorKind::Geometry: return "geometry";
    case ErrorKind::Limit: return "limit";
  }
  return "api";
}

KernelError::KernelError(ErrorKind kind, std::string operation, std::string message, std::string hint)
    : std::runtime_error(operation.empty() ? message : operation + ": " + message),
      m_kind(kind),
      m_operation(std::move(operation)),
      m_message(std::move(message)),
      m_hint(std::move(hint)) {}

void throwApiError(const std::string& operation, const std::string& message, const std::string& hint) {
  throw KernelError(ErrorKind::Api, operation, message, hint);
}

void throwGeometryError(const std::string& operation, const std::string& message, const std::string& hint) {
  throw KernelError(ErrorKind::Geometry, operation, message, hint);
}

}  // namespace partsmith::kernel
