#include "agent/offline_answer.h"

#include "agent/kernel_runner.h"
#include "agent/prompt_library.h"
#include "agent/research_stage.h"
#include "store/library_repository.h"

namespace partsmith::agent {

using nlohmann::json;

json OfflineAnswer::toJson() const {
  json e = json::array();
  for (const auto& x : examples)
    e.push_back({{"id", x.id}, {"title", x.title}, {"prompt", x.prompt}, {"code", x.code}, {"parameters", x.parameters}});
  return {{"reason", reason}, {"message", message}, {"examples", e}};
}

OfflineAnswer buildOfflineAnswer(const std::string& request, const std::string& reason,
                                 store::LibraryRepository& library, KernelRunner* kernel, PromptLibrary& prompts,
                                 int count) {
  OfflineAnswer answer;
  answer.reason = reason;
  ResearchStage research(library);
  std::string list;
  for (const auto& f : research.retrieve(request, {}, count)) {
    OfflineExample e{f.id, f.title, f.prompt, f.code, json::array()};
    if (kernel) {
      try {
        e.parameters = kernel->parameters(f.code);
      } catch (const std::exception&) {
        e.parameters = json::array();
      }
    }
    std::string sliders;
    for (const json& p : e.parameters) sliders += (sliders.empty() ? "" : ", ") + p.value("name", std::string());
    list += "- " + e.title + ": " + e.prompt + (sliders.empty() ? "" : " (sliders: " + sliders + ")") + "\n";
    answer.examples.push_back(std::move(e));
  }
  if (list.empty()) list = prompts.message("offline_no_examples");
  answer.message = prompts.message("offline", {{"reason", reason}, {"examples", list}});
  return answer;
}

}  // namespace partsmith::agent
