// Errors the kernel raises for expected failures: bad arguments and geometry that cannot be built.
#pragma once
#include <stdexcept>
#include <string>

namespace partsmith::kernel {

enum class ErrorKind {
  Api,       // wrong argument, missing context (no solid, no pending wires, bad selector)
  Geometry,  // the operation was well-formed but OCCT could not build it
  Limit,     // an absurd size or count that would exhaust the machine
};

const char* errorKindName(ErrorKind kind);

class KernelError : public std::runtime_error {
 public:
  // `operation` is the user-facing method ("fillet", "box"); `message` says what went wrong
  // in the user's terms; `hint` (optional) says what to try instead.
  KernelError(ErrorKind kind, std::string operation, std::string message, std::string hint = {});

  ErrorKind kind() const { return m_kind; }
  const std::string& operation() const { return m_operation; }
  const std::string& message() const { return m_message; }
  const std::string& hint() const { return m_hint; }

 private:
  ErrorKind m_kind;
  std::string m_operation;
  std::string m_message;
  std::string m_hint;
};

// A number as a person writes it in a message: 2 not 2.000000, NaN, Infinity.
std::string formatNumber(double value);

[[noreturn]] void throwApiError(const std::string& operation, const std::string& message,
                                const std::string& hint = {});
[[noreturn]] void throwGeometryError(const std::string& operation, const std::string& message,
                                     const std::string& hint = {});

}  // namespace partsmith::kernel
