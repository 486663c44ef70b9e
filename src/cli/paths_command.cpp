#include "cli/paths_command.h"

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "agent/prompt_library.h"
#include "base/data_dir.h"
#include "llm/price_table.h"
#include "store/curriculum_loader.h"
#include "store/example_header.h"
#include "store/store_paths.h"

namespace partsmith::cli {

int pathsCommand(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "usage: partsmith-cli paths   (prints where the data, the kernel and the history are found)\n";
    return 2;
  }
  const std::filesystem::path kernel = base::executableDir() / "partsmith-kernel";
  const nlohmann::json out = {{"prompts", agent::PromptLibrary::defaultRoot()},
                              {"examples", store::defaultExamplesDir()},
                              {"curriculum", store::defaultCurriculumPath()},
                              {"prices", llm::PriceTable::defaultPath()},
                              {"kernel", std::filesystem::exists(kernel) ? kernel.string() : std::string()},
                              {"database", store::defaultDatabasePath()}};
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace partsmith::cli
