#include "store/generation_repository.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "store/database.h"
#include "store/store_error.h"
#include "store/store_util.h"

namespace partsmith::store {
using json = nlohmann::json;

namespace {

const char* kColumns =
    "id, uuid, conversation_id, request_message_id, parent_generation_id, origin, request, spec, final_code, "
    "parameters, facts, status, error, settings, tools, stage_models, steps, input_tokens, cache_read_tokens, "
    "cache_write_tokens, output_tokens, cost_usd, duration_ms, composite_score, created_at, finished_at, owner_pid, "
    "owner_host, owner_started, interrupted_at, llm_ms, kernel_ms, overhead_ms";

// The process that runs a generation: pid, host name and the process's start time (Linux:
// /proc/PID/stat field 22), so that a pid reused by another process is not taken for it.
struct ProcessOwner {
  int64_t pid = 0;
  std::string host;
  std::string started;
};

std::string processStartTime(int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!in || !std::getline(in, line)) return {};
  const size_t close = line.rfind(')');  // the command name may hold spaces and parentheses
  if (close == std::string::npos) return {};
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22 && (fields >> field); ++i)
    if (i == 22) return field;
  return {};
}

const ProcessOwner& thisProcess() {
  static const ProcessOwner owner = [] {
    ProcessOwner o;
    o.pid = static_cast<int64_t>(::getpid());
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0) o.host = host;
    o.started = processStartTime(o.pid);
    return o;
  }();
  return owner;
}

// True only when the owner is known to be gone: same host, and no such process (or another
// process under its pid). A generation run on another host is never declared dead from here.
bool ownerGone(const std::optional<int64_t>& pid, const std::optional<std::string>& host,
               const std::optional<std::string>& started) {
  if (!pid || *pid <= 0 || !host || *host != thisProcess().host) return false;
  if (*pid == thisProcess().pid) return started && !started->empty() && *started != thisProcess().started;
  if (::kill(static_cast<pid_t>(*pid), 0) != 0) return errno == ESRCH;
  if (started && !started->empty()) {
    const std::string now = processStartTime(*pid);
    return !now.empty() && now != *started;
  }
  return false;
}

json parseJson(const std::optional<std::string>& text) {
  if (!text || text->empty()) return nullptr;
  json value = json::parse(*text, nullptr, false);
  return value.is_discarded() ? json(*text) : value;
}

std::optional<std::string> dumpJson(const json& value) {
  if (value.is_null()) return std::nullopt;
  return redactSecrets(value.dump());
}

StoreError notFound(const std::string& operation, int64_t id) {
  return StoreError(StoreError::Kind::NotFound, operation, "generation " + std::to_string(id) + " does not exist");
}

const char* const kStatuses[] = {"running", "succeeded", "failed", "cancelled", "budget_exhausted"};

Generation readGeneration(const Statement& st) {
  Generation g;
  g.id = st.getInt(0);
  g.uuid = st.getText(1);
  g.conversationId = st.getOptInt(2);
  g.requestMessageId = st.getOptInt(3);
  g.parentGenerationId = st.getOptInt(4);
  g.origin = st.getText(5);
  g.request = st.getText(6);
  g.spec = parseJson(st.getOptText(7));
  g.finalCode = st.getOptText(8);
  g.parameters = parseJson(st.getOptText(9));
  g.facts = parseJson(st.getOptText(10));
  g.status = st.getText(11);
  g.error = st.getOptText(12);
  g.settings = parseJson(st.getOptText(13));
  g.tools = parseJson(st.getOptText(14));
  g.stageModels = parseJson(st.getOptText(15));
  g.steps = static_cast<int>(st.getInt(16));
  g.totals.input = st.getInt(17);
  g.totals.cacheRead = st.getInt(18);
  g.totals.cacheWrite = st.getInt(19);
  g.totals.output = st.getInt(20);
  g.totals.costUsd = st.getDouble(21);
  g.totals.durationMs = st.getInt(22);
  g.compositeScore = st.getOptDouble(23);
  g.createdMs = st.getInt(24);
  g.finishedMs = st.getOptInt(25);
  g.interruptedMs = st.getOptInt(29);
  if (auto llm = st.getOptDouble(30))
    g.timing = GenerationTiming{*llm, st.getOptDouble(31).value_or(0), st.getOptDouble(32).value_or(0)};
  if (g.status == "running" && (g.interruptedMs || ownerGone(st.getOptInt(26), st.getOptText(27), st.getOptText(28))))
    g.status = "interrupted";
  return g;
}

json usageJson(const TokenUsage& u) {
  return {{"input_tokens", u.input},       {"cache_read_tokens", u.cacheRead}, {"cache_write_tokens", u.cacheWrite},
          {"output_tokens", u.output},     {"cost_usd", u.costUsd},            {"duration_ms", u.durationMs}};
}

}  // namespace

int64_t GenerationRepository::create(const NewGeneration& in) {
  if (in.request.empty())
    throw StoreError(StoreError::Kind::Invalid, "record the generation", "the request text is empty");
  Transaction tx(m_db, "record the generation");
  json models = json::object();
  for (const auto& [stage, model] : in.stageModels) models[stage] = model;
  Statement st(m_db,
               "INSERT INTO generations (uuid, conversation_id, request_message_id, parent_generation_id, origin, "
               "request, settings, tools, stage_models, created_at, owner_pid, owner_host, owner_started) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const ProcessOwner& owner = thisProcess();
  st.bindAll(newUuid(), in.conversationId, in.requestMessageId, in.parentGenerationId, in.origin,
             redactSecrets(in.request), redactSecrets(in.settings.is_null() ? "{}" : in.settings.dump()),
             dumpJson(in.tools), models.dump(), nowMs(), owner.pid, owner.host, owner.started)
      .run();
  const int64_t id = m_db.lastInsertId();
  Statement stage(m_db, "INSERT INTO generation_stages (generation_id, stage, model_id) VALUES (?, ?, ?)");
  for (const auto& [name, model] : in.stageModels) {
    stage.reset();
    stage.bindAll(id, name, model).run();
  }
  tx.commit();
  return id;
}

void GenerationRepository::setSpec(int64_t id, const json& spec) {
  Transaction tx(m_db, "save the generation's spec");
  Statement st(m_db, "UPDATE generations SET spec = ? WHERE id = ?");
  st.bindAll(dumpJson(spec), id).run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), id);
  tx.commit();
}

void GenerationRepository::addToTotals(int64_t id, const std::string& stage, const std::string& modelId,
                                       const std::string& provider, const TokenUsage& u, int calls) {
  Statement st(m_db,
               "INSERT INTO generation_stages (generation_id, stage, model_id, provider, calls, input_tokens, "
               "cache_read_tokens, cache_write_tokens, output_tokens, cost_usd, duration_ms) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
               "ON CONFLICT (generation_id, stage) DO UPDATE SET "
               "model_id = CASE WHEN ?3 <> '' THEN ?3 ELSE model_id END, "
               "provider = CASE WHEN ?4 <> '' THEN ?4 ELSE provider END, calls = calls + ?5, "
               "input_tokens = input_tokens + ?6, cache_read_tokens = cache_read_tokens + ?7, "
               "cache_write_tokens = cache_write_tokens + ?8, output_tokens = output_tokens + ?9, "
               "cost_usd = cost_usd + ?10, duration_ms = duration_ms + ?11");
  st.bindAll(id, stage, modelId, provider, calls, u.input, u.cacheRead, u.cacheWrite, u.output, u.costUsd,
             u.durationMs)
      .run();
  Statement totals(m_db,
                   "UPDATE generations SET input_tokens = input_tokens + ?, cache_read_tokens = cache_read_tokens + ?, "
                   "cache_write_tokens = cache_write_tokens + ?, output_tokens = output_tokens + ?, "
                   "cost_usd = cost_usd + ? WHERE id = ?");
  totals.bindAll(u.input, u.cacheRead, u.cacheWrite, u.output, u.costUsd, id).run();
}

int64_t GenerationRepository::appendStep(int64_t id, const GenerationStep& step) {
  if (step.kind != "message" && step.kind != "tool_call" && step.kind != "tool_result")
    throw StoreError(StoreError::Kind::Invalid, "record the agent step",
                     "unknown step kind '" + step.kind + "'", "use message, tool_call or tool_result");
  Transaction tx(m_db, "record the agent step");
  Statement exists(m_db, "SELECT coalesce(max(s.seq), 0) + 1 FROM generations g "
                         "LEFT JOIN generation_steps s ON s.generation_id = g.id WHERE g.id = ? GROUP BY g.id");
  exists.bind(1, id);
  if (!exists.step()) throw notFound(m_db.operation(), id);
  const int64_t seq = exists.getInt(0);
  Statement st(m_db,
               "INSERT INTO generation_steps (generation_id, seq, stage, kind, role, tool_name, tool_call_id, content, "
               "is_error, code, model_id, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, "
               "cost_usd, duration_ms, created_at, partial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const auto& u = step.usage;
  st.bindAll(id, seq, step.stage, step.kind, step.role, step.toolName, step.toolCallId, redactSecrets(step.content),
             step.isError, step.code, step.modelId, u.input, u.cacheRead, u.cacheWrite, u.output, u.costUsd,
             u.durationMs, step.createdMs ? step.createdMs : nowMs(), step.partial)
      .run();
  const int64_t stepId = m_db.lastInsertId();
  const bool billed = u.input || u.cacheRead || u.cacheWrite || u.output || u.costUsd > 0;
  if (!step.partial && (billed || step.modelId))
    addToTotals(id, step.stage, step.modelId.value_or(""), {}, u, billed ? 1 : 0);
  if (step.kind == "tool_call" && !step.partial) {
    Statement steps(m_db, "UPDATE generations SET steps = steps + 1 WHERE id = ?");
    steps.bind(1, id).run();
  }
  tx.commit();
  return stepId;
}

void GenerationRepository::addUsage(int64_t id, const std::string& stage, const std::string& modelId,
                                    const TokenUsage& usage, const std::string& provider) {
  Transaction tx(m_db, "record the model usage");
  if (m_db.queryInt("SELECT count(*) FROM generations WHERE id = " + std::to_string(id)) == 0)
    throw notFound(m_db.operation(), id);
  addToTotals(id, stage, modelId, provider, usage, 1);
  tx.commit();
}

void GenerationRepository::setStage(int64_t id, const std::string& stage, const std::string& modelId, bool enabled,
                                    const std::string& provider) {
  Transaction tx(m_db, "record the pipeline stage");
  Statement st(m_db,
               "INSERT INTO generation_stages (generation_id, stage, model_id, provider, enabled) VALUES (?1, ?2, ?3, "
               "?4, ?5) ON CONFLICT (generation_id, stage) DO UPDATE SET model_id = ?3, provider = ?4, enabled = ?5");
  st.bindAll(id, stage, modelId, provider, enabled).run();
  Statement models(m_db, "UPDATE generations SET stage_models = json_set(stage_models, '$.' || ?, ?) WHERE id = ?");
  models.bindAll("\"" + stage + "\"", modelId, id).run();
  tx.commit();
}

void GenerationRepository::setScore(int64_t id, const TrackScore& s) {
  if (s.score && (*s.score < 0 || *s.score > 10))
    throw StoreError(StoreError::Kind::Invalid, "save the " + s.track + " score",
                     "the score " + std::to_string(*s.score) + " is outside 0–10");
  Transaction tx(m_db, "save the " + s.track + " score");
  Statement st(m_db,
               "INSERT INTO generation_scores (generation_id, track, score, weight, passed, model_id, details, "
               "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (generation_id, track) DO UPDATE SET "
               "score = ?3, weight = ?4, passed = ?5, model_id = ?6, details = ?7, created_at = ?8");
  std::optional<int64_t> passed;
  if (s.passed) passed = *s.passed ? 1 : 0;
  st.bindAll(id, s.track, s.score, s.weight, passed, s.modelId, redactSecrets(s.details.dump()), nowMs()).run();
  tx.commit();
}

void GenerationRepository::finish(int64_t id, const GenerationOutcome& o) {
  bool known = false;
  for (const char* s : kStatuses) known = known || o.status == s;
  if (!known || o.status == "running")
    throw StoreError(StoreError::Kind::Invalid, "finish the generation", "unknown final status '" + o.status + "'",
                     "use succeeded, failed, cancelled or budget_exhausted");
  Transaction tx(m_db, "save the generation's result");
  const int64_t now = nowMs();
  Statement st(m_db,
               "UPDATE generations SET status = ?, final_code = ?, parameters = ?, facts = ?, error = ?, "
               "composite_score = ?, steps = coalesce(?, steps), duration_ms = coalesce(?, ? - created_at), "
               "finished_at = ? WHERE id = ?");
  std::optional<int64_t> steps;
  if (o.steps) steps = *o.steps;
  st.bindAll(o.status, o.finalCode, dumpJson(o.parameters), dumpJson(o.facts),
             o.error ? std::optional<std::string>(redactSecrets(*o.error)) : std::nullopt, o.compositeScore, steps,
             o.durationMs, now, now, id)
      .run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), id);
  tx.commit();
}

void GenerationRepository::setTiming(int64_t id, const GenerationTiming& t) {
  Transaction tx(m_db, "save the generation's time split");
  Statement st(m_db, "UPDATE generations SET llm_ms = ?, kernel_ms = ?, overhead_ms = ? WHERE id = ?");
  st.bindAll(t.llmMs, t.kernelMs, t.overheadMs, id).run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), id);
  tx.commit();
}

void GenerationRepository::atomically(const std::string& operation, const std::function<void()>& writes) {
  Transaction tx(m_db, operation);
  writes();
  tx.commit();
}

int64_t GenerationRepository::appendPartialStep(int64_t id, GenerationStep step) {
  step.partial = true;
  return appendStep(id, step);
}

void GenerationRepository::updatePartialStep(int64_t id, int64_t stepId, const GenerationStep& step) {
  Transaction tx(m_db, "record the streaming agent step");
  Statement current(m_db, "SELECT partial, kind, stage FROM generation_steps WHERE id = ? AND generation_id = ?");
  current.bindAll(stepId, id);
  if (!current.step())
    throw StoreError(StoreError::Kind::NotFound, m_db.operation(),
                     "step " + std::to_string(stepId) + " of generation " + std::to_string(id) + " does not exist");
  if (current.getInt(0) == 0)
    throw StoreError(StoreError::Kind::Invalid, m_db.operation(),
                     "step " + std::to_string(stepId) + " is complete already; only a streaming step is updated");
  const std::string kind = current.getText(1);
  const std::string stage = current.getText(2);
  const auto& u = step.usage;
  Statement st(m_db,
               "UPDATE generation_steps SET content = ?, is_error = ?, tool_name = ?, tool_call_id = ?, code = ?, "
               "model_id = ?, input_tokens = ?, cache_read_tokens = ?, cache_write_tokens = ?, output_tokens = ?, "
               "cost_usd = ?, duration_ms = ?, partial = ? WHERE id = ?");
  st.bindAll(redactSecrets(step.content), step.isError, step.toolName, step.toolCallId, step.code, step.modelId,
             u.input, u.cacheRead, u.cacheWrite, u.output, u.costUsd, u.durationMs, step.partial, stepId)
      .run();
  if (!step.partial) {
    const bool billed = u.input || u.cacheRead || u.cacheWrite || u.output || u.costUsd > 0;
    if (billed || step.modelId) addToTotals(id, stage, step.modelId.value_or(""), {}, u, billed ? 1 : 0);
    if (kind == "tool_call") {
      Statement steps(m_db, "UPDATE generations SET steps = steps + 1 WHERE id = ?");
      steps.bind(1, id).run();
    }
  }
  tx.commit();
}

void GenerationRepository::discardPartialStep(int64_t id, int64_t stepId) {
  Transaction tx(m_db, "drop the streaming agent step");
  Statement st(m_db, "DELETE FROM generation_steps WHERE id = ? AND generation_id = ? AND partial = 1");
  st.bindAll(stepId, id).run();
  tx.commit();
}

int GenerationRepository::markInterrupted() {
  Transaction tx(m_db, "mark interrupted generations");
  Statement running(m_db, "SELECT id, owner_pid, owner_host, owner_started FROM generations "
                          "WHERE status = 'running' AND interrupted_at IS NULL AND owner_pid IS NOT NULL");
  std::vector<int64_t> gone;
  while (running.step())
    if (ownerGone(running.getOptInt(1), running.getOptText(2), running.getOptText(3))) gone.push_back(running.getInt(0));
  Statement mark(m_db, "UPDATE generations SET interrupted_at = ? WHERE id = ?");
  const int64_t now = nowMs();
  for (int64_t id : gone) {
    mark.reset();
    mark.bindAll(now, id).run();
  }
  tx.commit();
  return static_cast<int>(gone.size());
}

Generation GenerationRepository::get(int64_t id, bool withTranscript) {
  Statement st(m_db, std::string("SELECT ") + kColumns + " FROM generations WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) throw notFound("read the generation", id);
  Generation g = readGeneration(st);
  Statement stages(m_db,
                   "SELECT stage, model_id, provider, enabled, calls, input_tokens, cache_read_tokens, "
                   "cache_write_tokens, output_tokens, cost_usd, duration_ms FROM generation_stages "
                   "WHERE generation_id = ? ORDER BY rowid");
  stages.bind(1, id);
  while (stages.step()) {
    StageRecord s;
    s.stage = stages.getText(0);
    s.modelId = stages.getText(1);
    s.provider = stages.getText(2);
    s.enabled = stages.getInt(3) != 0;
    s.calls = static_cast<int>(stages.getInt(4));
    s.usage = {stages.getInt(5), stages.getInt(6), stages.getInt(7), stages.getInt(8), stages.getDouble(9),
               stages.getInt(10)};
    g.stages.push_back(s);
  }
  Statement scores(m_db,
                   "SELECT track, score, weight, passed, model_id, details FROM generation_scores "
                   "WHERE generation_id = ? ORDER BY track");
  scores.bind(1, id);
  while (scores.step()) {
    TrackScore s;
    s.track = scores.getText(0);
    s.score = scores.getOptDouble(1);
    s.weight = scores.getDouble(2);
    if (auto p = scores.getOptInt(3)) s.passed = *p != 0;
    s.modelId = scores.getOptText(4);
    s.details = parseJson(scores.getOptText(5));
    g.scores.push_back(s);
  }
  if (withTranscript) g.transcript = transcript(id);
  return g;
}

std::optional<Generation> GenerationRepository::findByUuid(const std::string& uuid, bool withTranscript) {
  Statement st(m_db, "SELECT id FROM generations WHERE uuid = ?");
  st.bind(1, uuid);
  if (!st.step()) return std::nullopt;
  return get(st.getInt(0), withTranscript);
}

std::vector<GenerationStep> GenerationRepository::transcript(int64_t id) {
  Statement st(m_db,
               "SELECT id, seq, stage, kind, role, tool_name, tool_call_id, content, is_error, code, model_id, "
               "input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost_usd, duration_ms, created_at, "
               "partial FROM generation_steps WHERE generation_id = ? ORDER BY seq");
  st.bind(1, id);
  std::vector<GenerationStep> steps;
  while (st.step()) {
    GenerationStep s;
    s.id = st.getInt(0);
    s.seq = static_cast<int>(st.getInt(1));
    s.stage = st.getText(2);
    s.kind = st.getText(3);
    s.role = st.getText(4);
    s.toolName = st.getOptText(5);
    s.toolCallId = st.getOptText(6);
    s.content = st.getText(7);
    s.isError = st.getInt(8) != 0;
    s.code = st.getOptText(9);
    s.modelId = st.getOptText(10);
    s.usage = {st.getInt(11), st.getInt(12), st.getInt(13), st.getInt(14), st.getDouble(15), st.getInt(16)};
    s.createdMs = st.getInt(17);
    s.partial = st.getInt(18) != 0;
    steps.push_back(std::move(s));
  }
  return steps;
}

std::vector<Generation> GenerationRepository::listForConversation(int64_t conversationId) {
  Statement st(m_db, "SELECT id FROM generations WHERE conversation_id = ? ORDER BY id");
  st.bind(1, conversationId);
  std::vector<int64_t> ids;
  while (st.step()) ids.push_back(st.getInt(0));
  std::vector<Generation> out;
  for (int64_t id : ids) out.push_back(get(id));
  return out;
}

std::optional<Generation> GenerationRepository::latestForConversation(int64_t conversationId) {
  Statement st(m_db, "SELECT id FROM generations WHERE conversation_id = ? ORDER BY id DESC LIMIT 1");
  st.bind(1, conversationId);
  if (!st.step()) return std::nullopt;
  return get(st.getInt(0));
}

json GenerationRepository::toJson(const Generation& g) {
  json out = {{"id", g.id},
              {"uuid", g.uuid},
              {"conversation_id", g.conversationId ? json(*g.conversationId) : json()},
              {"request_message_id", g.requestMessageId ? json(*g.requestMessageId) : json()},
              {"parent_generation_id", g.parentGenerationId ? json(*g.parentGenerationId) : json()},
              {"origin", g.origin},
              {"request", g.request},
              {"spec", g.spec},
              {"final_code", g.finalCode ? json(*g.finalCode) : json()},
              {"parameters", g.parameters},
              {"facts", g.facts},
              {"status", g.status},
              {"error", g.error ? json(*g.error) : json()},
              {"settings", g.settings},
              {"stage_models", g.stageModels},
              {"steps", g.steps},
              {"usage", usageJson(g.totals)},
              {"composite_score", g.compositeScore ? json(*g.compositeScore) : json()},
              {"created_at", g.createdMs},
              {"finished_at", g.finishedMs ? json(*g.finishedMs) : json()},
              {"interrupted_at", g.interruptedMs ? json(*g.interruptedMs) : json()}};
  if (g.timing)
    out["timing"] = {{"llm_ms", g.timing->llmMs}, {"kernel_ms", g.timing->kernelMs}, {"overhead_ms", g.timing->overheadMs}};
  out["stages"] = json::array();
  for (const auto& s : g.stages)
    out["stages"].push_back({{"stage", s.stage},
                             {"model_id", s.modelId},
                             {"provider", s.provider},
                             {"enabled", s.enabled},
                             {"calls", s.calls},
                             {"usage", usageJson(s.usage)}});
  out["scores"] = json::array();
  for (const auto& s : g.scores)
    out["scores"].push_back({{"track", s.track},
                             {"score", s.score ? json(*s.score) : json()},
                             {"weight", s.weight},
                             {"passed", s.passed ? json(*s.passed) : json()},
                             {"model_id", s.modelId ? json(*s.modelId) : json()},
                             {"details", s.details}});
  if (!g.transcript.empty()) {
    out["transcript"] = json::array();
    for (const auto& s : g.transcript) {
      json step = {{"seq", s.seq},     {"stage", s.stage},         {"kind", s.kind},
                   {"role", s.role},   {"content", s.content},     {"is_error", s.isError},
                   {"usage", usageJson(s.usage)}, {"created_at", s.createdMs}};
      if (s.toolName) step["tool_name"] = *s.toolName;
      if (s.toolCallId) step["tool_call_id"] = *s.toolCallId;
      if (s.code) step["code"] = *s.code;
      if (s.modelId) step["model_id"] = *s.modelId;
      if (s.partial) step["partial"] = true;
      out["transcript"].push_back(step);
    }
  }
  return out;
}

}  // namespace partsmith::store
