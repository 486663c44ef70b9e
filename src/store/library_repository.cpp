#include "store/library_repository.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/database.h"
#include "store/example_header.h"
#include "store/store_error.h"
#include "store/store_util.h"

namespace partsmith::store {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const char* kColumns =
    "l.id, l.uuid, l.title, l.prompt, l.code, l.category, l.complexity, l.techniques, l.tags, l.expectations, "
    "l.source, l.status, l.source_path, l.source_generation_id, l.score, l.review_note, l.embedding_model, "
    "l.embedding, l.created_at, l.updated_at, l.reviewed_at";

LibraryExample readExample(const Statement& st) {
  LibraryExample e;
  e.id = st.getInt(0);
  e.uuid = st.getText(1);
  e.title = st.getText(2);
  e.prompt = st.getText(3);
  e.code = st.getText(4);
  e.category = st.getText(5);
  e.complexity = static_cast<int>(st.getInt(6));
  e.techniques = splitList(st.getText(7));
  e.tags = splitList(st.getText(8));
  e.expectations = json::parse(st.getText(9), nullptr, false);
  if (e.expectations.is_discarded()) e.expectations = json::array();
  e.source = st.getText(10);
  e.status = st.getText(11);
  e.sourcePath = st.getOptText(12);
  e.sourceGenerationId = st.getOptInt(13);
  e.score = st.getOptDouble(14);
  e.reviewNote = st.getOptText(15);
  e.embeddingModel = st.getOptText(16);
  auto blob = st.getBlob(17);
  e.embedding.resize(blob.size() / sizeof(float));
  if (!e.embedding.empty()) std::memcpy(e.embedding.data(), blob.data(), e.embedding.size() * sizeof(float));
  e.createdMs = st.getInt(18);
  e.updatedMs = st.getInt(19);
  e.reviewedMs = st.getOptInt(20);
  return e;
}

void validate(const LibraryExample& e, const std::string& operation) {
  auto invalid = [&](const std::string& why, const std::string& hint = {}) {
    return StoreError(StoreError::Kind::Invalid, operation, why, hint);
  };
  if (e.prompt.empty()) throw invalid("the example has no prompt");
  if (e.code.empty()) throw invalid("the example has no code");
  if (e.complexity < 0 || e.complexity > 10) throw invalid("complexity must be 1–10 (0 for unknown)");
  static const char* const sources[] = {"seed", "curated", "workbench", "imported"};
  if (std::none_of(std::begin(sources), std::end(sources), [&](const char* s) { return e.source == s; }))
    throw invalid("unknown source '" + e.source + "'", "use seed, curated, workbench or imported");
  if (e.status != "candidate" && e.status != "approved" && e.status != "rejected")
    throw invalid("unknown status '" + e.status + "'", "use candidate, approved or rejected");
}

std::string hashOf(const LibraryExample& e) {
  return contentHash(e.title + '\x1f' + e.prompt + '\x1f' + e.code + '\x1f' + e.category + '\x1f' +
                     std::to_string(e.complexity) + '\x1f' + joinList(e.techniques) + '\x1f' + joinList(e.tags));
}

std::string filterSql(const LibraryFilter& f) {
  std::string sql;
  if (f.status) sql += " AND l.status = :status";
  if (f.category) sql += " AND l.category = :category";
  if (f.source) sql += " AND l.source = :source";
  return sql;
}

void bindFilter(Statement& st, const LibraryFilter& f, int first) {
  int i = first;
  if (f.status) st.bind(i++, *f.status);
  if (f.category) st.bind(i++, *f.category);
  if (f.source) st.bind(i++, *f.source);
}

}  // namespace

std::string titleFromFileName(const std::string& fileName) {
  std::string title = fs::path(fileName).stem().string();
  std::replace(title.begin(), title.end(), '_', ' ');
  std::replace(title.begin(), title.end(), '-', ' ');
  if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  return title;
}

int64_t LibraryRepository::add(const LibraryExample& in) {
  validate(in, "add the example to the library");
  Transaction tx(m_db, "add the example to the library");
  const int64_t now = nowMs();
  Statement st(m_db,
               "INSERT INTO library_examples (uuid, title, prompt, code, category, complexity, techniques, tags, "
               "expectations, source, source_path, source_generation_id, status, score, review_note, content_hash, "
               "created_at, updated_at, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::optional<int64_t> reviewed;
  if (in.status != "candidate") reviewed = now;
  st.bindAll(in.uuid.empty() ? newUuid() : in.uuid, in.title.empty() ? in.prompt.substr(0, 60) : in.title,
             redactSecrets(in.prompt), redactSecrets(in.code), in.category, in.complexity, joinList(in.techniques),
             joinList(in.tags), in.expectations.is_null() ? std::string("[]") : in.expectations.dump(), in.source,
             in.sourcePath, in.sourceGenerationId, in.status, in.score, in.reviewNote, hashOf(in), now, now, reviewed)
      .run();
  const int64_t id = m_db.lastInsertId();
  if (!in.embedding.empty()) setEmbedding(id, in.embeddingModel.value_or("unknown"), in.embedding);
  tx.commit();
  return id;
}

void LibraryRepository::update(const LibraryExample& in) {
  validate(in, "update the library example");
  Transaction tx(m_db, "update the library example");
  Statement st(m_db,
               "UPDATE library_examples SET title = ?, prompt = ?, code = ?, category = ?, complexity = ?, "
               "techniques = ?, tags = ?, expectations = ?, status = ?, score = ?, review_note = ?, "
               "content_hash = ?, updated_at = ?, reviewed_at = CASE WHEN status <> ? THEN ? ELSE reviewed_at END, "
               // the text changed: an old embedding no longer describes it
               "embedding = CASE WHEN content_hash <> ? THEN NULL ELSE embedding END, "
               "embedding_model = CASE WHEN content_hash <> ? THEN NULL ELSE embedding_model END, "
               "embedding_dim = CASE WHEN content_hash <> ? THEN NULL ELSE embedding_dim END "
               "WHERE id = ?");
  const int64_t now = nowMs();
  const std::string hash = hashOf(in);
  st.bindAll(in.title, redactSecrets(in.prompt), redactSecrets(in.code), in.category, in.complexity,
             joinList(in.techniques), joinList(in.tags), in.expectations.is_null() ? std::string("[]") : in.expectations.dump(),
             in.status, in.score, in.reviewNote, hash, now, in.status, now, hash, hash, hash, in.id)
      .run();
  if (m_db.changes() == 0)
    throw StoreError(StoreError::Kind::NotFound, m_db.operation(), "example " + std::to_string(in.id) + " does not exist");
  tx.commit();
}

LibraryExample LibraryRepository::get(int64_t id) {
  Statement st(m_db, std::string("SELECT ") + kColumns + " FROM library_examples l WHERE l.id = ?");
  st.bind(1, id);
  if (!st.step())
    throw StoreError(StoreError::Kind::NotFound, "read the library example",
                     "example " + std::to_string(id) + " does not exist");
  return readExample(st);
}

std::vector<LibraryExample> LibraryRepository::list(const LibraryFilter& filter) {
  Statement st(m_db, std::string("SELECT ") + kColumns + " FROM library_examples l WHERE 1" + filterSql(filter) +
                         " ORDER BY l.category, l.complexity, l.title, l.id LIMIT ? OFFSET ?");
  bindFilter(st, filter, 1);
  int next = 1 + (filter.status ? 1 : 0) + (filter.category ? 1 : 0) + (filter.source ? 1 : 0);
  st.bind(next, filter.limit).bind(next + 1, filter.offset);
  std::vector<LibraryExample> out;
  while (st.step()) out.push_back(readExample(st));
  return out;
}

std::vector<LibraryHit> LibraryRepository::search(const std::string& text, const LibraryFilter& filter) {
  std::vector<LibraryHit> hits;
  const std::string query = ftsQuery(text);
  if (query.empty()) return hits;
  // Weights: title, prompt, tags, techniques, code — what the example is about counts more
  // than incidental words in its code.
  Statement st(m_db, std::string("SELECT ") + kColumns +
                         ", bm25(library_fts, 6.0, 4.0, 3.0, 3.0, 1.0) AS score, "
                         "snippet(library_fts, 1, '[', ']', '…', 16) FROM library_fts "
                         "JOIN library_examples l ON l.id = library_fts.rowid WHERE library_fts MATCH ?" +
                         filterSql(filter) + " ORDER BY score LIMIT ? OFFSET ?");
  st.bind(1, query);
  bindFilter(st, filter, 2);
  int next = 2 + (filter.status ? 1 : 0) + (filter.category ? 1 : 0) + (filter.source ? 1 : 0);
  st.bind(next, filter.limit).bind(next + 1, filter.offset);
  while (st.step()) {
    LibraryHit hit;
    hit.example = readExample(st);
    hit.rank = st.getDouble(21);
    hit.snippet = st.getText(22);
    hits.push_back(std::move(hit));
  }
  return hits;
}

void LibraryRepository::setStatus(int64_t id, const std::string& status, const std::string& note) {
  if (status != "candidate" && status != "approved" && status != "rejected")
    throw StoreError(StoreError::Kind::Invalid, "review the library example", "unknown status '" + status + "'",
                     "use candidate, approved or rejected");
  Transaction tx(m_db, "review the library example");
  Statement st(m_db, "UPDATE library_examples SET status = ?, review_note = coalesce(nullif(?, ''), review_note), "
                     "reviewed_at = ?, updated_at = ? WHERE id = ?");
  const int64_t now = nowMs();
  st.bindAll(status, note, now, now, id).run();
  if (m_db.changes() == 0)
    throw StoreError(StoreError::Kind::NotFound, m_db.operation(), "example " + std::to_string(id) + " does not exist");
  tx.commit();
}

void LibraryRepository::setEmbedding(int64_t id, const std::string& model, const std::vector<float>& vector) {
  if (model.empty() || vector.empty())
    throw StoreError(StoreError::Kind::Invalid, "save the embedding", "an embedding needs its model and values");
  Transaction tx(m_db, "save the embedding");
  Statement st(m_db, "UPDATE library_examples SET embedding = ?, embedding_model = ?, embedding_dim = ? WHERE id = ?");
  st.bindBlob(1, vector.data(), vector.size() * sizeof(float));
  st.bind(2, model).bind(3, static_cast<int64_t>(vector.size())).bind(4, id).run();
  if (m_db.changes() == 0)
    throw StoreError(StoreError::Kind::NotFound, m_db.operation(), "example " + std::to_string(id) + " does not exist");
  tx.commit();
}

void LibraryRepository::remove(int64_t id) {
  Transaction tx(m_db, "remove the library example");
  Statement st(m_db, "DELETE FROM library_examples WHERE id = ?");
  st.bind(1, id).run();
  if (m_db.changes() == 0)
    throw StoreError(StoreError::Kind::NotFound, m_db.operation(), "example " + std::to_string(id) + " does not exist");
  tx.commit();
}

int64_t LibraryRepository::count(const std::optional<std::string>& status) {
  if (!status) return m_db.queryInt("SELECT count(*) FROM library_examples");
  Statement st(m_db, "SELECT count(*) FROM library_examples WHERE status = ?");
  st.bind(1, *status);
  st.step();
  return st.getInt(0);
}

ImportReport LibraryRepository::importDirectory(const std::string& dir, const std::string& source) {
  ImportReport report;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw StoreError(StoreError::Kind::Invalid, "import examples from " + dir, "it is not a folder");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".js") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  Transaction tx(m_db, "import examples from " + dir);
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      report.errors.push_back(name + ": cannot be read");
      continue;
    }
    ExampleHeader header;
    try {
      header = parseExampleHeader(text.str());
    } catch (const std::exception& e) {
      report.errors.push_back(name + ": bad header, " + std::string(e.what()));
      continue;
    }
    if (header.prompt.empty()) {
      report.errors.push_back(name + ": no `// @prompt:` header line");
      continue;
    }
    LibraryExample e;
    e.title = titleFromFileName(name);
    e.prompt = header.prompt;
    e.code = text.str();
    e.category = header.category;
    e.complexity = std::clamp(header.complexity, 0, 10);
    e.techniques = header.techniques;
    e.expectations = json::array();
    for (const auto& x : header.expectations) {
      json item = {{"path", x.path}, {"expected", json::parse(x.expected, nullptr, false)}};
      if (x.tolerance >= 0) item["tolerance"] = x.tolerance;
      if (x.percent) item["percent"] = true;
      e.expectations.push_back(item);
    }
    e.source = source;
    e.status = "approved";
    // Seeds are known by file name (portable across installs); other imports by full path.
    e.sourcePath = source == "seed" ? name : fs::absolute(file).lexically_normal().string();
    Statement existing(m_db, "SELECT id, content_hash, status, score FROM library_examples WHERE source = ? AND source_path = ?");
    existing.bindAll(e.source, *e.sourcePath);
    if (!existing.step()) {
      add(e);
      ++report.added;
    } else if (existing.getText(1) == hashOf(e)) {
      ++report.unchanged;
    } else {
      e.id = existing.getInt(0);
      e.status = existing.getText(2);  // a re-import keeps the review decision
      e.score = existing.getOptDouble(3);
      update(e);
      ++report.updated;
    }
  }
  tx.commit();
  return report;
}

}  // namespace partsmith::store
