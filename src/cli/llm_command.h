// `partsmith-cli llm chat|replay|models`: talk to a configured model from the terminal, decode
// a recorded SSE body into normalized events, list a provider's models.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

int llmCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
