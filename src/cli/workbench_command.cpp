#include "cli/workbench_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/cli_args.h"
#include "cli/workbench_run_command.h"
#include "store/curriculum_loader.h"
#include "store/store.h"
#include "store/store_paths.h"

namespace partsmith::cli {
using json = nlohmann::json;

namespace {

// What every subcommand gets besides its own arguments.
struct WorkbenchContext {
  std::string dbPath;
};

using SubcommandFn = int (*)(const WorkbenchContext& context, const std::vector<std::string>& args);

struct Subcommand {
  const char* name;
  const char* synopsis;  // arguments, for the usage text
  const char* summary;
  SubcommandFn run;
};

const std::vector<Subcommand>& subcommands();

std::string usage() {
  std::string text = "usage: partsmith-cli workbench [--db PATH] SUBCOMMAND\n";
  for (const auto& s : subcommands()) {
    std::string line = std::string("  ") + s.name + " " + s.synopsis;
    line.resize(std::max<size_t>(line.size() + 2, 52), ' ');
    text += line + s.summary + "\n";
  }
  return text;
}

// Opens (or creates) the database and brings in the shipped curriculum on first use, or the
// new prompts of a newer curriculum file.
std::unique_ptr<store::Store> openStore(const WorkbenchContext& context) {
  auto s = std::make_unique<store::Store>(context.dbPath);
  store::CurriculumImportReport loaded = store::CurriculumLoader(*s).ensureShipped();
  if (loaded.added > 0)
    std::cerr << "loaded " << loaded.added << " curriculum prompts from " << store::defaultCurriculumPath() << "\n";
  return s;
}

int parseComplexity(const std::string& text) {
  try {
    size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size() && v >= 1 && v <= 10) return v;
  } catch (const std::exception&) {
  }
  throw UsageError("--complexity needs a whole number from 1 to 10, not '" + text + "'");
}

json promptJson(const store::WorkbenchPrompt& p) {
  return {{"id", p.id},         {"uuid", p.uuid},     {"category", p.category},    {"complexity", p.complexity},
          {"prompt", p.text},   {"source", p.source}, {"created_ms", p.createdMs}, {"updated_ms", p.updatedMs}};
}

int list(const WorkbenchContext& context, const std::vector<std::string>& rawArgs) {
  CliArgs args(rawArgs, {"--category"}, {"--json"});
  if (!args.positional().empty()) throw UsageError("list takes no argument '" + args.positional()[0] + "'");
  auto s = openStore(context);
  std::optional<std::string> category;
  if (args.has("--category")) category = store::canonicalCategory(args.value("--category"));
  const std::vector<store::WorkbenchPrompt> prompts = s->workbench().prompts(category);
  if (category && prompts.empty()) {
    std::set<std::string> known;
    for (const auto& p : s->workbench().prompts()) known.insert(p.category);
    if (!known.count(*category)) {
      std::string names;
      for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
      throw UsageError("there is no category '" + *category + "'" + (names.empty() ? "" : "; categories: " + names));
    }
  }
  if (args.has("--json")) {
    json out = json::array();
    for (const auto& p : prompts) out.push_back(promptJson(p));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  size_t width = 8;
  std::set<std::string> categories;
  for (const auto& p : prompts) {
    width = std::max(width, p.category.size());
    categories.insert(p.category);
  }
  for (const auto& p : prompts) {
    std::string id = std::to_string(p.id);
    std::string cat = p.category;
    id.insert(0, id.size() < 5 ? 5 - id.size() : 0, ' ');
    cat.resize(width, ' ');
    std::string text = p.text;
    std::replace(text.begin(), text.end(), '\n', ' ');  // one prompt, one line
    std::cout << id << "  " << cat << "  " << (p.complexity < 10 ? " " : "") << p.complexity << "  " << text << "\n";
  }
  std::cout << prompts.size() << (prompts.size() == 1 ? " prompt" : " prompts") << " in " << categories.size()
            << (categories.size() == 1 ? " category" : " categories") << "\n";
  return 0;
}

int add(const WorkbenchContext& context, const std::vector<std::string>& rawArgs) {
  CliArgs args(rawArgs, {"--category", "--complexity"}, {});
  if (args.positional().size() != 1)
    throw UsageError("add needs the prompt as one argument: add --category C --complexity N \"PROMPT\"");
  if (!args.has("--category")) throw UsageError("add needs --category (e.g. --category brackets-and-mounts)");
  if (!args.has("--complexity")) throw UsageError("add needs --complexity, a whole number from 1 to 10");
  store::CurriculumEntry entry;
  entry.category = store::canonicalCategory(args.value("--category"));
  entry.complexity = parseComplexity(args.value("--complexity"));
  entry.prompt = args.positional()[0];
  entry.prompt.erase(0, entry.prompt.find_first_not_of(" \t\r\n"));
  entry.prompt.erase(entry.prompt.find_last_not_of(" \t\r\n") + 1);
  if (entry.category.empty()) throw UsageError("--category is empty");
  if (entry.prompt.empty()) throw UsageError("the prompt is empty");
  auto s = openStore(context);
  store::CurriculumImportReport r = store::CurriculumLoader(*s).importEntries({entry}, "user");
  if (r.added)
    std::cout << "added prompt " << r.promptIds[0] << " (" << entry.category << ", complexity " << entry.complexity
              << ")\n";
  else
    std::cout << "already in the workbench as prompt " << r.promptIds[0] << "\n";
  return 0;
}

int importPrompts(const WorkbenchContext& context, const std::vector<std::string>& rawArgs) {
  CliArgs args(rawArgs, {}, {});
  if (args.positional().size() != 1) throw UsageError("import needs one file: import FILE.jsonl|FILE.csv");
  const std::string file = args.positional()[0];
  auto s = openStore(context);
  store::CurriculumImportReport r = store::CurriculumLoader(*s).importFile(file);
  std::cout << file << ": " << r.added << " added, " << r.existing << " already in the workbench\n";
  return 0;
}

int parseId(const std::string& text) {
  try {
    size_t used = 0;
    const long long v = std::stoll(text, &used);
    if (used == text.size() && v > 0) return int(v);
  } catch (const std::exception&) {
  }
  throw UsageError("a prompt id is a positive whole number (see workbench list --json), not '" + text + "'");
}

// Changes a prompt in place (its id, runs and results stay); a shipped prompt edited here is
// not brought back by later curriculum imports.
int editPrompt(const WorkbenchContext& context, const std::vector<std::string>& rawArgs) {
  CliArgs args(rawArgs, {"--text", "--category", "--complexity"}, {"--archive", "--unarchive"});
  if (args.positional().size() != 1)
    throw UsageError("edit needs the prompt id: edit ID [--text T] [--category C] [--complexity N] [--archive]");
  if (!args.has("--text") && !args.has("--category") && !args.has("--complexity") && !args.has("--archive") &&
      !args.has("--unarchive"))
    throw UsageError("edit needs something to change: --text, --category, --complexity, --archive or --unarchive");
  if (args.has("--archive") && args.has("--unarchive")) throw UsageError("--archive and --unarchive contradict");
  const int id = parseId(args.positional()[0]);
  auto s = openStore(context);
  store::WorkbenchPrompt p = s->workbench().prompt(id);
  if (args.has("--text")) {
    std::string text = args.value("--text");
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    if (text.empty()) throw UsageError("--text is empty");
    p.text = text;
  }
  if (args.has("--category")) {
    p.category = store::canonicalCategory(args.value("--category"));
    if (p.category.empty()) throw UsageError("--category is empty");
  }
  if (args.has("--complexity")) p.complexity = parseComplexity(args.value("--complexity"));
  if (args.has("--archive")) p.archived = true;
  if (args.has("--unarchive")) p.archived = false;
  s->workbench().updatePrompt(p);
  std::cout << "prompt " << id << ": " << p.category << ", complexity " << p.complexity
            << (p.archived ? ", archived" : "") << "\n";
  return 0;
}

// The workbench subcommands, in the order the usage lists them. A new subcommand is a
// function with the SubcommandFn signature and one row here.
const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> table = {
      {"list", "[--category C] [--json]", "the workbench prompts, by complexity", &list},
      {"add", "--category C --complexity N \"PROMPT\"", "add a prompt of your own", &add},
      {"import", "FILE", "add the prompts of a JSONL or CSV file (category,complexity,prompt)", &importPrompts},
      {"edit", "ID [--text T] [--category C] [--complexity N] [--archive|--unarchive]", "change or archive a prompt",
       &editPrompt},
      {"run", "[--category C] [--limit N] [--model M] [--parallel K] [--shard i/n] [--budget USD] [--run NAME]",
       "generate, evaluate and approve (`run --help`)",
       [](const WorkbenchContext& c, const std::vector<std::string>& a) { return workbenchRunCommand(c.dbPath, a); }},
      {"merge", "SHARD.db...", "combine shard databases into this one",
       [](const WorkbenchContext& c, const std::vector<std::string>& a) { return workbenchMergeCommand(c.dbPath, a); }},
      {"review", "[list | show ID | approve ID | reject ID --reason R]", "results waiting for a person",
       [](const WorkbenchContext& c, const std::vector<std::string>& a) { return workbenchReviewCommand(c.dbPath, a); }},
  };
  return table;
}

}  // namespace

int workbenchCommand(const std::vector<std::string>& rawArgs) {
  // `--db PATH` may stand anywhere; the subcommand is the first other word.
  WorkbenchContext context{store::defaultDatabasePath()};
  std::vector<std::string> rest;
  for (size_t i = 0; i < rawArgs.size(); ++i) {
    if (rawArgs[i] == "--db") {
      if (i + 1 >= rawArgs.size()) throw UsageError("--db needs a value");
      context.dbPath = rawArgs[++i];
    } else if (rawArgs[i].rfind("--db=", 0) == 0) {
      context.dbPath = rawArgs[i].substr(5);
    } else {
      rest.push_back(rawArgs[i]);
    }
  }
  if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
    std::cout << usage();
    return rest.empty() ? 2 : 0;
  }
  const std::string name = rest[0];
  rest.erase(rest.begin());
  for (const auto& s : subcommands())
    if (name == s.name) return s.run(context, rest);
  throw UsageError("unknown subcommand '" + name + "'\n" + usage());
}

}  // namespace partsmith::cli
