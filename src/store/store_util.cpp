#include "store/store_util.h"

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <random>
#include <regex>

namespace partsmith::store {

std::string newUuid() {
  // Reseeded after fork(): a child must not repeat its parent's sequence (workbench shards
  // and tests fork writers that share one database).
  static thread_local pid_t seededFor = 0;
  static thread_local std::mt19937_64 rng;
  if (seededFor != getpid()) {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), static_cast<unsigned>(getpid()),
                      static_cast<unsigned>(std::chrono::high_resolution_clock::now().time_since_epoch().count())};
    rng.seed(seq);
    seededFor = getpid();
  }
  uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string contentHash(const std::string& text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    size_t b = item.find_first_not_of(" \t\r\n"), e = item.find_last_not_of(" \t\r\n");
    if (b != std::string::npos) items.push_back(item.substr(b, e - b + 1));
    start = comma + 1;
  }
  return items;
}

std::string redactSecrets(const std::string& text) {
  // Cheap pre-check: the patterns below all need one of these markers.
  if (text.find("sk-") == std::string::npos && text.find("earer") == std::string::npos &&
      text.find("AIza") == std::string::npos && text.find("key") == std::string::npos &&
      text.find("KEY") == std::string::npos && text.find("xai-") == std::string::npos &&
      text.find("gsk_") == std::string::npos && text.find("hf_") == std::string::npos)
    return text;
  static const std::regex patterns[] = {
      // OpenAI / Anthropic / OpenRouter style keys, Groq, xAI, Hugging Face, Google
      std::regex(R"((sk-(ant-|or-|proj-)?[A-Za-z0-9_\-]{16,}|gsk_[A-Za-z0-9]{20,}|xai-[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_\-]{30,}))"),
      std::regex(R"(([Bb]earer\s+)[A-Za-z0-9_\-\.=]{16,})"),
      std::regex(R"(((api[_-]?key|API[_-]?KEY|x-api-key)\s*["']?\s*[:=]\s*["']?)[A-Za-z0-9_\-\.]{16,})"),
  };
  std::string out = std::regex_replace(text, patterns[0], "[redacted]");
  out = std::regex_replace(out, patterns[1], "$1[redacted]");
  out = std::regex_replace(out, patterns[2], "$1[redacted]");
  return out;
}

std::string ftsQuery(const std::string& text, bool matchAll) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (unsigned char c : text) {
    // Letters, digits and any non-ASCII byte (UTF-8 letters) form words, as in unicode61.
    if (std::isalnum(c) || c >= 0x80 || c == '_') word += static_cast<char>(c);
    else flush();
  }
  flush();
  std::string query;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!query.empty()) query += matchAll ? " " : " OR ";
    query += '"' + words[i] + '"';
    if (i + 1 == words.size()) query += '*';
  }
  return query;
}

}  // namespace partsmith::store
