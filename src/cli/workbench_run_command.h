// `partsmith-cli workbench run | merge | review`: batch generation over the workbench prompts
// (parallel, resumable by name, budgeted, sharded), merging shard databases, and the review
// queue of results that were not auto-approved. Shared with `experiment`: the run settings
// read from the command line and the batch environment built from the LLM settings.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workbench/batch_runner.h"

namespace partsmith::cli {

class CliArgs;

// `dbPath`: the history database the `workbench` command chose (--db, $PARTSMITH_DB or XDG).
int workbenchRunCommand(const std::string& dbPath, const std::vector<std::string>& args);
int workbenchMergeCommand(const std::string& dbPath, const std::vector<std::string>& args);
int workbenchReviewCommand(const std::string& dbPath, const std::vector<std::string>& args);

// The flags that set run settings (models, switches, few-shot count, budgets, threshold).
const std::vector<std::string>& runSettingValueFlags();
const std::vector<std::string>& runSettingSwitches();
nlohmann::json runSettingsFromArgs(const CliArgs& args);
// --rate-file PATH checked (its folder must exist); empty when not given. Throws UsageError.
std::string rateFileArg(const CliArgs& args);
// "i/n" -> (i, n); throws UsageError.
std::pair<int, int> parseShard(const std::string& text);
// Models resolved from the LLM settings file (keys from the environment), one kernel worker
// per batch worker, the history database at `dbPath`.
workbench::BatchEnvironment cliBatchEnvironment(const std::string& settingsPath, const std::string& dbPath);
// Opens the database with the shipped curriculum loaded (as every workbench subcommand does).
std::unique_ptr<store::Store> openWorkbenchStore(const std::string& dbPath);

}  // namespace partsmith::cli
