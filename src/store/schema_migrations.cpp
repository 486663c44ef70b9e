#include "store/schema_migrations.h"

#include <iterator>
#include <string>

#include "store/database.h"
#include "store/store_error.h"

namespace partsmith::store {

namespace {

// Times are milliseconds since the Unix epoch (UTC). JSON columns hold UTF-8 JSON text.
// uuid columns identify rows across databases (workbench shards are merged by uuid).
const Migration kMigrations[] = {
    {1, "conversations, messages and generations", R"SQL(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  -- the message the conversation shows: its path to the root is the active branch
  current_leaf_id INTEGER REFERENCES messages(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX conversations_recent ON conversations(archived, updated_at DESC, id DESC);

-- Retries and edits add a sibling under the same parent instead of overwriting.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
  content TEXT NOT NULL,
  generation_id INTEGER REFERENCES generations(id) ON DELETE SET NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX messages_conversation ON messages(conversation_id, id);
CREATE INDEX messages_parent ON messages(parent_id);
CREATE INDEX messages_generation ON messages(generation_id) WHERE generation_id IS NOT NULL;

CREATE TRIGGER messages_parent_in_conversation BEFORE INSERT ON messages
WHEN NEW.parent_id IS NOT NULL
  AND (SELECT conversation_id FROM messages WHERE id = NEW.parent_id) IS NOT NEW.conversation_id
BEGIN
  SELECT RAISE(ABORT, 'the parent message belongs to another conversation');
END;

CREATE TABLE generations (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  conversation_id INTEGER REFERENCES conversations(id) ON DELETE CASCADE,
  request_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  parent_generation_id INTEGER REFERENCES generations(id) ON DELETE SET NULL,
  origin TEXT NOT NULL DEFAULT 'chat' CHECK (origin IN ('chat', 'workbench', 'experiment', 'cli')),
  request TEXT NOT NULL,
  spec TEXT,
  final_code TEXT,
  parameters TEXT,
  facts TEXT,
  status TEXT NOT NULL DEFAULT 'running'
    CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'budget_exhausted')),
  error TEXT,
  settings TEXT NOT NULL DEFAULT '{}',
  tools TEXT,
  stage_models TEXT NOT NULL DEFAULT '{}',
  steps INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  composite_score REAL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
CREATE INDEX generations_conversation ON generations(conversation_id, id);
CREATE INDEX generations_parent ON generations(parent_generation_id) WHERE parent_generation_id IS NOT NULL;
CREATE INDEX generations_status ON generations(status, created_at);

-- Per pipeline stage (spec, research, code, review, visual, refine, decompose, embedding):
-- the model that ran it, usage and time; `enabled` 0 records a bypassed stage.
CREATE TABLE generation_stages (
  generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  model_id TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  calls INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (generation_id, stage)
) STRICT;

-- The full agent transcript: every model message, tool call and tool result, in order.
-- `code` is the script a run_code step executed, so repair traces need no replaying.
CREATE TABLE generation_steps (
  id INTEGER PRIMARY KEY,
  generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  stage TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('message', 'tool_call', 'tool_result')),
  role TEXT NOT NULL DEFAULT '',
  tool_name TEXT,
  tool_call_id TEXT,
  content TEXT NOT NULL,
  is_error INTEGER NOT NULL DEFAULT 0 CHECK (is_error IN (0, 1)),
  code TEXT,
  model_id TEXT,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (generation_id, seq)
) STRICT;

-- One row per evaluation track (assertions, code_review, visual); the composite is on the
-- generation.
CREATE TABLE generation_scores (
  generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
  track TEXT NOT NULL,
  score REAL CHECK (score IS NULL OR score BETWEEN 0 AND 10),
  weight REAL NOT NULL DEFAULT 1,
  passed INTEGER CHECK (passed IN (0, 1)),
  model_id TEXT,
  details TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (generation_id, track)
) STRICT, WITHOUT ROWID;
)SQL"},

    {2, "ratings and exports", R"SQL(
-- The user's rating of a generation (explicit), plus the implicit signal: accepted (kept,
-- built on) or rejected (retried, discarded).
CREATE TABLE ratings (
  generation_id INTEGER PRIMARY KEY REFERENCES generations(id) ON DELETE CASCADE,
  thumbs INTEGER CHECK (thumbs IN (-1, 1)),
  stars INTEGER CHECK (stars BETWEEN 1 AND 5),
  comment TEXT,
  accepted INTEGER CHECK (accepted IN (0, 1)),
  signal_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE exports (
  id INTEGER PRIMARY KEY,
  generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
  format TEXT NOT NULL CHECK (format IN ('stl', 'step', '3mf', 'brep', 'js', 'png')),
  path TEXT NOT NULL,
  parameters TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX exports_generation ON exports(generation_id);
)SQL"},

    {3, "example library with full-text search", R"SQL(
CREATE TABLE library_examples (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  prompt TEXT NOT NULL,
  code TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  complexity INTEGER NOT NULL DEFAULT 0 CHECK (complexity BETWEEN 0 AND 10),
  techniques TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  expectations TEXT NOT NULL DEFAULT '[]',
  source TEXT NOT NULL CHECK (source IN ('seed', 'curated', 'workbench', 'imported')),
  source_path TEXT,
  source_generation_id INTEGER REFERENCES generations(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'approved', 'rejected')),
  score REAL,
  review_note TEXT,
  embedding BLOB,
  embedding_model TEXT,
  embedding_dim INTEGER,
  content_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  reviewed_at INTEGER,
  CHECK ((embedding IS NULL) = (embedding_model IS NULL))
) STRICT;
CREATE INDEX library_status ON library_examples(status, category, complexity);
CREATE UNIQUE INDEX library_source_path ON library_examples(source, source_path) WHERE source_path IS NOT NULL;
CREATE UNIQUE INDEX library_generation ON library_examples(source_generation_id)
  WHERE source_generation_id IS NOT NULL;

CREATE VIRTUAL TABLE library_fts USING fts5(
  title, prompt, tags, techniques, code,
  content = 'library_examples', content_rowid = 'id', tokenize = 'porter unicode61');
CREATE TRIGGER library_fts_insert AFTER INSERT ON library_examples BEGIN
  INSERT INTO library_fts(rowid, title, prompt, tags, techniques, code)
  VALUES (NEW.id, NEW.title, NEW.prompt, NEW.tags, NEW.techniques, NEW.code);
END;
CREATE TRIGGER library_fts_delete AFTER DELETE ON library_examples BEGIN
  INSERT INTO library_fts(library_fts, rowid, title, prompt, tags, techniques, code)
  VALUES ('delete', OLD.id, OLD.title, OLD.prompt, OLD.tags, OLD.techniques, OLD.code);
END;
CREATE TRIGGER library_fts_update AFTER UPDATE OF title, prompt, tags, techniques, code ON library_examples BEGIN
  INSERT INTO library_fts(library_fts, rowid, title, prompt, tags, techniques, code)
  VALUES ('delete', OLD.id, OLD.title, OLD.prompt, OLD.tags, OLD.techniques, OLD.code);
  INSERT INTO library_fts(rowid, title, prompt, tags, techniques, code)
  VALUES (NEW.id, NEW.title, NEW.prompt, NEW.tags, NEW.techniques, NEW.code);
END;

-- "Remix": a conversation started from a library example.
ALTER TABLE conversations ADD COLUMN remixed_from_example_id INTEGER
  REFERENCES library_examples(id) ON DELETE SET NULL;
)SQL"},

    {4, "workbench prompts, experiments and runs", R"SQL(
CREATE TABLE workbench_prompts (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  category TEXT NOT NULL,
  complexity INTEGER NOT NULL CHECK (complexity BETWEEN 1 AND 10),
  source TEXT NOT NULL DEFAULT 'user' CHECK (source IN ('curriculum', 'user', 'imported')),
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (category, text)
) STRICT;
CREATE INDEX workbench_prompts_category ON workbench_prompts(category, complexity);

-- An experiment fixes a prompt set and varies one thing across its variants.
CREATE TABLE experiments (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  varies TEXT NOT NULL CHECK (varies IN ('stage_model', 'few_shot', 'switch', 'prompt', 'other')),
  base_settings TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE experiment_variants (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (experiment_id, label)
) STRICT;

CREATE TABLE experiment_prompts (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  prompt_id INTEGER NOT NULL REFERENCES workbench_prompts(id) ON DELETE CASCADE,
  PRIMARY KEY (experiment_id, prompt_id)
) STRICT, WITHOUT ROWID;

-- A batch: a workbench run, or one variant of an experiment; shard i of n when split.
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  experiment_id INTEGER REFERENCES experiments(id) ON DELETE CASCADE,
  variant_id INTEGER REFERENCES experiment_variants(id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  settings TEXT NOT NULL DEFAULT '{}',
  shard_index INTEGER NOT NULL DEFAULT 0,
  shard_count INTEGER NOT NULL DEFAULT 1,
  budget_usd REAL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'paused', 'done', 'failed', 'cancelled')),
  host TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  CHECK (shard_count >= 1 AND shard_index >= 0 AND shard_index < shard_count),
  CHECK ((variant_id IS NULL) OR (experiment_id IS NOT NULL))
) STRICT;
CREATE INDEX runs_experiment ON runs(experiment_id, variant_id);

-- One prompt of a run; UNIQUE(run, prompt) is what makes a resumed run skip finished work.
CREATE TABLE run_items (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  prompt_id INTEGER NOT NULL REFERENCES workbench_prompts(id) ON DELETE RESTRICT,
  generation_id INTEGER REFERENCES generations(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  approved INTEGER CHECK (approved IN (0, 1)),
  error TEXT,
  started_at INTEGER,
  finished_at INTEGER,
  UNIQUE (run_id, prompt_id)
) STRICT;
CREATE INDEX run_items_status ON run_items(run_id, status);
)SQL"},

    {5, "full-text search of the history", R"SQL(
CREATE VIRTUAL TABLE messages_fts USING fts5(
  content, content = 'messages', content_rowid = 'id', tokenize = 'porter unicode61');
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, content) VALUES (NEW.id, NEW.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', OLD.id, OLD.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', OLD.id, OLD.content);
  INSERT INTO messages_fts(rowid, content) VALUES (NEW.id, NEW.content);
END;

CREATE VIRTUAL TABLE conversations_fts USING fts5(
  title, content = 'conversations', content_rowid = 'id', tokenize = 'porter unicode61');
INSERT INTO conversations_fts(conversations_fts) VALUES ('rebuild');
CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO conversations_fts(rowid, title) VALUES (NEW.id, NEW.title);
END;
CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
  INSERT INTO conversations_fts(conversations_fts, rowid, title) VALUES ('delete', OLD.id, OLD.title);
END;
CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
  INSERT INTO conversations_fts(conversations_fts, rowid, title) VALUES ('delete', OLD.id, OLD.title);
  INSERT INTO conversations_fts(rowid, title) VALUES (NEW.id, NEW.title);
END;
)SQL"},

    {6, "generation ownership, streamed partial steps and time split", R"SQL(
-- Which process runs a generation (pid, host, and the process's start time so a reused pid is
-- not mistaken for it): a generation left 'running' by a process that is gone was interrupted
-- (killed, crashed, power cut). interrupted_at records when that was noticed.
ALTER TABLE generations ADD COLUMN owner_pid INTEGER;
ALTER TABLE generations ADD COLUMN owner_host TEXT;
ALTER TABLE generations ADD COLUMN owner_started TEXT;
ALTER TABLE generations ADD COLUMN interrupted_at INTEGER;

-- A model turn is written while it streams and updated as it grows; partial = 1 until the turn
-- completes. A partial step that stays so belongs to an interrupted generation.
ALTER TABLE generation_steps ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1));
CREATE INDEX generation_steps_partial ON generation_steps(generation_id) WHERE partial = 1;

-- Where a generation's time went: model calls, kernel runs, and the agent's own work (the rest
-- of duration_ms), in milliseconds.
ALTER TABLE generations ADD COLUMN llm_ms REAL;
ALTER TABLE generations ADD COLUMN kernel_ms REAL;
ALTER TABLE generations ADD COLUMN overhead_ms REAL;
)SQL"},

    {7, "exports without a generation", R"SQL(
-- A part that no generation made (the first-start example, a script opened from a file, code
-- typed by hand) is exported too, and "what did I export" must list it. Such a row names the
-- part by the script as exported (its text and hash, so equal exports group) and where it came
-- from (the file, or the example), plus the conversation it was shown in, if any. Rows of a
-- generation get the generation's conversation too, so a conversation lists all its exports.
-- SQLite cannot drop a NOT NULL in place: the table is rebuilt (nothing references it).
CREATE TABLE exports_v7 (
  id INTEGER PRIMARY KEY,
  generation_id INTEGER REFERENCES generations(id) ON DELETE CASCADE,
  conversation_id INTEGER REFERENCES conversations(id) ON DELETE CASCADE,
  format TEXT NOT NULL CHECK (format IN ('stl', 'step', '3mf', 'brep', 'js', 'png')),
  path TEXT NOT NULL,
  parameters TEXT,
  code TEXT,
  code_hash TEXT,
  source TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  CHECK (generation_id IS NOT NULL OR code IS NOT NULL),
  CHECK ((code IS NULL) = (code_hash IS NULL))
) STRICT;
INSERT INTO exports_v7 (id, generation_id, conversation_id, format, path, parameters, created_at)
  SELECT e.id, e.generation_id, g.conversation_id, e.format, e.path, e.parameters, e.created_at
  FROM exports e LEFT JOIN generations g ON g.id = e.generation_id;
DROP TABLE exports;
ALTER TABLE exports_v7 RENAME TO exports;
CREATE INDEX exports_generation ON exports(generation_id) WHERE generation_id IS NOT NULL;
CREATE INDEX exports_conversation ON exports(conversation_id, created_at) WHERE conversation_id IS NOT NULL;
CREATE INDEX exports_recent ON exports(created_at DESC, id DESC);
)SQL"},
};

}  // namespace

int latestSchemaVersion() { return std::prev(std::end(kMigrations))->version; }

int schemaVersion(Database& db) { return static_cast<int>(db.queryInt("PRAGMA user_version")); }

int migrate(Database& db, int target) {
  if (target <= 0) target = latestSchemaVersion();
  const int current = schemaVersion(db);
  if (current > latestSchemaVersion())
    throw StoreError(StoreError::Kind::TooNew, "open " + db.path(),
                     "the file uses schema version " + std::to_string(current) + ", this Partsmith knows up to " +
                         std::to_string(latestSchemaVersion()),
                     "update Partsmith; the file was left untouched");
  int applied = 0;
  for (const Migration& m : kMigrations) {
    if (m.version <= current || m.version > target) continue;
    Transaction tx(db, "upgrade the database to schema " + std::to_string(m.version) + " (" + m.name + ")");
    // Re-check under the write lock: another process may have upgraded meanwhile.
    if (schemaVersion(db) >= m.version) continue;
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
    ++applied;
  }
  return applied;
}

}  // namespace partsmith::store
