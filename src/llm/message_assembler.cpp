#include "llm/message_assembler.h"

namespace partsmith::llm {

using nlohmann::json;

ContentBlock& MessageAssembler::openBlock(ContentBlock::Kind kind) {
  auto& blocks = m_message.blocks;
  if (m_openBlock < 0 || blocks[m_openBlock].kind != kind) {
    ContentBlock b;
    b.kind = kind;
    blocks.push_back(std::move(b));
    m_openBlock = static_cast<int>(blocks.size()) - 1;
  }
  return blocks[m_openBlock];
}

void MessageAssembler::add(const StreamEvent& e) {
  switch (e.type) {
    case EventType::TextDelta: openBlock(ContentBlock::Kind::Text).text += e.text; break;
    case EventType::ReasoningDelta: openBlock(ContentBlock::Kind::Thinking).text += e.text; break;
    case EventType::ReasoningSignature:
      openBlock(ContentBlock::Kind::Thinking).signature += e.text;
      m_openBlock = -1;  // the signature closes the thinking block
      break;
    case EventType::RedactedReasoning: {
      ContentBlock b;
      b.kind = ContentBlock::Kind::RedactedThinking;
      b.text = e.text;
      m_message.blocks.push_back(std::move(b));
      m_openBlock = -1;
      break;
    }
    case EventType::ToolCallStart: {
      ToolCall call;
      call.id = e.id;
      call.name = e.name;
      m_message.toolCalls.push_back(call);
      m_callByIndex[e.index] = m_message.toolCalls.size() - 1;
      m_message.blocks.push_back(ContentBlock::makeToolUse(e.id, e.name, json::object()));
      m_openBlock = -1;
      break;
    }
    case EventType::ToolCallArgsDelta: {
      auto it = m_callByIndex.find(e.index);
      if (it != m_callByIndex.end()) m_message.toolCalls[it->second].rawArguments += e.text;
      break;
    }
    case EventType::ToolCallEnd:
      for (ToolCall& call : m_message.toolCalls) {
        if (call.id != e.id || call.complete) continue;
        call.name = e.name;
        call.rawArguments = e.text;
        call.arguments = e.arguments;
        call.argumentsValid = e.argumentsValid;
        call.complete = true;
        for (ContentBlock& b : m_message.blocks) {
          if (b.kind != ContentBlock::Kind::ToolUse || b.toolId != e.id) continue;
          b.toolName = e.name;
          b.input = e.argumentsValid ? e.arguments : json::object();
          b.rawArguments = e.text;
        }
        break;
      }
      break;
    case EventType::Usage: m_message.usage = e.usage; break;
    case EventType::Retry: break;
    case EventType::Finish:
      m_message.finishReason = e.finishReason;
      m_message.rawFinishReason = e.rawFinishReason;
      break;
    case EventType::Error: m_message.error = e.error; break;
  }
}

std::string AssembledMessage::text() const {
  std::string s;
  for (const ContentBlock& b : blocks)
    if (b.kind == ContentBlock::Kind::Text) s += b.text;
  return s;
}

std::string AssembledMessage::reasoning() const {
  std::string s;
  for (const ContentBlock& b : blocks)
    if (b.kind == ContentBlock::Kind::Thinking) s += b.text;
  return s;
}

bool AssembledMessage::toolCallsRunnable() const {
  if (error || !finishReason || toolCalls.empty()) return false;
  if (*finishReason != FinishReason::ToolUse && *finishReason != FinishReason::EndTurn) return false;
  for (const ToolCall& call : toolCalls)
    if (!call.complete || !call.argumentsValid || call.name.empty()) return false;
  return true;
}

Message AssembledMessage::toMessage() const {
  Message m;
  m.role = Role::Assistant;
  for (const ContentBlock& b : blocks) {
    if (b.kind == ContentBlock::Kind::Text && b.text.empty()) continue;
    m.content.push_back(b);
  }
  return m;
}

json AssembledMessage::toJson() const {
  json calls = json::array();
  for (const ToolCall& c : toolCalls)
    calls.push_back({{"id", c.id},
                     {"name", c.name},
                     {"arguments", c.arguments},
                     {"raw_arguments", c.rawArguments},
                     {"arguments_valid", c.argumentsValid},
                     {"complete", c.complete}});
  json signatures = json::array();
  int redacted = 0;
  for (const ContentBlock& b : blocks) {
    if (b.kind == ContentBlock::Kind::Thinking && !b.signature.empty()) signatures.push_back(b.signature);
    if (b.kind == ContentBlock::Kind::RedactedThinking) ++redacted;
  }
  json j = {{"text", text()},
            {"reasoning", reasoning()},
            {"reasoning_signatures", signatures},
            {"redacted_reasoning_blocks", redacted},
            {"tool_calls", calls},
            {"tool_calls_runnable", toolCallsRunnable()},
            {"usage", usage.toJson()},
            {"finish_reason", finishReason ? json(finishReasonName(*finishReason)) : json(nullptr)},
            {"raw_finish_reason", rawFinishReason},
            {"error", error ? error->toJson() : json(nullptr)}};
  return j;
}

}  // namespace partsmith::llm
