#include "evaluation/visual_track.h"

#include <algorithm>
#include <chrono>

#include "evaluation/composite_score.h"
#include "evaluation/judge_call.h"
#include "evaluation/track_outcome.h"

namespace partsmith::evaluation {

using nlohmann::json;

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// The text first, then each view as a caption and its PNG; for the record, the PNG paths only.
llm::Message imageMessage(const std::string& text, const std::vector<agent::RenderedView>& views,
                          std::string& recorded) {
  llm::Message m = llm::Message::user(text);
  recorded = text + "\n";
  for (const auto& v : views) {
    m.content.push_back(llm::ContentBlock::makeText("View: " + v.view));
    m.content.push_back(llm::ContentBlock::makeImage("image/png", v.pngBase64));
    recorded += "[image " + v.view + ": " + v.path + "]\n";
  }
  return m;
}

std::vector<std::string> viewNames(const std::vector<agent::RenderedView>& views) {
  std::vector<std::string> out;
  for (const auto& v : views) out.push_back(v.view);
  return out;
}

}  // namespace

agent::TrackResult VisualTrack::run(const agent::EvaluationInput& input, agent::StageContext& ctx,
                                    bool* cancelled) const {
  const auto start = std::chrono::steady_clock::now();
  agent::TrackResult track = notRun("visual", m_model, "");
  if (!m_model.usable()) {
    track.details["reason"] = "no vision model is set up";
    return track;
  }
  if (!m_model.vision) {
    track.details["reason"] = m_model.label() + " does not accept images";
    return track;
  }
  std::vector<agent::RenderedView> renders;
  for (const auto& r : input.renders)
    if (!r.pngBase64.empty()) renders.push_back(r);
  if (renders.empty()) {
    track.details["reason"] = "no renders of the part (the renderer needs a display)";
    return track;
  }
  track.metrics.ran = true;
  track.metrics.enabled = true;
  const std::vector<std::string> checklist = input.spec ? input.spec->checklist : std::vector<std::string>{};
  std::vector<std::string> available;
  for (const auto& name : standardViewNames())
    if (std::none_of(renders.begin(), renders.end(), [&](const agent::RenderedView& v) { return v.view == name; }))
      available.push_back(name);
  const std::string task = ctx.prompts.fill(
      ctx.prompts.section("evaluation.md", "visual_task"),
      {{"views", joined(viewNames(renders))},
       {"request", input.request},
       {"spec", input.spec ? input.spec->toMarkdown() : std::string("(no spec)\n")},
       {"previous", previousCritique(input, ctx)},
       {"available", joined(available)}});
  llm::ChatRequest chat;
  chat.model = m_model.model;
  chat.system = ctx.prompts.file("system/visual.md");
  chat.maxTokens = std::min(m_model.maxTokens, 4096);
  chat.temperature = m_model.temperature;
  std::string recorded;
  chat.messages.push_back(imageMessage(task, renders, recorded));
  ctx.recorder.message("visual", "user", recorded);
  ctx.publish("info", "visual", "visual check by " + m_model.label() + " on " + std::to_string(renders.size()) + " views");

  JudgeCall call = askJudge(m_model, chat, checklist, true, "visual", ctx, track.metrics);
  json zoom = {{"asked", json::array()}};
  if (call.judgement && !call.judgement->ignoredViews.empty()) zoom["ignored"] = call.judgement->ignoredViews;
  if (call.judgement && !call.judgement->moreViews.empty() && !call.cancelled) {
    std::vector<std::string> wanted = call.judgement->moreViews;
    if (wanted.size() > static_cast<size_t>(m_settings.maxZoomViews)) wanted.resize(m_settings.maxZoomViews);
    zoom["asked"] = wanted;
    if (!input.renderMore) {
      zoom["skipped"] = "no renderer for more views";
    } else {
      const int w = std::min(m_width * m_settings.zoomFactor, m_settings.maxZoomWidth);
      const int h = std::min(m_height * m_settings.zoomFactor, m_settings.maxZoomHeight);
      const auto renderStart = std::chrono::steady_clock::now();
      std::vector<agent::RenderedView> more;
      for (auto& v : input.renderMore(wanted, w, h))
        if (!v.pngBase64.empty()) more.push_back(std::move(v));
      zoom["render_ms"] =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - renderStart).count();
      if (more.empty()) {
        zoom["skipped"] = "the views could not be rendered";
      } else if (!ctx.cancel.cancelled()) {
        zoom["views"] = viewNames(more);
        zoom["width"] = w;
        zoom["height"] = h;
        const std::string follow = ctx.prompts.fill(
            ctx.prompts.section("evaluation.md", "visual_zoom"),
            {{"views", joined(viewNames(more))}, {"width", std::to_string(w)}, {"height", std::to_string(h)}});
        chat.messages.push_back(imageMessage(follow, more, recorded));
        ctx.recorder.message("visual", "user", recorded);
        ctx.publish("info", "visual", "zoomed views for the visual check: " + joined(viewNames(more)));
        JudgeCall second = askJudge(m_model, chat, checklist, true, "visual", ctx, track.metrics);
        if (second.judgement) {
          second.repaired = second.repaired || call.repaired;
          call = second;
          zoom["answered"] = true;
        } else {
          // The first answer stands; the zoom round only had a chance to improve it.
          zoom["answered"] = false;
          zoom["error"] = second.error;
          call.cancelled = second.cancelled;
        }
      }
    }
  }
  if (cancelled) *cancelled = call.cancelled;
  fillTrack(track, call, "visual", CompositeScore());
  track.details["views"] = viewNames(renders);
  track.details["zoom"] = zoom;
  track.metrics.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (track.score)
    ctx.publish("score", "evaluate", "visual check: " + agent::formatScore(*track.score),
             {{"track", "visual"}, {"score", *track.score}});
  else
    ctx.publish("warning", "evaluate", "visual check did not score: " + track.details.value("reason", std::string()));
  return track;
}

}  // namespace partsmith::evaluation
