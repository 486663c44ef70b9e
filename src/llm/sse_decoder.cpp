#include "llm/sse_decoder.h"

#include <cstring>

namespace partsmith::llm {

SseDecoder::SseDecoder(Handler handler) : m_handler(std::move(handler)) {}

void SseDecoder::feed(const char* bytes, size_t size) {
  m_bytes += size;
  size_t pos = 0;
  if (m_pendingCr && size > 0) {
    if (bytes[0] == '\n') pos = 1;  // the LF of a CRLF split across slices
    m_pendingCr = false;
  }
  while (pos < size) {
    // Scan for the next line break without copying byte by byte.
    const char* start = bytes + pos;
    const size_t remaining = size - pos;
    const char* lf = static_cast<const char*>(std::memchr(start, '\n', remaining));
    const size_t scan = lf ? static_cast<size_t>(lf - start) : remaining;
    const char* cr = static_cast<const char*>(std::memchr(start, '\r', scan));
    const char* brk = cr ? cr : lf;
    if (!brk) {
      m_line.append(start, remaining);
      return;
    }
    const size_t lineLen = static_cast<size_t>(brk - start);
    if (m_line.empty()) {
      processLine(start, lineLen);
    } else {
      m_line.append(start, lineLen);
      processLine(m_line.data(), m_line.size());
      m_line.clear();
    }
    pos += lineLen + 1;
    if (*brk == '\r') {
      if (pos < size) {
        if (bytes[pos] == '\n') ++pos;
      } else {
        m_pendingCr = true;
      }
    }
  }
}

void SseDecoder::finish() {
  if (!m_line.empty()) {
    std::string line;
    line.swap(m_line);
    processLine(line.data(), line.size());
  }
  m_pendingCr = false;
  if (m_hasFields) dispatch();
}

void SseDecoder::processLine(const char* line, size_t size) {
  if (!m_sawFirstLine) {
    m_sawFirstLine = true;
    if (size >= 3 && std::memcmp(line, "\xEF\xBB\xBF", 3) == 0) {  // UTF-8 BOM
      line += 3;
      size -= 3;
    }
  }
  if (size == 0) {
    if (m_hasFields) dispatch();
    return;
  }
  if (line[0] == ':') {
    ++m_comments;
    return;
  }
  const char* colon = static_cast<const char*>(std::memchr(line, ':', size));
  const size_t nameLen = colon ? static_cast<size_t>(colon - line) : size;
  const char* value = colon ? colon + 1 : line + size;
  size_t valueLen = colon ? size - nameLen - 1 : 0;
  if (valueLen > 0 && value[0] == ' ') {
    ++value;
    --valueLen;
  }
  auto is = [&](const char* name) {
    return std::strlen(name) == nameLen && std::memcmp(line, name, nameLen) == 0;
  };
  if (is("data")) {
    if (m_current.hasData) m_current.data.push_back('\n');
    m_current.data.append(value, valueLen);
    m_current.hasData = true;
  } else if (is("event")) {
    m_current.event.assign(value, valueLen);
  } else if (is("id")) {
    m_current.id.assign(value, valueLen);
  } else if (is("retry")) {
    return;  // reconnection delay: meaningless for a POST stream
  } else {
    m_current.extraFields.emplace_back(std::string(line, nameLen), std::string(value, valueLen));
  }
  m_hasFields = true;
}

void SseDecoder::dispatch() {
  ++m_eventCount;
  SseEvent event;
  event.event.swap(m_current.event);
  event.data.swap(m_current.data);
  event.id.swap(m_current.id);
  event.extraFields.swap(m_current.extraFields);
  event.hasData = m_current.hasData;
  m_current.hasData = false;
  m_hasFields = false;
  if (m_handler) m_handler(event);
}

}  // namespace partsmith::llm
