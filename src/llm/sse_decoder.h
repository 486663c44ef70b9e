// A byte-level Server-Sent Events decoder (WHATWG event-stream framing). Input may arrive in
// arbitrary slices, split inside lines, CRLF pairs or UTF-8 sequences: only complete lines are
// interpreted, so nothing is ever decoded from a partial slice.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace partsmith::llm {

struct SseEvent {
  std::string event;  // empty when the stream sent no "event:" line
  std::string data;   // "data:" lines joined with '\n'
  std::string id;
  // Non-standard fields (llama.cpp once sent "error: {...}"); standard ones are not listed.
  std::vector<std::pair<std::string, std::string>> extraFields;
  bool hasData = false;
};

class SseDecoder {
 public:
  using Handler = std::function<void(const SseEvent&)>;
  explicit SseDecoder(Handler handler);

  void feed(const char* bytes, size_t size);
  void feed(const std::string& bytes) { feed(bytes.data(), bytes.size()); }
  // End of stream: interprets an unterminated last line and dispatches a pending event
  // (llama-server has ended with "data: [DONE]" and no blank line).
  void finish();

  size_t eventCount() const { return m_eventCount; }
  size_t bytesSeen() const { return m_bytes; }
  size_t commentCount() const { return m_comments; }

 private:
  void processLine(const char* line, size_t size);
  void dispatch();

  Handler m_handler;
  std::string m_line;
  bool m_pendingCr = false;  // a '\r' ended the last line; a following '\n' belongs to it
  bool m_sawFirstLine = false;
  SseEvent m_current;
  bool m_hasFields = false;
  size_t m_eventCount = 0;
  size_t m_bytes = 0;
  size_t m_comments = 0;
};

}  // namespace partsmith::llm
