#include "worker/job_runner.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>
#include <filesystem>
#include <new>

#include <BinTools.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>

#include "io/export_options.h"
#include "io/exporter.h"
#include "kernel/facts.h"
#include "kernel/mesh.h"
#include "kernel/shape_utils.h"
#include "render/offscreen_renderer.h"
#include "render/render_error.h"
#include "script/parameter_parser.h"
#include "script/script_engine.h"
#include "worker/client/mesh_payload.h"

namespace partsmith::worker {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

json makeError(const std::string& kind, const std::string& message, const std::string& hint = {}) {
  return {{"kind", kind}, {"message", message}, {"line", 0}, {"column", 0}, {"source", ""}, {"hint", hint}};
}

std::map<std::string, script::ParamValue> overridesFrom(const json& params) {
  std::map<std::string, script::ParamValue> out;
  if (!params.is_object()) return out;
  for (const auto& [name, value] : params.items()) {
    if (value.is_boolean())
      out[name] = value.get<bool>();
    else if (value.is_number())
      out[name] = value.get<double>();
    else if (value.is_string())
      out[name] = value.get<std::string>();
  }
  return out;
}

kernel::MeshOptions meshOptionsFrom(const json& spec) {
  kernel::MeshOptions options;
  if (spec.is_object()) {
    options.linearDeflection = spec.value("tolerance", spec.value("deflection", 0.0));
    options.angularDeflectionDeg = spec.value("angular_tolerance_deg", options.angularDeflectionDeg);
  }
  return options;
}

worker::MeshPayload toPayload(const kernel::Mesh& mesh) {
  worker::MeshPayload payload;
  payload.positions = mesh.vertices;
  payload.triangles = mesh.triangles;
  payload.normals = mesh.normals;
  if (payload.normals.size() != payload.positions.size())
    payload.normals.assign(payload.positions.size(), {0.f, 0.f, 1.f});
  return payload;
}

bool testHooksEnabled() {
  static const bool enabled = std::getenv("PARTSMITH_KERNEL_TEST_HOOKS") != nullptr;
  return enabled;
}

}  // namespace

JobRunner::JobRunner(std::string tempDir)
    : m_tempDir(std::move(tempDir)), m_engine(std::make_unique<script::ScriptEngine>()) {}

JobRunner::~JobRunner() = default;

render::OffscreenRenderer& JobRunner::renderer() {
  if (!m_renderer) m_renderer = std::make_unique<render::OffscreenRenderer>();
  return *m_renderer;
}

void JobRunner::idle() { m_engine->prepareNext(); }

json JobRunner::handle(const json& job) {
  const std::string op = job.value("op", "");
  json reply;
  try {
    if (op == "run") {
      reply = run(job);
    } else if (op == "params") {
      reply = params(job);
    } else if (op == "ping") {
      reply = {{"ok", true}};
    } else if (testHooksEnabled() && op == "debug-crash") {
      // Lets tests prove the process boundary: a real fault outside any OCCT guard.
      std::raise(SIGSEGV);
    } else if (testHooksEnabled() && op == "debug-guarded-crash") {
      // The same fault inside a kernel guard: an error in the reply, and the worker lives on.
      try {
        OCC_CATCH_SIGNALS
        std::raise(SIGSEGV);
        reply = {{"ok", true}};
      } catch (const Standard_Failure& failure) {
        reply = {{"ok", false},
                 {"errors", json::array({makeError("geometry", std::string("caught ") + failure.DynamicType()->Name())})}};
      }
    } else if (testHooksEnabled() && op == "debug-hang") {
      // A hang the script watchdog cannot interrupt (as a stuck kernel operation would be).
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    } else {
      reply = {{"ok", false}, {"errors", json::array({makeError("protocol", "unknown job op '" + op + "'")})}};
    }
  } catch (const std::bad_alloc&) {
    reply = {{"ok", false},
             {"errors", json::array({makeError("limit", "the job ran out of memory",
                                               "the geometry or the script's data is too large; reduce counts "
                                               "or sizes")})}};
  } catch (const std::exception& e) {
    reply = {{"ok", false}, {"errors", json::array({makeError("crash", std::string("internal error: ") + e.what())})}};
  }
  if (job.contains("id")) reply["id"] = job["id"];
  return reply;
}

json JobRunner::params(const json& job) {
  json list = json::array();
  for (const auto& p : script::parseParameters(job.value("source", ""))) list.push_back(p);
  return {{"ok", true}, {"parameters", list}, {"errors", json::array()}};
}

json JobRunner::run(const json& job) {
  const auto start = Clock::now();
  const int timeoutMs = job.value("timeout_ms", 20000);
  // "op_cache": false measures or debugs a run without the previous run's kernel results.
  m_engine->setOpCacheEnabled(job.value("op_cache", true));
  // The client stops the worker at the timeout; "interrupt_ms" stops the script early enough
  // for its timeout error to reach the client first.
  const int stopAtMs = job.value("interrupt_ms", 0);
  script::RunResult result = m_engine->run(job.value("source", ""),
                                           overridesFrom(job.value("params", json::object())), timeoutMs, stopAtMs);
  const double scriptWall = msSince(start);
  if (m_progress && job.contains("id")) m_progress({{"id", job["id"]}, {"phase", "script-done"}});

  json reply;
  json errors = json::array();
  for (const auto& e : result.errors) errors.push_back(e);
  json parameters = json::array();
  for (const auto& p : result.parameters) parameters.push_back(p);
  json timing = {{"script_ms", result.scriptMs},
                 {"kernel_ms", result.kernelMs},
                 {"engine_wait_ms", result.engineWaitMs},
                 {"run_ms", scriptWall}};
  json parts = json::array();
  json outputs = json::array();

  const long long jobNumber = ++m_jobCounter;
  {
    // Payload files of the previous job are stale now; the caller has read them.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_tempDir, ec))
      if (entry.path().extension() == ".mesh" || entry.path().extension() == ".bbrep") fs::remove(entry.path(), ec);
  }
  if (result.ok && !result.parts.empty()) {
    // Facts, per part and for the whole result. A slider drag may skip them ("facts": false)
    // and ask once the drag ends: the validity check dominates their cost.
    const bool wantFacts = job.value("facts", true);
    auto factsStart = Clock::now();
    std::vector<TopoDS_Shape> all;
    for (const auto& part : result.parts) {
      json entry = {{"name", part.name}, {"color", part.color ? json(part.color->toHex()) : json(nullptr)}};
      if (wantFacts) {
        const kernel::Facts facts = kernel::computeFacts(part.shape);
        entry["facts"] = facts;
        // An invalid part still counts as a result, but nobody should export it unawares.
        for (const std::string& note : kernel::factsNotes(facts))
          result.notes.push_back(result.parts.size() == 1 ? note : "part \"" + part.name + "\": " + note);
      }
      parts.push_back(entry);
      all.push_back(part.shape);
    }
    if (wantFacts) {
      reply["facts"] =
          result.parts.size() == 1 ? parts[0]["facts"] : json(kernel::computeFacts(kernel::makeCompound(all)));
      timing["facts_ms"] = msSince(factsStart);
    }

    // Viewport meshes, written as payload files; the previous job's files are removed.
    if (job.value("mesh", false) || job.contains("mesh_options")) {
      auto meshStart = Clock::now();
      kernel::MeshOptions options = meshOptionsFrom(job.value("mesh_options", json::object()));
      for (size_t i = 0; i < result.parts.size(); ++i) {
        kernel::Mesh mesh = kernel::tessellate(result.parts[i].shape, options, /*weld=*/false);
        std::string path =
            (fs::path(m_tempDir) / ("job" + std::to_string(jobNumber) + "-part" + std::to_string(i) + ".mesh"))
                .string();
        writeMeshPayload(path, toPayload(mesh));
        parts[i]["mesh"] = path;
        parts[i]["triangles"] = mesh.triangleCount();
      }
      timing["tessellation_ms"] = msSince(meshStart);
    }

    // Exact shapes for the app's viewport (picking faces and edges, measuring), as binary
    // BREP files next to the meshes.
    if (job.value("brep", false)) {
      for (size_t i = 0; i < result.parts.size(); ++i) {
        std::string path =
            (fs::path(m_tempDir) / ("job" + std::to_string(jobNumber) + "-part" + std::to_string(i) + ".bbrep"))
                .string();
        if (!BinTools::Write(result.parts[i].shape, path.c_str(), /*withTriangles=*/false, /*withNormals=*/false,
                             BinTools_FormatVersion_CURRENT))
          errors.push_back(makeError("export", "cannot write the shape file " + path));
        parts[i]["brep"] = path;
      }
    }

    // Exports: the format follows each path's extension.
    if (job.contains("exports")) {
      auto exportStart = Clock::now();
      for (const auto& spec : job["exports"]) {
        std::string path = spec.is_string() ? spec.get<std::string>() : spec.value("path", "");
        io::ExportOptions options;
        const bool perPartFiles = spec.is_object() && spec.value("per_part_files", false);
        if (spec.is_object()) {
          options.mesh = meshOptionsFrom(spec);
          options.asciiStl = spec.value("ascii", false);
          options.merged = spec.value("merged", false);
        }
        // One file per part (what a slicer wants for a box and its lid), or all in one file.
        std::vector<std::pair<std::string, kernel::PartList>> files;
        if (perPartFiles) {
          const std::vector<std::string> paths = io::perPartPaths(result.parts, path);
          for (size_t i = 0; i < paths.size(); ++i) files.push_back({paths[i], {result.parts[i]}});
        } else {
          files.push_back({path, result.parts});
        }
        for (const auto& [file, fileParts] : files) {
          try {
            io::exportParts(fileParts, file, options);
            std::error_code ec;
            outputs.push_back({{"kind", "export"},
                               {"format", io::formatName(io::formatFromPath(file))},
                               {"path", file},
                               {"bytes", fs::file_size(file, ec)}});
          } catch (const std::exception& e) {
            errors.push_back(makeError("export", e.what()));
          }
        }
      }
      timing["export_ms"] = msSince(exportStart);
    }

    // Renders: one PNG per requested view.
    if (job.contains("render")) {
      auto renderStart = Clock::now();
      const json& spec = job["render"];
      try {
        std::vector<std::string> views = spec.value("views", std::vector<std::string>{"iso", "front", "top", "right"});
        auto rendered = renderer().render(result.parts, views, spec.value("width", 800), spec.value("height", 600),
                                          spec.value("dir", m_tempDir));
        for (const auto& view : rendered)
          outputs.push_back({{"kind", "render"}, {"view", view.view}, {"path", view.path}});
      } catch (const render::RenderError& e) {
        errors.push_back(makeError("render", e.message(), e.hint()));
      } catch (const std::exception& e) {
        errors.push_back(makeError("render", e.what()));
      }
      timing["render_ms"] = msSince(renderStart);
    }
  }

  timing["total_ms"] = msSince(start);
  reply["ok"] = result.ok && errors.empty();
  reply["parameters"] = parameters;
  reply["parts"] = parts;
  if (!reply.contains("facts")) reply["facts"] = nullptr;
  reply["errors"] = errors;
  reply["log"] = result.log;
  reply["notes"] = result.notes;
  reply["timing"] = timing;
  reply["op_cache"] = {{"hits", result.opCacheHits}, {"misses", result.opCacheMisses}};
  reply["outputs"] = outputs;
  return reply;
}

}  // namespace partsmith::worker
