#include "agent/pipeline.h"

#include <chrono>
#include <map>

#include "agent/assertions_evaluator.h"
#include "agent/generation_recorder.h"
#include "agent/kernel_runner.h"
#include "agent/prompt_library.h"
#include "agent/spec_stage.h"
#include "agent/stage_context.h"
#include "llm/embedding_client.h"
#include "store/store.h"
#include "worker/client/kernel_client.h"

namespace partsmith::agent {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

StageMetrics metricsFor(const std::string& stage, const StageModel& model, bool enabled) {
  StageMetrics m;
  m.stage = stage;
  m.model = model.model;
  m.provider = model.providerId;
  m.enabled = enabled;
  return m;
}

}  // namespace

json PipelineSettings::toJson() const {
  return {{"spec", specEnabled},
          {"research", researchEnabled},
          {"evaluate", evaluateEnabled},
          {"review", reviewEnabled},
          {"visual", visualEnabled},
          {"few_shot", fewShotCount},
          {"embeddings", embeddingsEnabled},
          {"budget", {{"steps", budget.maxSteps}, {"seconds", budget.maxSeconds}, {"cost_usd", budget.maxCostUsd}}},
          {"render_views", code.renderViews},
          {"refine", {{"enabled", refine.enabled}, {"threshold", refine.threshold}, {"rounds", refine.maxRounds},
                      {"verify", refine.verify}}},
          {"decompose", {{"enabled", decompose.enabled}, {"min_complexity", decompose.minComplexity},
                         {"max_components", decompose.maxComponents}}}};
}

const StageMetrics* GenerationResult::stage(const std::string& name) const {
  for (const auto& s : stages)
    if (s.stage == name) return &s;
  return nullptr;
}

json GenerationResult::toJson() const {
  json st = json::array();
  for (const auto& s : stages) st.push_back(s.toJson());
  json ex = json::array();
  for (const auto& e : examples)
    ex.push_back({{"id", e.id},
                  {"title", e.title},
                  {"relevance", e.relevance},
                  {"technique_overlap", e.techniqueOverlap},
                  {"similarity", e.similarity}});
  json ver = json::array();
  for (const auto& v : verifications) ver.push_back(v.toJson());
  json j = {{"generation_id", generationId},
            {"status", status},
            {"code", code},
            {"code_runs", codeRuns},
            {"summary", summary},
            {"error", error},
            {"spec", spec.toJson()},
            {"spec_from_model", specFromModel},
            {"examples", ex},
            {"evaluation", evaluation ? evaluation->toJson() : json(nullptr)},
            {"verifications", ver},
            {"refine_rounds", refineRounds},
            {"decomposed", decomposed},
            {"steps", steps},
            {"stages", st},
            {"timing", {{"wall_ms", wallMs}, {"llm_ms", llmMs}, {"kernel_ms", kernelMs}, {"overhead_ms", overheadMs()},
                        {"overhead_share", wallMs > 0 ? overheadMs() / wallMs : 0.0}}},
            {"cost_usd", costUsd},
            {"parameters", run.is_object() ? run.value("parameters", json::array()) : json::array()},
            {"facts", run.is_object() && run.contains("facts") ? run["facts"] : json(nullptr)}};
  if (offline) j["offline"] = offline->toJson();
  return j;
}

Pipeline::Pipeline(store::Store* store, std::shared_ptr<worker::KernelClient> kernel, PipelineModels models,
                   PipelineSettings settings, PromptLibrary& prompts)
    : m_store(store),
      m_kernel(std::move(kernel)),
      m_models(std::move(models)),
      m_settings(std::move(settings)),
      m_prompts(prompts),
      m_cancel(std::make_shared<CancelToken>()) {
  if (!m_kernel) m_kernel = std::make_shared<worker::KernelClient>();
  m_evaluatorFactory = [](const EvaluatorConfig&) { return std::make_shared<AssertionsEvaluator>(); };
}

Pipeline::~Pipeline() = default;

GenerationResult Pipeline::run(const GenerationRequest& req) {
  const auto started = Clock::now();
  GenerationResult result;
  KernelRunner kernel(m_kernel);
  BudgetTracker budget(m_settings.budget);
  const bool visual = m_settings.visualEnabled;
  CodeLoopSettings codeSettings = m_settings.code;
  codeSettings.renderViews = codeSettings.renderViews && visual;

  // The previous code of a follow-up.
  std::string existingCode = req.currentCode;
  std::vector<std::string> earlier = req.earlierRequests;
  if (req.parentGenerationId && m_store) {
    store::Generation parent = m_store->generations().get(*req.parentGenerationId);
    if (existingCode.empty() && parent.finalCode) existingCode = *parent.finalCode;
    if (earlier.empty()) earlier.push_back(parent.request);
  }

  // Generations a killed or crashed process left running are marked interrupted first.
  int interrupted = 0;
  if (m_store) {
    try {
      interrupted = m_store->generations().markInterrupted();
    } catch (const std::exception&) {
      // Only bookkeeping of earlier runs: never a reason to fail this one.
    }
  }

  // The record, first of all: whatever happens next is written into it.
  int64_t generationId = 0;
  CodeToolLoop loop(m_models.code, kernel, nullptr, codeSettings);
  if (m_store) {
    store::NewGeneration g;
    g.conversationId = req.conversationId;
    g.requestMessageId = req.requestMessageId;
    g.parentGenerationId = req.parentGenerationId;
    g.origin = req.origin;
    g.request = req.request;
    g.settings = m_settings.toJson();
    json tools = json::array();
    for (const auto& t : loop.tools(m_prompts))
      tools.push_back({{"name", t.name}, {"description", t.description}, {"input_schema", t.inputSchema}});
    g.tools = tools;
    for (const auto& [stage, model] : std::map<std::string, const StageModel*>{
             {"spec", &m_models.spec}, {"code", &m_models.code}, {"review", &m_models.review}, {"vision", &m_models.vision}})
      if (model->usable()) g.stageModels[stage] = model->model;
    generationId = m_store->generations().create(g);
  }
  result.generationId = generationId;
  ProgressSink progress = m_progress;
  GenerationRecorder recorder(m_store ? &m_store->generations() : nullptr, generationId, [&](const std::string& w) {
    if (progress) progress(ProgressEvent{"warning", "store", w, json::object(), msSince(started)});
  });
  StageContext ctx{m_prompts, *m_cancel, recorder, budget, progress, started};
  ctx.publish("stage_start", "pipeline", "generation " + std::to_string(generationId) + " started",
           {{"generation_id", generationId}, {"follow_up", !existingCode.empty()}});
  if (interrupted > 0)
    ctx.publish("info", "pipeline", std::to_string(interrupted) + " earlier generation(s) were interrupted (their process is gone)",
             {{"interrupted", interrupted}});

  StageMetrics specM = metricsFor("spec", m_models.spec, m_settings.specEnabled && m_models.spec.usable());
  StageMetrics researchM = metricsFor("research", {}, m_settings.researchEnabled && m_store != nullptr);
  StageMetrics codeM = metricsFor("code", m_models.code, true);
  StageMetrics decomposeM = metricsFor("decompose", m_models.spec, m_settings.decompose.enabled);
  StageMetrics evalM = metricsFor("evaluate", m_models.review, m_settings.evaluateEnabled);
  StageMetrics refineM = metricsFor("refine", m_models.code, m_settings.refine.enabled);
  const StageModel& verifyModel = m_models.review.usable() ? m_models.review : m_models.code;
  StageMetrics verifyM = metricsFor("verify", verifyModel, m_settings.refine.enabled && m_settings.refine.verify);

  auto finalize = [&](const std::string& status, const std::string& error) {
    result.status = status;
    result.error = error;
    result.stages = {specM, researchM, codeM, decomposeM, evalM, refineM, verifyM};
    for (auto& s : result.stages) {
      result.llmMs += s.llmMs;
      result.costUsd += s.costUsd;
    }
    result.kernelMs = kernel.totalMs();
    result.wallMs = msSince(started);
    result.steps = budget.steps();
    store::GenerationOutcome outcome;
    outcome.status = status == "offline" ? "failed" : status;
    if (!result.code.empty()) outcome.finalCode = result.code;
    outcome.parameters = result.run.is_object() ? result.run.value("parameters", json::array()) : json::array();
    outcome.facts = result.run.is_object() && result.run.contains("facts") ? result.run["facts"] : json(nullptr);
    if (!error.empty()) outcome.error = error;
    if (result.evaluation) outcome.compositeScore = result.evaluation->composite;
    outcome.steps = result.steps;
    outcome.durationMs = static_cast<int64_t>(result.wallMs);
    recorder.batch([&] {
      for (const auto& s : result.stages) recorder.stage(s.stage, s.model, s.enabled, s.provider);
      recorder.timing(result.llmMs, result.kernelMs, result.overheadMs());
      recorder.finish(outcome);
    });
    ctx.publish("done", "pipeline", status + (error.empty() ? "" : ": " + error),
             {{"generation_id", generationId}, {"status", status}, {"steps", result.steps},
              {"cost_usd", result.costUsd}, {"wall_ms", result.wallMs}, {"overhead_ms", result.overheadMs()}});
    return result;
  };

  // Without a code model: the honest offline answer.
  if (!m_models.code.usable()) {
    const std::string reason = m_offlineReason.empty() ? "no model provider is configured" : m_offlineReason;
    ctx.publish("stage_start", "offline", reason);
    if (m_store) {
      result.offline = buildOfflineAnswer(req.request, reason, m_store->library(), &kernel, m_prompts);
      recorder.message("offline", "assistant", result.offline->message);
    } else {
      OfflineAnswer a;
      a.reason = reason;
      a.message = m_prompts.message("offline", {{"reason", reason}, {"examples", m_prompts.message("offline_no_examples")}});
      result.offline = a;
    }
    result.summary = result.offline->message;
    return finalize("offline", reason);
  }

  // 1. Spec.
  std::string context;
  for (const auto& e : earlier) context += "Earlier request: " + e + "\n";
  const std::string earlierText = context;
  if (!existingCode.empty()) context += "Current code:\n```js\n" + existingCode + "\n```\n";
  if (specM.enabled) {
    ctx.publish("stage_start", "spec", "writing the spec", {{"model", m_models.spec.model}});
    SpecStage spec(m_models.spec);
    SpecOutcome s = spec.run(req.request, context, ctx, specM, req.referenceImages);
    result.spec = s.spec;
    result.specFromModel = s.fromModel;
    if (s.cancelled) return finalize("cancelled", "the generation was cancelled");
    if (!s.fromModel) ctx.publish("warning", "spec", "no spec from the model (" + s.error + "); going on without one");
  } else {
    result.spec = Spec::fallback(req.request);
  }
  recorder.spec(result.spec.toJson());
  ctx.publish("stage_end", "spec", result.spec.interpretation, result.spec.toJson());

  // 2. Research.
  std::unique_ptr<ResearchStage> research;
  if (m_store) research = std::make_unique<ResearchStage>(m_store->library());
  const StageModel& embedding = m_models.embedding;
  if (research && researchM.enabled && m_settings.embeddingsEnabled && embedding.provider) {
    researchM.model = embedding.model;
    researchM.provider = embedding.providerId;
    research->setEmbeddings(
        std::make_shared<llm::EmbeddingClient>(embedding.provider, embedding.model, embedding.providerId),
        [&](const llm::EmbeddingBatch& b) {
          researchM.calls += b.requests;
          researchM.inputTokens += b.promptTokens;
          researchM.llmMs += b.elapsedMs;
          if (b.costUsd) {
            researchM.costUsd += *b.costUsd;
            budget.addCost(*b.costUsd);
          } else {
            researchM.costKnown = false;
          }
          store::TokenUsage u;
          u.input = b.promptTokens;
          u.costUsd = b.costUsd.value_or(0);
          u.durationMs = static_cast<int64_t>(b.elapsedMs);
          recorder.usage("research", embedding.model, u, embedding.providerId);
        });
  }
  std::string fewShot;
  if (researchM.enabled && research && m_settings.fewShotCount > 0) {
    result.examples = research->retrieve(req.request, result.spec.techniques, m_settings.fewShotCount, &researchM);
    const EmbeddingUse& use = research->lastEmbedding();
    if (m_settings.embeddingsEnabled && !embedding.provider)
      ctx.publish("info", "research", "ranking by text and techniques: no usable embedding model (assign an OpenAI-compatible provider with its key, or a local Ollama, to the embedding stage)");
    else if (!use.skipped.empty())
      ctx.publish("info", "research", "ranking by text and techniques without embeddings: " + use.skipped,
               {{"embeddings", false}, {"reason", use.skipped}});
    else if (use.used)
      ctx.publish("info", "research",
               "ranked by embeddings too (" + std::to_string(use.computed) + " example vector(s) computed, " +
                   std::to_string(use.cached) + " cached)",
               {{"embeddings", true}, {"computed", use.computed}, {"cached", use.cached}, {"model", embedding.model}});
    fewShot = ResearchStage::format(result.examples);
    std::string titles;
    for (const auto& e : result.examples) titles += (titles.empty() ? "" : ", ") + e.title;
    recorder.message("research", "system", "few-shot examples: " + (titles.empty() ? std::string("none") : titles));
    ctx.publish("stage_end", "research", std::to_string(result.examples.size()) + " example(s): " + titles);
  }
  CodeToolLoop codeLoop(m_models.code, kernel, research.get(), codeSettings);

  // 3. Code (or decompose).
  CodeLoopResult code;
  bool haveCode = false;
  DecomposeStage decompose(m_models.spec.usable() ? m_models.spec : m_models.code, codeLoop, m_settings.decompose);
  if (existingCode.empty() && decompose.wanted(result.spec)) {
    DecomposeResult d = decompose.run(req.request, result.spec, fewShot, ctx, decomposeM, codeM);
    decomposeM.ran = true;
    if (d.planned) {
      code = d.final;
      haveCode = true;
      result.decomposed = true;
    }
  }
  if (!haveCode && !m_cancel->cancelled()) {
    CodeLoopInput input;
    input.stage = "code";
    input.spec = &result.spec;
    input.existingCode = existingCode;
    input.referenceImages = req.referenceImages;
    std::map<std::string, std::string> values{{"request", req.request},
                                              {"spec", result.spec.toMarkdown()},
                                              {"examples", fewShot.empty() ? m_prompts.message("no_examples") : fewShot},
                                              {"code", existingCode},
                                              {"earlier", earlierText}};
    input.task = m_prompts.message(existingCode.empty() ? "code_task" : "followup_task", values);
    ctx.publish("stage_start", "code", existingCode.empty() ? "writing the code" : "editing the current code",
             {{"model", m_models.code.model}});
    code = codeLoop.run(input, ctx, codeM);
  }
  result.code = code.code.empty() ? existingCode : code.code;
  result.summary = code.summary;
  if (code.codeRan) {
    result.run = code.lastRun.reply;
    result.codeRuns = code.lastRun.ok();
  }
  if (code.status == "cancelled" || m_cancel->cancelled()) return finalize("cancelled", "the generation was cancelled");
  if (code.status == "model_error") return finalize("failed", code.error);

  // The run the evaluation and the record describe: run once more if the loop ended on an
  // unrun edit (budget).
  if (!code.codeRan && !result.code.empty()) {
    KernelRun r = kernel.run(result.code, *m_cancel, codeSettings.runTimeoutMs);
    result.run = r.reply;
    result.codeRuns = r.ok();
  }

  // 4. Evaluate; 5. refine.
  std::shared_ptr<Evaluator> evaluator;
  if (m_settings.evaluateEnabled && result.codeRuns) {
    EvaluatorConfig config;
    config.review = m_models.review;
    config.vision = m_models.vision;
    config.reviewEnabled = m_settings.reviewEnabled;
    config.visualEnabled = visual;
    config.renderWidth = m_settings.renderWidth;
    config.renderHeight = m_settings.renderHeight;
    evaluator = m_evaluatorFactory(config);
  }
  auto evaluate = [&](const std::string& codeText, const json& run, int round, const std::vector<std::string>& prev) {
    const auto t = Clock::now();
    EvaluationInput in;
    in.request = req.request;
    in.spec = &result.spec;
    in.code = codeText;
    in.run = run;
    in.round = round;
    in.previousCritique = prev;
    if (visual) {
      // Renders take seconds under software GL: the timeline shows them as their own step.
      auto renderShown = [&](const std::string& codeToRender, const std::vector<std::string>& views, int w, int h) {
        std::string names;
        for (const auto& v : views) names += (names.empty() ? "" : ", ") + v;
        ctx.publish("stage_start", "render", "rendering " + names + " at " + std::to_string(w) + "x" + std::to_string(h));
        KernelRun r = kernel.render(codeToRender, views, w, h, *m_cancel);
        evalM.kernelMs += r.elapsedMs;
        if (r.views.empty())
          ctx.publish("warning", "render", "no view could be rendered; the visual check goes without");
        else
          ctx.publish("stage_end", "render",
                      std::to_string(r.views.size()) + (r.views.size() == 1 ? " view in " : " views in ") +
                          std::to_string(std::lround(r.elapsedMs)) + " ms");
        return r.views;
      };
      const std::vector<std::string> views = evaluator->wantedViews();
      if (!views.empty()) in.renders = renderShown(codeText, views, m_settings.renderWidth, m_settings.renderHeight);
      in.renderMore = [renderShown, codeText](const std::vector<std::string>& views, int w, int h) {
        return renderShown(codeText, views, w, h);
      };
    }
    ctx.publish("stage_start", "evaluate", round == 0 ? "evaluating" : "evaluating refine round " + std::to_string(round),
             {{"evaluator", evaluator->name()}});
    Evaluation ev = evaluator->evaluate(in, ctx);
    for (const auto& t2 : ev.tracks) evalM.add(t2.metrics);
    recorder.batch([&] { recorder.evaluation(ev, round); });
    evalM.ran = true;
    evalM.wallMs += msSince(t) - [&] {
      double inner = 0;
      for (const auto& t2 : ev.tracks) inner += t2.metrics.wallMs;
      return inner;
    }();
    ctx.publish("score", "evaluate", "composite " + formatScore(ev.composite) + (ev.checklistFailed() ? ", checklist failed" : ""),
             ev.toJson());
    return ev;
  };

  std::string stopReason;  // budget exhaustion that ended the work
  if (code.status == "budget_exhausted") stopReason = code.error;
  if (evaluator && !m_cancel->cancelled()) {
    result.evaluation = evaluate(result.code, result.run, 0, {});
    RefineStage refine(codeLoop, verifyModel, m_settings.refine);
    Verification* lastVerification = nullptr;
    for (int round = 1; round <= m_settings.refine.maxRounds && refine.wanted(*result.evaluation); ++round) {
      if (m_cancel->cancelled()) break;
      const std::string exhausted = budget.exhausted();
      if (!exhausted.empty()) {
        stopReason = budget.describe(exhausted);
        ctx.publish("warning", "refine", stopReason + "; no further refine rounds");
        break;
      }
      const std::vector<std::string> critique = RefineStage::critiqueFor(*result.evaluation, lastVerification);
      if (critique.empty()) break;
      CodeLoopResult r = refine.round(round, req.request, result.spec, result.code, critique,
                                      result.evaluation->composite, ctx, refineM);
      ++result.refineRounds;
      if (r.status == "cancelled") break;
      if (r.status == "budget_exhausted") stopReason = r.error;
      if (!r.succeeded()) {
        ctx.publish("warning", "refine", "round " + std::to_string(round) + " did not produce running code; keeping the previous code");
        if (r.status != "finished") break;
        continue;
      }
      Evaluation next = evaluate(r.code, r.lastRun.reply, round, critique);
      result.verifications.push_back(refine.verify(critique, result.code, r.code, r.lastRun.reply, result.spec, ctx, verifyM));
      lastVerification = &result.verifications.back();
      // Keep the better attempt: a round that lowers the score is discarded.
      if (next.composite >= result.evaluation->composite) {
        result.code = r.code;
        result.run = r.lastRun.reply;
        result.codeRuns = true;
        if (!r.summary.empty()) result.summary = r.summary;
        result.evaluation = next;
      } else {
        ctx.publish("info", "refine", "round " + std::to_string(round) + " scored lower (" + formatScore(next.composite) +
                                       "); keeping the previous code");
      }
    }
  }
  if (m_cancel->cancelled()) return finalize("cancelled", "the generation was cancelled");
  if (!result.codeRuns) {
    std::string why = code.error;
    const json errors = result.run.is_object() ? result.run.value("errors", json::array()) : json::array();
    if (!errors.empty()) why = "the script does not run: " + errors[0].value("message", std::string());
    if (why.empty()) why = result.code.empty() ? "the model wrote no code" : "the script does not run";
    return finalize(code.status == "budget_exhausted" ? "budget_exhausted" : "failed", why);
  }
  if (!stopReason.empty() && code.status == "budget_exhausted") return finalize("budget_exhausted", stopReason);
  return finalize("succeeded", {});
}

}  // namespace partsmith::agent
