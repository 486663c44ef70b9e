// What a background thread of the app needs to run the generation pipeline: its own
// connection to the app's history file, its own warm kernel worker and the prompts. Opened on
// that thread and destroyed there.
#pragma once
#include <memory>

#include <QString>

namespace partsmith::store {
class Store;
}
namespace partsmith::worker {
class KernelClient;
}
namespace partsmith::agent {
class PromptLibrary;
}

namespace partsmith::app {

struct PipelineResources {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<worker::KernelClient> kernel;
  std::unique_ptr<agent::PromptLibrary> prompts;

  // The app created and checked the file already: no creation, seeding, backup or check.
  static std::unique_ptr<PipelineResources> open(const QString& dbPath);
  ~PipelineResources();
};

}  // namespace partsmith::app
