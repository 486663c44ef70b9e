// Standard base64 (RFC 4648, with padding) for image data sent to providers.
#pragma once
#include <string>

namespace partsmith::llm {

std::string base64Encode(const std::string& bytes);

}  // namespace partsmith::llm
