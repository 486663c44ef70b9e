// The agent's side of the kernel worker: runs the current script (facts on), renders views as
// PNGs for vision models, exports the final part, parses parameters — with the kernel time
// measured and cancellation wired to the pipeline's token.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/cancel_token.h"

namespace partsmith::worker {
class KernelClient;
}

namespace partsmith::agent {

struct RenderedView {
  std::string view;  // iso, front, top, right, ...
  std::string path;  // PNG file
  std::string pngBase64;
};

struct KernelRun {
  nlohmann::json reply;  // the CLI-contract JSON: ok, parameters, parts, facts, errors, log, timing, outputs
  double elapsedMs = 0;
  std::vector<RenderedView> views;  // when renders were asked for and made
  bool ok() const { return reply.value("ok", false); }
};

class KernelRunner {
 public:
  // `renderDir` receives PNGs (a fresh temp folder when empty).
  KernelRunner(std::shared_ptr<worker::KernelClient> client, std::string renderDir = {});
  ~KernelRunner();

  KernelRun run(const std::string& source, CancelToken& cancel, int timeoutMs = 30000);
  // Runs and renders `views` at width x height; the PNGs are read and base64-encoded.
  KernelRun render(const std::string& source, const std::vector<std::string>& views, int width, int height,
                   CancelToken& cancel, int timeoutMs = 60000);
  KernelRun exportTo(const std::string& source, const std::string& path, CancelToken& cancel, int timeoutMs = 60000);
  nlohmann::json parameters(const std::string& source);

  double totalMs() const { return m_totalMs; }
  worker::KernelClient& client() { return *m_client; }
  const std::string& renderDir() const { return m_renderDir; }

 private:
  KernelRun perform(nlohmann::json job, CancelToken& cancel);

  std::shared_ptr<worker::KernelClient> m_client;
  std::string m_renderDir;
  bool m_ownsRenderDir = false;
  int m_renderCounter = 0;
  double m_totalMs = 0;
};

}  // namespace partsmith::agent
