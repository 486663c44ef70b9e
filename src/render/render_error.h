// Errors the render module raises: no X display, bad view names or sizes, empty scenes, I/O.
#pragma once
#include <stdexcept>
#include <string>

namespace partsmith::render {

class RenderError : public std::runtime_error {
 public:
  // `message` says what went wrong in the user's terms; `hint` (optional) what to do about it.
  // what() joins both so callers that only print what() still show the hint.
  explicit RenderError(std::string message, std::string hint = {});

  const std::string& message() const { return m_message; }
  const std::string& hint() const { return m_hint; }

 private:
  std::string m_message;
  std::string m_hint;
};

}  // namespace partsmith::render
