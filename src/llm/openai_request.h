// Builds the OpenAI Chat Completions request body for a server profile: system message first,
// tool results as role "tool" text with their images in a following user message, arguments
// echoed exactly, the length field and stream_options the server understands.
#pragma once
#include <nlohmann/json.hpp>

#include "llm/llm_types.h"
#include "llm/server_profile.h"

namespace partsmith::llm {

nlohmann::json buildOpenAiBody(const ChatRequest& request, const ServerProfile& profile,
                               bool stream = true);

}  // namespace partsmith::llm
