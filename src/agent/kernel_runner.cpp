#include "agent/kernel_runner.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "llm/base64.h"
#include "worker/client/kernel_client.h"

namespace partsmith::agent {

using nlohmann::json;
namespace fs = std::filesystem;

KernelRunner::KernelRunner(std::shared_ptr<worker::KernelClient> client, std::string renderDir)
    : m_client(std::move(client)), m_renderDir(std::move(renderDir)) {
  if (m_renderDir.empty()) {
    std::string pattern = (fs::temp_directory_path() / "partsmith-agent-XXXXXX").string();
    if (::mkdtemp(pattern.data())) {
      m_renderDir = pattern;
      m_ownsRenderDir = true;
    } else {
      m_renderDir = fs::temp_directory_path().string();
    }
  } else {
    std::error_code ec;
    fs::create_directories(m_renderDir, ec);
  }
}

KernelRunner::~KernelRunner() {
  if (m_ownsRenderDir) {
    std::error_code ec;
    fs::remove_all(m_renderDir, ec);
  }
}

KernelRun KernelRunner::perform(json job, CancelToken& cancel) {
  KernelRun run;
  const auto start = std::chrono::steady_clock::now();
  if (cancel.cancelled()) {
    run.reply = {{"ok", false},
                 {"errors", json::array({{{"kind", "cancelled"}, {"message", "the generation was cancelled"}}})}};
    return run;
  }
  {
    CancelHook hook(cancel, [this] { m_client->cancel(); });
    run.reply = m_client->request(std::move(job));
  }
  run.elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  m_totalMs += run.elapsedMs;
  return run;
}

KernelRun KernelRunner::run(const std::string& source, CancelToken& cancel, int timeoutMs) {
  return perform({{"op", "run"}, {"source", source}, {"timeout_ms", timeoutMs}, {"facts", true}}, cancel);
}

KernelRun KernelRunner::render(const std::string& source, const std::vector<std::string>& views, int width, int height,
                               CancelToken& cancel, int timeoutMs) {
  const std::string dir = (fs::path(m_renderDir) / ("render" + std::to_string(++m_renderCounter))).string();
  std::error_code ec;
  fs::create_directories(dir, ec);
  KernelRun run = perform({{"op", "run"},
                           {"source", source},
                           {"timeout_ms", timeoutMs},
                           {"facts", true},
                           {"render", {{"dir", dir}, {"views", views}, {"width", width}, {"height", height}}}},
                          cancel);
  for (const json& out : run.reply.value("outputs", json::array())) {
    if (out.value("kind", "") != "render") continue;
    RenderedView v;
    v.view = out.value("view", "");
    v.path = out.value("path", "");
    std::ifstream in(v.path, std::ios::binary);
    if (!in) continue;
    std::ostringstream s;
    s << in.rdbuf();
    v.pngBase64 = llm::base64Encode(s.str());
    run.views.push_back(std::move(v));
  }
  return run;
}

KernelRun KernelRunner::exportTo(const std::string& source, const std::string& path, CancelToken& cancel,
                                 int timeoutMs) {
  return perform({{"op", "run"}, {"source", source}, {"timeout_ms", timeoutMs}, {"facts", false},
                  {"exports", json::array({path})}},
                 cancel);
}

json KernelRunner::parameters(const std::string& source) {
  json reply = m_client->request({{"op", "params"}, {"source", source}});
  return reply.value("parameters", json::array());
}

}  // namespace partsmith::agent
