// Small helpers shared by the repositories: ids, clock, list columns, secret redaction.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace partsmith::store {

std::string newUuid();  // random RFC 4122 version 4
int64_t nowMs();        // wall clock, milliseconds since the Unix epoch
std::string contentHash(const std::string& text);  // 16 hex digits (FNV-1a 64), for change detection

// List columns (techniques, tags) are stored as "a, b, c": readable, and tokenised by FTS5.
std::string joinList(const std::vector<std::string>& items);
std::vector<std::string> splitList(const std::string& text);

// API keys never reach the database: anything that looks like a provider key or a bearer
// token in text about to be stored is replaced by "[redacted]".
std::string redactSecrets(const std::string& text);

// Turns free text into an FTS5 query: every word quoted (so "-" or ":" cannot become query
// syntax), the last word as a prefix (search as you type). `matchAll`: every word must occur
// (history search); otherwise any word may (retrieval by a request, ranked by bm25). Empty
// when the text holds no word.
std::string ftsQuery(const std::string& text, bool matchAll = false);

}  // namespace partsmith::store
