#include "store/curriculum_loader.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "base/data_dir.h"
#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store/store_util.h"

namespace partsmith::store {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Which shipped prompts this database has already received (hashes of category + text), and
// the hash of the file they came from.
const char* kImportedKey = "curriculum_imported";
const char* kFileHashKey = "curriculum_file_hash";
constexpr size_t kMaxListedErrors = 20;

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "Brackets and mounts" and "brackets_and_mounts" both become "brackets-and-mounts".
std::string slugOf(const std::string& text) {
  std::string slug;
  for (unsigned char c : lower(text)) {
    if (std::isalnum(c)) {
      slug += static_cast<char>(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

std::string entryKey(const std::string& category, const std::string& prompt) {
  return contentHash(category + '\n' + prompt);
}

std::string quoted(const std::string& s) {
  const std::string shown = s.size() > 40 ? s.substr(0, 40) + "…" : s;
  return "\"" + shown + "\"";
}

// Collects the problems of one file; thrown together so the user fixes them in one pass.
class RowErrors {
 public:
  explicit RowErrors(std::string source) : m_source(std::move(source)) {}
  void add(int line, const std::string& message) { m_errors.push_back("line " + std::to_string(line) + ": " + message); }
  bool empty() const { return m_errors.empty(); }
  [[noreturn]] void raise() const {
    std::string message = std::to_string(m_errors.size()) + (m_errors.size() == 1 ? " bad row" : " bad rows") +
                          ", nothing was imported:";
    for (size_t i = 0; i < m_errors.size() && i < kMaxListedErrors; ++i) message += "\n  " + m_errors[i];
    if (m_errors.size() > kMaxListedErrors)
      message += "\n  … and " + std::to_string(m_errors.size() - kMaxListedErrors) + " more";
    throw StoreError(StoreError::Kind::Invalid, "import the prompts of " + m_source, message,
                     "each row needs a category, a complexity from 1 to 10 and the prompt text");
  }

 private:
  std::string m_source;
  std::vector<std::string> m_errors;
};

std::optional<int> parseComplexity(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty() || t.size() > 2 || !std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  const int v = std::stoi(t);
  if (v < 1 || v > 10) return std::nullopt;
  return v;
}

// Checks the fields every format shares; returns false (with the errors noted) for a bad row.
// `complexityError` is empty when the complexity was read fine.
bool finishEntry(CurriculumEntry& e, const std::string& complexityError, RowErrors& errors) {
  bool ok = true;
  e.category = canonicalCategory(e.category);
  e.prompt = trim(e.prompt);
  if (e.category.empty()) {
    errors.add(e.line, "the category is empty");
    ok = false;
  }
  if (!complexityError.empty()) {
    errors.add(e.line, complexityError);
    ok = false;
  }
  if (e.prompt.empty()) {
    errors.add(e.line, "the prompt is empty");
    ok = false;
  }
  return ok;
}

std::string complexityErrorFor(const std::string& shown) {
  return "complexity must be a whole number from 1 to 10, not " + shown;
}

std::vector<CurriculumEntry> parseJsonl(const std::string& text, RowErrors& errors) {
  std::vector<CurriculumEntry> out;
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    if (trim(raw).empty()) continue;
    json row = json::parse(raw, nullptr, false);
    if (row.is_discarded() || !row.is_object()) {
      errors.add(line, "not a JSON object (each line must be one {\"category\": …, \"complexity\": …, \"prompt\": …})");
      continue;
    }
    CurriculumEntry e;
    e.line = line;
    bool ok = true;
    auto readField = [&](const char* key, std::string& into) {
      if (!row.contains(key)) {
        errors.add(line, std::string("\"") + key + "\" is missing");
        ok = false;
      } else if (!row[key].is_string()) {
        errors.add(line, std::string("\"") + key + "\" must be text, not " + row[key].dump());
        ok = false;
      } else {
        into = row[key].get<std::string>();
      }
    };
    readField("category", e.category);
    readField("prompt", e.prompt);
    std::string complexityError = "\"complexity\" is missing";
    if (row.contains("complexity")) {
      const json& c = row["complexity"];
      std::optional<int> v;
      if (c.is_number_integer() || c.is_number_unsigned()) {
        const int64_t n = c.get<int64_t>();
        if (n >= 1 && n <= 10) v = static_cast<int>(n);
      } else if (c.is_string()) {
        v = parseComplexity(c.get<std::string>());  // "5" from a spreadsheet export
      }
      complexityError = v ? std::string() : complexityErrorFor(c.dump());
      if (v) e.complexity = *v;
    }
    if (row.contains("tags")) {
      const json& tags = row["tags"];
      if (!tags.is_array() || !std::all_of(tags.begin(), tags.end(), [](const json& t) { return t.is_string(); })) {
        errors.add(line, "\"tags\" must be a list of text labels");
        ok = false;
      } else {
        for (const auto& t : tags) e.tags.push_back(t.get<std::string>());
      }
    }
    if (!ok) {
      if (!complexityError.empty()) errors.add(line, complexityError);
      continue;
    }
    if (finishEntry(e, complexityError, errors)) out.push_back(std::move(e));
  }
  return out;
}

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;
};

// RFC 4180: fields separated by commas, optionally in double quotes (which may hold commas,
// line breaks and doubled quotes); rows end at CR LF or LF.
std::vector<CsvRecord> splitCsv(const std::string& text, RowErrors& errors) {
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::string field;
  bool inQuotes = false, fieldQuoted = false, anyContent = false;
  int line = 1, quoteLine = 1;
  current.line = 1;
  auto endField = [&] {
    current.fields.push_back(fieldQuoted ? field : trim(field));
    field.clear();
    fieldQuoted = false;
  };
  auto endRecord = [&] {
    endField();
    if (anyContent) records.push_back(std::move(current));
    current = CsvRecord{};
    anyContent = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inQuotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        inQuotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && trim(field).empty()) {
      inQuotes = fieldQuoted = anyContent = true;
      field.clear();
      quoteLine = line;
    } else if (c == ',') {
      endField();
      anyContent = true;
    } else if (c == '\n') {
      endRecord();
      current.line = ++line;
    } else if (c != '\r') {
      field += c;
      if (!std::isspace(static_cast<unsigned char>(c))) anyContent = true;
    }
  }
  if (inQuotes) {
    errors.add(quoteLine, "a quoted field is never closed (a \" is missing)");
    return records;
  }
  endRecord();
  return records;
}

std::vector<CurriculumEntry> parseCsv(const std::string& text, RowErrors& errors) {
  std::vector<CsvRecord> records = splitCsv(text, errors);
  // Columns: a header row names them (in any order, "tags" optional); without one they are
  // category,complexity,prompt.
  std::map<std::string, size_t> column{{"category", 0}, {"complexity", 1}, {"prompt", 2}};
  size_t width = 3;
  size_t first = 0;
  auto isHeader = [](const CsvRecord& r) {
    return std::any_of(r.fields.begin(), r.fields.end(), [](const std::string& f) {
      const std::string name = lower(trim(f));
      return name == "category" || name == "complexity" || name == "prompt";
    });
  };
  if (!records.empty() && isHeader(records[0])) {
    std::map<std::string, size_t> named;
    for (size_t i = 0; i < records[0].fields.size(); ++i) named[lower(trim(records[0].fields[i]))] = i;
    for (const char* required : {"category", "complexity", "prompt"})
      if (!named.count(required)) errors.add(records[0].line, std::string("the header has no \"") + required + "\" column");
    for (const auto& [name, index] : named)
      if (name != "category" && name != "complexity" && name != "prompt" && name != "tags")
        errors.add(records[0].line, "unknown column \"" + name + "\" (use category, complexity, prompt and tags)");
    if (!errors.empty()) return {};
    column = named;
    width = records[0].fields.size();
    first = 1;
  }
  std::vector<CurriculumEntry> out;
  for (size_t r = first; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    if (rec.fields.size() != width) {
      errors.add(rec.line, std::to_string(rec.fields.size()) + " columns, expected " + std::to_string(width) +
                               (rec.fields.size() > width ? " (put a prompt that contains commas in double quotes)"
                                                          : " (category,complexity,prompt)"));
      continue;
    }
    CurriculumEntry e;
    e.line = rec.line;
    e.category = rec.fields[column["category"]];
    e.prompt = rec.fields[column["prompt"]];
    const std::string complexityText = rec.fields[column["complexity"]];
    std::optional<int> complexity = parseComplexity(complexityText);
    if (complexity) e.complexity = *complexity;
    if (column.count("tags"))
      for (const auto& t : splitList(rec.fields[column["tags"]])) e.tags.push_back(t);
    if (finishEntry(e, complexity ? std::string() : complexityErrorFor(quoted(complexityText)), errors))
      out.push_back(std::move(e));
  }
  return out;
}

std::string readText(const std::string& path, const std::string& operation) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw StoreError(StoreError::Kind::Access, operation, path + " does not exist or is not a file");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw StoreError(StoreError::Kind::Io, operation, "cannot read " + path);
  return text.str();
}

CurriculumFormat formatOf(const std::string& path, const std::string& text) {
  const std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".csv") return CurriculumFormat::Csv;
  if (ext == ".jsonl" || ext == ".json" || ext == ".ndjson") return CurriculumFormat::Jsonl;
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{' ? CurriculumFormat::Jsonl : CurriculumFormat::Csv;
}

std::optional<int64_t> existingPrompt(Database& db, const std::string& category, const std::string& prompt) {
  Statement st(db, "SELECT id FROM workbench_prompts WHERE category = ? AND text = ?");
  st.bindAll(category, prompt);
  if (!st.step()) return std::nullopt;
  return st.getInt(0);
}

}  // namespace

const std::vector<CurriculumCategory>& curriculumCategories() {
  static const std::vector<CurriculumCategory> categories = {
      {"primitives", "Primitives", 1},
      {"boolean-operations", "Boolean operations", 2},
      {"patterns-and-arrays", "Patterns and arrays", 3},
      {"revolve-loft-sweep", "Revolve, loft and sweep", 4},
      {"fillets-and-chamfers", "Fillets and chamfers", 5},
      {"brackets-and-mounts", "Brackets and mounts", 6},
      {"mechanical-components", "Mechanical components", 7},
      {"organisers-and-containers", "Organisers and containers", 8},
      {"enclosures-with-lids", "Enclosures with lids", 9},
      {"snap-fits-and-hinges", "Snap-fits and hinges", 9},
      {"pcb-cases", "PCB cases", 10},
  };
  return categories;
}

std::string canonicalCategory(const std::string& category) {
  const std::string kept = trim(category);
  const std::string slug = slugOf(kept);
  for (const auto& c : curriculumCategories())
    if (slug == c.id || slug == slugOf(c.title)) return c.id;
  return kept;
}

std::vector<CurriculumEntry> parseCurriculum(const std::string& rawText, CurriculumFormat format,
                                             const std::string& source) {
  std::string text = rawText;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // spreadsheet programs add a BOM
  RowErrors errors(source);
  std::vector<CurriculumEntry> entries =
      format == CurriculumFormat::Jsonl ? parseJsonl(text, errors) : parseCsv(text, errors);
  if (!errors.empty()) errors.raise();
  return entries;
}

std::vector<CurriculumEntry> readCurriculumFile(const std::string& path) {
  const std::string text = readText(path, "read the prompt file");
  return parseCurriculum(text, formatOf(path, text), path);
}

std::string defaultCurriculumPath() {
  if (const char* env = std::getenv("PARTSMITH_CURRICULUM"); env && *env) return env;
  return base::findDataPath("curriculum/curriculum.jsonl", "resources/curriculum/curriculum.jsonl");
}

CurriculumImportReport CurriculumLoader::importEntries(const std::vector<CurriculumEntry>& entries,
                                                       const std::string& source) {
  CurriculumImportReport report;
  Transaction tx(m_store.db(), "import the workbench prompts");
  for (const auto& e : entries) {
    if (auto id = existingPrompt(m_store.db(), e.category, e.prompt)) {
      ++report.existing;
      report.promptIds.push_back(*id);
    } else {
      report.promptIds.push_back(m_store.workbench().addPrompt(e.prompt, e.category, e.complexity, source));
      ++report.added;
    }
  }
  tx.commit();
  return report;
}

CurriculumImportReport CurriculumLoader::importFile(const std::string& path) {
  return importEntries(readCurriculumFile(path), "imported");
}

CurriculumImportReport CurriculumLoader::importShipped(const std::string& path) {
  const std::string text = readText(path, "load the shipped curriculum");
  const std::vector<CurriculumEntry> entries = parseCurriculum(text, formatOf(path, text), path);
  Database& db = m_store.db();
  Transaction tx(db, "load the shipped curriculum");
  std::set<std::string> imported;
  if (auto saved = m_store.meta(kImportedKey)) {
    json list = json::parse(*saved, nullptr, false);
    if (list.is_array())
      for (const auto& h : list)
        if (h.is_string()) imported.insert(h.get<std::string>());
  }
  CurriculumImportReport report;
  for (const auto& e : entries) {
    const std::string key = entryKey(e.category, e.prompt);
    const std::optional<int64_t> id = existingPrompt(db, e.category, e.prompt);
    if (id) {
      ++report.existing;
      report.promptIds.push_back(*id);
    } else if (imported.count(key)) {
      ++report.retired;  // the user changed or moved it: their version stands
    } else {
      report.promptIds.push_back(m_store.workbench().addPrompt(e.prompt, e.category, e.complexity, "curriculum"));
      ++report.added;
    }
    imported.insert(key);
  }
  m_store.setMeta(kImportedKey, json(std::vector<std::string>(imported.begin(), imported.end())).dump());
  m_store.setMeta(kFileHashKey, contentHash(text));
  tx.commit();
  return report;
}

CurriculumImportReport CurriculumLoader::ensureShipped(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    spdlog::warn("store: no curriculum at {}; the workbench starts without the shipped prompts", path);
    return {};
  }
  const std::string text = readText(path, "load the shipped curriculum");
  if (m_store.meta(kFileHashKey) == contentHash(text)) return {};
  return importShipped(path);
}

}  // namespace partsmith::store
