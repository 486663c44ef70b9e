// The answer a request gets when no model can be reached: the closest library examples (with
// their parameters, which become sliders) and a clear message about how to connect a provider.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::store {
class LibraryRepository;
}

namespace partsmith::agent {

class KernelRunner;
class PromptLibrary;

struct OfflineExample {
  int64_t id = 0;
  std::string title;
  std::string prompt;
  std::string code;
  nlohmann::json parameters = nlohmann::json::array();  // name, value, range: the sliders
};

struct OfflineAnswer {
  std::string reason;   // why no model ran ("no provider is configured")
  std::string message;  // what the user reads: the examples and how to connect a provider
  std::vector<OfflineExample> examples;
  nlohmann::json toJson() const;
};

// `kernel` may be null (then parameters stay empty).
OfflineAnswer buildOfflineAnswer(const std::string& request, const std::string& reason,
                                 store::LibraryRepository& library, KernelRunner* kernel, PromptLibrary& prompts,
                                 int count = 3);

}  // namespace partsmith::agent
