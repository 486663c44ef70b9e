#include "app/pipeline_resources.h"

#include "agent/prompt_library.h"
#include "store/store.h"
#include "worker/client/kernel_client.h"

namespace partsmith::app {

std::unique_ptr<PipelineResources> PipelineResources::open(const QString& dbPath) {
  auto r = std::make_unique<PipelineResources>();
  store::StoreOptions options;
  options.create = false;
  options.seedLibrary = false;
  options.autoBackup = false;
  options.checkIntegrity = false;
  r->store = std::make_unique<store::Store>(dbPath.toStdString(), options);
  r->kernel = std::make_shared<worker::KernelClient>();
  r->prompts = std::make_unique<agent::PromptLibrary>();
  return r;
}

PipelineResources::~PipelineResources() = default;

}  // namespace partsmith::app
