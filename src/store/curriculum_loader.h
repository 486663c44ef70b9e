// The workbench curriculum as data: the shipped prompt ladder (resources/curriculum) and the
// user's own prompt files, read from JSONL or CSV and imported into the workbench prompts.
//
// A file is all or nothing: every bad row is reported with its line number in one Invalid
// StoreError and nothing of that file is imported, so fixing the file and importing again
// never leaves half a file behind. Re-importing is harmless: prompts already present (same
// category and text) are left as they are.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace partsmith::store {

class Store;

struct CurriculumCategory {
  const char* id;     // "brackets-and-mounts"
  const char* title;  // "Brackets and mounts"
  int level;          // its rung on the complexity ladder, 1–10
};

// The 11 shipped categories, in ladder order.
const std::vector<CurriculumCategory>& curriculumCategories();

// A category as typed by a user ("Brackets and mounts", "brackets_and_mounts") mapped to its
// shipped id; any other category is kept as typed (trimmed), so users can make their own.
std::string canonicalCategory(const std::string& category);

struct CurriculumEntry {
  std::string category;
  int complexity = 1;
  std::string prompt;
  std::vector<std::string> tags;  // optional labels ("imperial", "board:raspberry-pi-4"); not stored
  int line = 0;                   // where it starts in its file, 1-based
};

enum class CurriculumFormat { Jsonl, Csv };

// Parses a whole file's text; throws an Invalid StoreError listing every bad line
// ("line 7: complexity must be a whole number from 1 to 10, not \"high\"").
// `source` names the file in messages.
std::vector<CurriculumEntry> parseCurriculum(const std::string& text, CurriculumFormat format,
                                             const std::string& source = "the curriculum");

// Reads a file: .csv is CSV, .jsonl/.json/.ndjson is JSONL, anything else is sniffed (a first
// non-blank character '{' means JSONL).
std::vector<CurriculumEntry> readCurriculumFile(const std::string& path);

// $PARTSMITH_CURRICULUM, else resources/curriculum/curriculum.jsonl in the source tree, else
// the installed copy (<datadir>/partsmith/curriculum/curriculum.jsonl).
std::string defaultCurriculumPath();

struct CurriculumImportReport {
  int added = 0;     // new prompts
  int existing = 0;  // already in the database (same category and text): left as they are
  int retired = 0;   // shipped prompts imported before (possibly edited since): not re-added
  std::vector<int64_t> promptIds;  // the added and existing prompts, in file order
};

class CurriculumLoader {
 public:
  explicit CurriculumLoader(Store& store) : m_store(store) {}

  // Imports the shipped curriculum. Every shipped prompt is imported at most once per
  // database: one the user has edited, moved or archived since is not brought back, and a
  // newer file adds only its new prompts.
  CurriculumImportReport importShipped(const std::string& path = defaultCurriculumPath());

  // importShipped() when the file changed since the last import (or was never imported);
  // otherwise nothing. Cheap enough for every start of the workbench.
  CurriculumImportReport ensureShipped(const std::string& path = defaultCurriculumPath());

  // Imports the user's own file (JSONL or CSV) as source "imported".
  CurriculumImportReport importFile(const std::string& path);
  CurriculumImportReport importEntries(const std::vector<CurriculumEntry>& entries, const std::string& source);

 private:
  Store& m_store;
};

}  // namespace partsmith::store
