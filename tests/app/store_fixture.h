// A real Partsmith database in a temporary folder for the history, rating, curation and
// checks widget tests: filled through the repositories with records like the pipeline
// writes (spec, usage per stage, track scores, facts measured by the real kernel), and a
// StoreWorker the widgets use, as the app does.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <QTemporaryDir>
#include <gp_Ax2.hxx>
#include <nlohmann/json.hpp>

#include "app/store_worker.h"
#include "app_test_support.h"
#include "kernel/facts.h"
#include "store/store.h"

namespace partsmith::app::testing {

// Facts of a real plate w × d × h with `holes` through holes of Ø`hole` along X, measured by
// the kernel.
inline nlohmann::json plateFacts(double w, double d, double h, int holes, double hole = 4) {
  TopoDS_Shape shape = BRepPrimAPI_MakeBox(w, d, h).Shape();
  for (int i = 0; i < holes; ++i) {
    const double x = w * (i + 1) / (holes + 1);
    gp_Ax2 axis(gp_Pnt(x, d / 2, -1), gp_Dir(0, 0, 1));
    shape = BRepAlgoAPI_Cut(shape, BRepPrimAPI_MakeCylinder(axis, hole / 2, h + 2).Shape()).Shape();
  }
  return nlohmann::json(kernel::computeFacts(shape));
}

inline std::string plateCode(double w, double d, double h, int holes) {
  return "// A mounting plate\n"
         "const width = " + std::to_string(int(w)) + "; // [10:1:200] Width\n"
         "const depth = " + std::to_string(int(d)) + "; // [10:1:200] Depth\n"
         "const thickness = " + std::to_string(int(h)) + "; // [2:0.5:20]\n"
         "const holes = " + std::to_string(holes) + ";\n"
         "\n"
         "let plate = cq.Workplane(\"XY\").box(width, depth, thickness, [false, false, false]);\n"
         "if (holes > 0) {\n"
         "  plate = plate.faces(\">Z\").workplane().rarray(width / (holes + 1), 1, holes, 1).hole(4);\n"
         "}\n"
         "\n"
         "result = plate;\n";
}

inline store::NewMessage message(const std::string& role, const std::string& content) {
  store::NewMessage m;
  m.role = role;
  m.content = content;
  return m;
}

struct GenerationSeed {
  std::string request = "A mounting plate 50 by 40 mm, 10 mm thick, with two 4 mm holes";
  double w = 50, d = 40, h = 10;
  int holes = 2;
  std::optional<double> score = 8.2;
  std::string status = "succeeded";
  std::optional<int64_t> parent;
};

struct StoreFixture {
  QTemporaryDir dir;
  std::string path;
  std::unique_ptr<store::Store> store;  // the test's own connection, on the test thread
  std::unique_ptr<StoreWorker> worker;  // what the widgets use

  StoreFixture() {
    application();
    path = dir.path().toStdString() + "/partsmith.db";
    store::StoreOptions options;
    options.seedLibrary = false;
    options.autoBackup = false;
    store = std::make_unique<store::Store>(path, options);
    worker = std::make_unique<StoreWorker>(QString::fromStdString(path));
  }
  ~StoreFixture() {
    worker.reset();  // runs what is still queued
    QApplication::processEvents();
  }

  store::Store& s() { return *store; }

  // A request message, its generation (spec, usage, scores, outcome) and the answer, as the
  // pipeline records them. Returns the generation id.
  int64_t addGeneration(int64_t conversationId, const GenerationSeed& seed = {}) {
    using nlohmann::json;
    auto& conv = s().conversations();
    auto& gens = s().generations();
    const store::Message ask = conv.appendMessage(conversationId, message("user", seed.request));
    store::NewGeneration ng;
    ng.conversationId = conversationId;
    ng.requestMessageId = ask.id;
    ng.parentGenerationId = seed.parent;
    ng.request = seed.request;
    ng.stageModels = {{"spec", "claude-haiku"}, {"code", "claude-sonnet"}, {"review", "claude-haiku"}};
    const int64_t id = gens.create(ng);
    const json spec = {
        {"interpretation", "A flat rectangular plate " + std::to_string(int(seed.w)) + " × " + std::to_string(int(seed.d)) +
                               " mm, " + std::to_string(int(seed.h)) + " mm thick, with " + std::to_string(seed.holes) +
                               " through holes of 4 mm on its centre line"},
        {"checklist", {"Is the part a single flat plate?", "Are the holes through the whole thickness?",
                       "Are the edges left sharp?"}},
        {"assertions",
         {{{"kind", "bbox_size"}, {"axis", "x"}, {"value", 50}, {"description", "bbox size x = 50 ± 0.5 mm"}},
          {{"kind", "hole_count"}, {"value", 2}, {"description", "hole count = 2"}}}},
        {"complexity", 2},
        {"category", "plates"},
        {"techniques", {"box", "hole", "rarray"}}};
    gens.setSpec(id, spec);
    store::TokenUsage specUse{1200, 0, 0, 310, 0.0021, 1800};
    store::TokenUsage codeUse{5400, 3000, 1200, 950, 0.0312, 9400};
    store::TokenUsage reviewUse{2100, 0, 0, 240, 0.0030, 2500};
    gens.addUsage(id, "spec", "claude-haiku", specUse, "anthropic");
    gens.addUsage(id, "code", "claude-sonnet", codeUse, "anthropic");
    gens.addUsage(id, "review", "claude-haiku", reviewUse, "anthropic");

    const json facts = plateFacts(seed.w, seed.d, seed.h, seed.holes);
    const bool xOk = std::abs(seed.w - 50) <= 0.5;
    const bool holesOk = seed.holes == 2;
    store::TrackScore assertions;
    assertions.track = "assertions";
    assertions.score = (xOk ? 5.0 : 0.0) + (holesOk ? 5.0 : 0.0);
    assertions.passed = xOk && holesOk;
    assertions.details = {{"assertions",
                           {{{"assertion", "bbox size x = 50 ± 0.5 mm"}, {"passed", xOk}, {"actual", seed.w},
                             {"message", xOk ? "" : "x is " + std::to_string(int(seed.w)) + " mm"}},
                            {{"assertion", "hole count = 2"}, {"passed", holesOk}, {"actual", seed.holes}, {"message", ""}}}},
                          {"valid", true},
                          {"closed", true}};
    gens.setScore(id, assertions);
    store::TrackScore review;
    review.track = "code_review";
    review.score = 7.5;
    review.passed = true;
    review.modelId = "claude-haiku";
    review.details = {{"checklist",
                       {{{"item", "Is the part a single flat plate?"}, {"answer", "yes"}, {"track", "code_review"},
                         {"note", "one box, no other solids"}},
                        {{"item", "Are the holes through the whole thickness?"}, {"answer", "yes"},
                         {"track", "code_review"}, {"note", "hole() without depth cuts through"}},
                        {{"item", "Are the edges left sharp?"}, {"answer", "uncertain"}, {"track", "code_review"},
                         {"note", "no fillet call, but the box may be chamfered elsewhere"}}}},
                      {"critique", {"Name the hole diameter as a parameter."}}};
    gens.setScore(id, review);
    store::TrackScore visual;
    visual.track = "visual";
    visual.score = 8.0;
    visual.passed = false;
    visual.modelId = "claude-sonnet";
    visual.details = {{"checklist",
                       {{{"item", "Is the part a single flat plate?"}, {"answer", "yes"}, {"track", "visual"},
                         {"note", "a flat plate in every view"}},
                        {{"item", "Are the holes through the whole thickness?"}, {"answer", "no"},
                         {"track", "visual"}, {"note", "the bottom view shows no openings"}}}}};
    gens.setScore(id, visual);

    store::GenerationOutcome out;
    out.status = seed.status;
    if (seed.status == "succeeded") {
      out.finalCode = plateCode(seed.w, seed.d, seed.h, seed.holes);
      out.facts = facts;
      out.parameters = json::array({{{"name", "width"}, {"value", seed.w}}});
      out.compositeScore = seed.score;
    } else {
      out.error = "line 7: box() needs positive sizes";
    }
    out.steps = 4;
    gens.finish(id, out);
    store::NewMessage answer = message("assistant", "Here is the plate.");
    answer.generationId = id;
    conv.appendMessage(conversationId, answer);
    return id;
  }
};

}  // namespace partsmith::app::testing
