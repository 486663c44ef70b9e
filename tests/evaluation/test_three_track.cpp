// The three-track evaluation against the scripted LLM peer (real HTTP) and the real kernel
// worker: scripted review and VLM answers, renders reaching the VLM, the zoom round, malformed
// replies, the build gate, cancellation, and the whole thing inside the pipeline with its
// record in SQLite. Renders need an X display (xvfb-run).
#include <catch2/catch.hpp>

#include <mutex>

#include "../agent/agent_test_support.h"
#include "agent/kernel_runner.h"
#include "evaluation/three_track_evaluator.h"

using namespace partsmith;
using namespace partsmith::agent;
using namespace partsmith::agent::testing;
using namespace partsmith::evaluation;

namespace {

const std::string kMessages = "/v1/messages";

std::string judgementReply(double score, const std::vector<std::string>& answers, const std::vector<std::string>& critique = {},
                           const std::vector<std::string>& moreViews = {}) {
  json list = json::array();
  const json spec = cubeSpec();
  for (size_t i = 0; i < answers.size(); ++i)
    list.push_back({{"item", spec["checklist"][i]}, {"answer", answers[i]}, {"note", "seen"}});
  json j = {{"score", score}, {"checklist", list}, {"critique", critique}};
  if (!moreViews.empty()) j["more_views"] = moreViews;
  return "```json\n" + j.dump() + "\n```";
}

// The PNG's size from its IHDR chunk (bytes 16–23 of the file).
std::pair<int, int> pngSize(const std::string& base64) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  int bits = 0, value = 0;
  for (size_t i = 0; i < 32 && i < base64.size(); ++i) {
    value = (value << 6) | static_cast<int>(alphabet.find(base64[i]));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((value >> bits) & 0xff);
    }
  }
  auto be32 = [&](size_t at) {
    return (static_cast<unsigned char>(bytes[at]) << 24) | (static_cast<unsigned char>(bytes[at + 1]) << 16) |
           (static_cast<unsigned char>(bytes[at + 2]) << 8) | static_cast<unsigned char>(bytes[at + 3]);
  };
  return {static_cast<int>(be32(16)), static_cast<int>(be32(20))};
}

// Every image block of an Anthropic request, with the caption before it.
std::vector<std::pair<std::string, json>> images(const json& request) {
  std::vector<std::pair<std::string, json>> out;
  for (const json& m : request["messages"]) {
    if (!m["content"].is_array()) continue;
    std::string caption;
    for (const json& b : m["content"]) {
      if (b["type"] == "text") caption = b["text"].get<std::string>();
      if (b["type"] == "image") out.emplace_back(caption, b);
    }
  }
  return out;
}

struct Harness {
  LlmTestServer server;
  std::shared_ptr<llm::AnthropicProvider> provider = makeProvider<llm::AnthropicProvider>(server, "anthropic");
  CancelToken cancel;
  GenerationRecorder recorder{nullptr, 0};
  BudgetTracker budget;
  std::vector<ProgressEvent> events;
  StageContext ctx{prompts(), cancel, recorder, budget, [this](const ProgressEvent& e) { events.push_back(e); }};
  KernelRunner kernel{sharedKernel()};
  Spec spec = Spec::fromJson(cubeSpec());
  EvaluatorConfig config;

  Harness() {
    config.review = stageModel(provider, "claude-haiku-4-5");
    config.vision = stageModel(provider, "claude-sonnet-4-5");
    config.renderWidth = 320;
    config.renderHeight = 240;
  }

  EvaluationInput input(const std::string& code, const std::vector<std::string>& views) {
    EvaluationInput in;
    in.request = "A 20 mm cube with a 5 mm hole through it";
    in.spec = &spec;
    in.code = code;
    in.run = kernel.run(code, cancel).reply;
    if (!views.empty()) in.renders = kernel.render(code, views, config.renderWidth, config.renderHeight, cancel).views;
    in.renderMore = [this, code](const std::vector<std::string>& v, int w, int h) {
      return kernel.render(code, v, w, h, cancel).views;
    };
    return in;
  }
};

}  // namespace

TEST_CASE("three tracks score a built part; the renders reach the VLM as images", "[evaluation][tracks]") {
  Harness h;
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(judgementReply(9, {"yes", "yes", "yes"}))));
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(
                                  judgementReply(8, {"yes", "yes", "uncertain"}, {"The hole's position is hard to judge."}))));
  ThreeTrackEvaluator evaluator(h.config);
  REQUIRE(evaluator.wantedViews() == std::vector<std::string>{"iso", "front", "top", "right"});
  EvaluationInput in = h.input(kCubeCode, evaluator.wantedViews());
  REQUIRE(in.renders.size() == 4);
  Evaluation ev = evaluator.evaluate(in, h.ctx);

  REQUIRE(ev.built);
  CHECK_FALSE(ev.cancelled);
  REQUIRE(ev.tracks.size() == 3);
  const TrackResult* assertions = ev.track("assertions");
  const TrackResult* review = ev.track("code_review");
  const TrackResult* visual = ev.track("visual");
  REQUIRE(assertions);
  REQUIRE(review);
  REQUIRE(visual);
  CHECK(*assertions->score == Approx(10));
  CHECK(*review->score == Approx(9.5));  // (9 + 10) / 2
  const double visualScore = 0.5 * 8 + 0.5 * (21.25 / 2.25);
  CHECK(*visual->score == Approx(visualScore));
  CHECK(review->model == "claude-haiku-4-5");
  CHECK(visual->model == "claude-sonnet-4-5");
  CHECK(*review->passed);
  // Two of three visual answers certain: weight 0.3 × (0.5 + 0.5 × 2/3).
  const double wv = 0.3 * (0.5 + 0.5 * 2.0 / 3.0), total = 0.4 + 0.3 + wv;
  CHECK(visual->weight == Approx(wv / total));
  CHECK(ev.composite == Approx((0.4 * 10 + 0.3 * 9.5 + wv * visualScore) / total));
  CHECK(ev.checklist.size() == 6);
  CHECK_FALSE(ev.checklistFailed());
  CHECK(ev.passes(7));
  REQUIRE(ev.critique.size() == 1);
  CHECK(ev.critique[0] == "Visual check: The hole's position is hard to judge.");
  // Per-track metrics: one call each, with tokens.
  CHECK(review->metrics.calls == 1);
  CHECK(visual->metrics.calls == 1);
  CHECK(visual->metrics.inputTokens > 0);
  CHECK(visual->details["zoom"]["asked"].empty());

  auto requests = bodies(h.server, kMessages);
  REQUIRE(requests.size() == 2);
  // The review sees the code, the parameters, the facts and the assertion results, no images.
  const std::string reviewTask = requests[0]["messages"][0]["content"].dump();
  CHECK(requests[0]["model"] == "claude-haiku-4-5");
  CHECK(reviewTask.find("const size = 20;") != std::string::npos);
  CHECK(reviewTask.find("\\\"volume\\\"") != std::string::npos);
  CHECK(reviewTask.find("passed") != std::string::npos);
  CHECK(images(requests[0]).empty());
  CHECK(requests[0]["system"].dump().find("code reviewer") != std::string::npos);
  // The VLM gets the four renders, each captioned, as base64 PNG image blocks.
  CHECK(requests[1]["model"] == "claude-sonnet-4-5");
  CHECK(requests[1]["system"].dump().find("visual reviewer") != std::string::npos);
  auto imgs = images(requests[1]);
  REQUIRE(imgs.size() == 4);
  CHECK(imgs[0].first == "View: iso");
  CHECK(imgs[3].first == "View: right");
  for (const auto& [caption, block] : imgs) {
    CHECK(block["source"]["type"] == "base64");
    CHECK(block["source"]["media_type"] == "image/png");
    const std::string data = block["source"]["data"].get<std::string>();
    CHECK(data.rfind("iVBORw0KGgo", 0) == 0);
    CHECK(pngSize(data) == std::make_pair(320, 240));
  }
  bool scored = false;
  for (const auto& e : h.events) scored = scored || (e.kind == "score" && e.message.find("visual check") == 0);
  CHECK(scored);
}

TEST_CASE("the VLM's zoom request is rendered at twice the size and answered again", "[evaluation][tracks][zoom]") {
  Harness h;
  h.config.reviewEnabled = false;
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(
                                  judgementReply(5, {"yes", "uncertain", "uncertain"}, {}, {"bottom", "underneath"}))));
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(judgementReply(9, {"yes", "yes", "yes"}))));
  ThreeTrackEvaluator evaluator(h.config);
  Evaluation ev = evaluator.evaluate(h.input(kCubeCode, {"iso", "top"}), h.ctx);

  const TrackResult* visual = ev.track("visual");
  REQUIRE(visual);
  REQUIRE(visual->score);
  CHECK(*visual->score == Approx(9.5));  // the second answer counts
  CHECK(visual->metrics.calls == 2);
  const json& zoom = visual->details["zoom"];
  CHECK(zoom["asked"] == json::array({"bottom"}));
  CHECK(zoom["ignored"] == json::array({"underneath"}));
  CHECK(zoom["views"] == json::array({"bottom"}));
  CHECK(zoom["answered"] == true);
  const TrackResult* review = ev.track("code_review");
  REQUIRE(review);
  CHECK_FALSE(review->score);
  CHECK(review->weight == 0);
  CHECK(review->details["reason"] == "the code review is switched off");

  auto requests = bodies(h.server, kMessages);
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["messages"][0]["content"].dump().find("bottom") != std::string::npos);  // offered
  // The follow-up continues the conversation: first renders, the answer, then the zoomed view.
  auto imgs = images(requests[1]);
  REQUIRE(imgs.size() == 3);
  CHECK(imgs[2].first == "View: bottom");
  CHECK(pngSize(imgs[2].second["source"]["data"].get<std::string>()) == std::make_pair(640, 480));
  const json& msgs = requests[1]["messages"];
  REQUIRE(msgs.size() == 3);
  CHECK(msgs[1]["role"] == "assistant");
  CHECK(msgs[2]["content"].dump().find("640 x 480") != std::string::npos);
}

TEST_CASE("malformed review JSON gets one repair request", "[evaluation][tracks][malformed]") {
  Harness h;
  h.config.visualEnabled = false;
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText("The script looks right to me.")));
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(judgementReply(7, {"yes", "no", "yes"},
                                                                                 {"Make the hole go through."}))));
  ThreeTrackEvaluator evaluator(h.config);
  CHECK(evaluator.wantedViews().empty());  // visual off: no renders asked for
  Evaluation ev = evaluator.evaluate(h.input(kCubeCode, {}), h.ctx);
  const TrackResult* review = ev.track("code_review");
  REQUIRE(review);
  REQUIRE(review->score);
  CHECK(review->details["repaired"] == true);
  CHECK(*review->score == Approx(0.5 * 7 + 0.5 * 20.0 / 3));
  CHECK_FALSE(*review->passed);
  CHECK(ev.checklistFailed());
  CHECK_FALSE(ev.passes(7));
  REQUIRE(ev.critique.size() == 1);
  CHECK(ev.critique[0] == "Code review: Make the hole go through.");
  CHECK(ev.track("visual")->details["reason"] == "the visual check is switched off");
  auto requests = bodies(h.server, kMessages);
  REQUIRE(requests.size() == 2);
  const json& msgs = requests[1]["messages"];
  REQUIRE(msgs.size() == 3);
  CHECK(msgs[1]["role"] == "assistant");
  CHECK(msgs[2]["content"].dump().find("no JSON object") != std::string::npos);
  bool warned = false;
  for (const auto& e : h.events) warned = warned || (e.kind == "warning" && e.stage == "review");
  CHECK(warned);
}

TEST_CASE("a review invalid twice is excluded and its weight goes to the other tracks", "[evaluation][tracks][malformed]") {
  Harness h;
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(R"({"score": 11, "checklist": []})")));
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(R"({"score": "good"})")));
  h.server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(judgementReply(6, {"yes", "yes", "no"}))));
  ThreeTrackEvaluator evaluator(h.config);
  Evaluation ev = evaluator.evaluate(h.input(kCubeCode, {"iso"}), h.ctx);
  const TrackResult* review = ev.track("code_review");
  REQUIRE(review);
  CHECK_FALSE(review->score);
  CHECK(review->weight == 0);
  CHECK(review->details["reason"].get<std::string>().find("invalid twice") != std::string::npos);
  CHECK(review->details["problems"].dump().find("score is \\\"good\\\"") != std::string::npos);
  const TrackResult* visual = ev.track("visual");
  REQUIRE(visual->score);
  const double vs = 0.5 * 6 + 0.5 * 20.0 / 3;
  CHECK(visual->weight == Approx(0.3 / 0.7));
  CHECK(ev.composite == Approx((0.4 * 10 + 0.3 * vs) / 0.7));
  // The visual "no" fails the checklist.
  CHECK(ev.checklistFailed());
  CHECK(ev.checklist.size() == 3);
  CHECK(h.server.requestCount() == 3);
}

TEST_CASE("a model that fails leaves its track unscored without throwing", "[evaluation][tracks][malformed]") {
  Harness h;
  h.config.visualEnabled = false;
  h.server.enqueue(kMessages, ScriptedResponse::json(529, {{"type", "error"},
                                                           {"error", {{"type", "overloaded_error"}, {"message", "Overloaded"}}}}));
  ThreeTrackEvaluator evaluator(h.config);
  Evaluation ev = evaluator.evaluate(h.input(kCubeCode, {}), h.ctx);
  const TrackResult* review = ev.track("code_review");
  REQUIRE(review);
  CHECK_FALSE(review->score);
  CHECK_FALSE(review->details["reason"].get<std::string>().empty());
  CHECK(ev.composite == Approx(10));  // the assertions alone
}

TEST_CASE("a part that does not build scores 0 and no model is asked", "[evaluation][tracks][gate]") {
  Harness h;
  std::string broken = kCubeCode;
  broken.replace(broken.find(".box("), 5, ".bx(");
  ThreeTrackEvaluator evaluator(h.config);
  EvaluationInput in = h.input(broken, {});
  REQUIRE_FALSE(in.run.value("ok", true));
  Evaluation ev = evaluator.evaluate(in, h.ctx);
  CHECK_FALSE(ev.built);
  CHECK(ev.composite == 0);
  REQUIRE(ev.tracks.size() == 3);
  CHECK(ev.track("code_review")->details["reason"] == "the part does not build");
  CHECK(ev.track("visual")->details["reason"] == "the part does not build");
  REQUIRE_FALSE(ev.critique.empty());
  CHECK(ev.critique[0].find("does not build") != std::string::npos);
  CHECK(h.server.requestCount() == 0);
}

TEST_CASE("no renders or no vision model: the visual track says why and is excluded", "[evaluation][tracks]") {
  Harness h;
  h.config.reviewEnabled = false;
  ThreeTrackEvaluator evaluator(h.config);
  Evaluation ev = evaluator.evaluate(h.input(kCubeCode, {}), h.ctx);
  CHECK(ev.track("visual")->details["reason"].get<std::string>().find("no renders") != std::string::npos);
  CHECK(ev.composite == Approx(10));

  h.config.vision.vision = false;
  ThreeTrackEvaluator blind(h.config);
  CHECK(blind.wantedViews().empty());
  ev = blind.evaluate(h.input(kCubeCode, {}), h.ctx);
  CHECK(ev.track("visual")->details["reason"].get<std::string>().find("does not accept images") != std::string::npos);
  CHECK(h.server.requestCount() == 0);
}

TEST_CASE("cancellation before the model tracks returns what is known", "[evaluation][tracks][cancel]") {
  Harness h;
  ThreeTrackEvaluator evaluator(h.config);
  EvaluationInput in = h.input(kCubeCode, {});
  h.cancel.cancel();
  Evaluation ev = evaluator.evaluate(in, h.ctx);
  CHECK(ev.cancelled);
  CHECK(ev.built);
  CHECK(ev.track("code_review")->details["reason"] == "cancelled");
  CHECK(ev.track("visual")->details["reason"] == "cancelled");
  CHECK(ev.composite == Approx(10));
  CHECK(h.server.requestCount() == 0);
}

TEST_CASE("in the pipeline the three tracks are recorded in SQLite", "[evaluation][pipeline]") {
  LlmTestServer server;
  TempStore db;
  auto provider = makeProvider<llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.spec = stageModel(provider, "claude-haiku-4-5");
  models.code = stageModel(provider, "claude-sonnet-4-5");
  models.review = stageModel(provider, "claude-haiku-4-5");
  models.vision = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings;
  settings.fewShotCount = 0;
  settings.refine.enabled = false;
  settings.renderWidth = 320;
  settings.renderHeight = 240;
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(cubeSpec().dump())));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn(
                                {{"write_code", args({{"code", kCubeCode}})}, {"finish", args({{"summary", "cube"}})}})));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(judgementReply(10, {"yes", "yes", "yes"}))));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(judgementReply(9, {"yes", "yes", "uncertain"}))));
  Pipeline pipeline(db.store.get(), sharedKernel(), models, settings, prompts());
  pipeline.setEvaluatorFactory(threeTrackEvaluatorFactory());
  std::vector<ProgressEvent> events;
  std::mutex eventsMutex;
  pipeline.setProgressSink([&](const ProgressEvent& e) {
    std::lock_guard<std::mutex> lock(eventsMutex);
    events.push_back(e);
  });
  GenerationRequest req;
  req.request = "A 20 mm cube with a 5 mm hole through it";
  GenerationResult r = pipeline.run(req);
  REQUIRE(r.status == "succeeded");
  REQUIRE(r.evaluation);
  CHECK(r.evaluation->tracks.size() == 3);
  // The renders are a step of their own in the progress, before the evaluation's start.
  std::vector<std::string> renderSteps;
  for (const auto& e : events)
    if (e.stage == "render") renderSteps.push_back(e.kind + ": " + e.message);
  REQUIRE(renderSteps.size() == 2);
  CHECK(renderSteps[0].rfind("stage_start: rendering iso", 0) == 0);
  CHECK(renderSteps[0].find("at 320x240") != std::string::npos);
  CHECK(renderSteps[1].rfind("stage_end: 4 views in ", 0) == 0);
  CHECK(r.evaluation->composite > 9);
  auto requests = bodies(server, kMessages);
  REQUIRE(requests.size() == 4);
  CHECK(images(requests[3]).size() == 4);
  const StageMetrics* eval = r.stage("evaluate");
  REQUIRE(eval);
  CHECK(eval->calls == 2);
  CHECK(eval->kernelMs > 0);

  auto g = db.store->generations().get(r.generationId, true);
  std::map<std::string, double> scores;
  for (const auto& s : g.scores)
    if (s.score) scores[s.track] = *s.score;
  CHECK(scores.size() == 3);
  CHECK(scores["code_review"] == Approx(10));
  REQUIRE(g.compositeScore);
  CHECK(*g.compositeScore == Approx(r.evaluation->composite));
  bool reviewReply = false, visualPrompt = false;
  for (const auto& s : g.transcript) {
    reviewReply = reviewReply || (s.stage == "review" && s.content.find("\"score\"") != std::string::npos);
    // The record keeps the PNG paths, not the image data.
    visualPrompt = visualPrompt || (s.stage == "visual" && s.content.find(".png") != std::string::npos &&
                                    s.content.find("iVBOR") == std::string::npos);
  }
  CHECK(reviewReply);
  CHECK(visualPrompt);
}
