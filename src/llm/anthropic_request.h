// Builds the Anthropic Messages request body: top-level system, tools with input_schema, tool
// results first in their user message (images inside tool_result), thinking blocks echoed
// unchanged, and prompt-caching breakpoints on system, tools and the newest turn.
#pragma once
#include <nlohmann/json.hpp>

#include "llm/llm_types.h"

namespace partsmith::llm {

nlohmann::json buildAnthropicBody(const ChatRequest& request, bool stream = true);

}  // namespace partsmith::llm
