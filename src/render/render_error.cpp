#include "render/render_error.h"

#include <utility>

namespace partsmith::render {

namespace {
std::string joined(const std::string& message, const std::string& hint) {
  return hint.empty() ? message : message + " (hint: " + hint + ")";
}
}  // namespace

RenderError::RenderError(std::string message, std::string hint)
    : std::runtime_error(joined(message, hint)),
      m_message(std::move(message)),
      m_hint(std::move(hint)) {}

}  // namespace partsmith::render
