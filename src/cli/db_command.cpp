#include "cli/db_command.h"

#include "cli/bench_stats.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/cli_args.h"
#include "store/backup_manager.h"
#include "store/database.h"
#include "store/example_header.h"
#include "store/store.h"
#include "store/store_benchmark.h"
#include "store/store_error.h"
#include "store/store_paths.h"
#include "store/training_export.h"

namespace partsmith::cli {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const char* kDbUsage =
    "usage: partsmith-cli db [--db PATH] SUBCOMMAND\n"
    "  stats [--json]                        row counts, sizes, schema version, backups\n"
    "  check                                 full integrity check\n"
    "  backup [--to FILE]                    back up now (default: the backups folder beside the database)\n"
    "  restore [FILE] [--list]               restore FILE or the newest good backup (the current state is kept)\n"
    "  export-training [--format alpaca|sharegpt] [--out FILE] [--system FILE] [--category C]\n"
    "                  [--no-repairs] [--no-examples]   LLaMA-Factory JSONL of approved examples and repairs\n"
    "  import-examples DIR                   add or update library examples from DIR/*.js (@prompt headers)\n"
    "  bench [--conversations N] [--messages N] [--runs N] [--keep FILE] [--json]\n"
    "                                        time list/open/search on a scratch database\n";

const std::vector<std::string> kValueFlags = {"--db",     "--to",            "--format",   "--out",  "--system",
                                             "--category", "--conversations", "--messages", "--runs", "--keep"};
const std::vector<std::string> kSwitches = {"--json", "--list", "--no-repairs", "--no-examples", "--help"};

std::string timeText(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

store::StoreOptions existingOnly() {
  store::StoreOptions options;
  options.create = false;
  return options;
}

int stats(const std::string& path, const CliArgs& args) {
  store::Store s(path, existingOnly());
  json st = s.stats();
  if (args.has("--json")) {
    std::cout << st.dump(2) << "\n";
    return 0;
  }
  std::cout << "database      " << st["path"].get<std::string>() << " (schema " << st["schema_version"]
            << ", SQLite " << st["sqlite_version"].get<std::string>() << ", " << st["journal_mode"].get<std::string>()
            << ")\n"
            << "size          " << st["file_bytes"] << " bytes + " << st["wal_bytes"] << " bytes WAL\n"
            << "conversations " << st["conversations"]["total"] << " (" << st["conversations"]["archived"]
            << " archived), " << st["messages"] << " messages\n"
            << "generations   " << st["generations"]["total"] << " " << st["generations"]["by_status"].dump() << "\n"
            << "usage         " << st["usage"]["input_tokens"] << " in, " << st["usage"]["cache_read_tokens"]
            << " cache read, " << st["usage"]["cache_write_tokens"] << " cache write, " << st["usage"]["output_tokens"]
            << " out tokens; $" << st["usage"]["cost_usd"] << "\n"
            << "ratings       " << st["ratings"].dump() << ", " << st["exports"] << " exports\n"
            << "library       " << st["library"]["total"] << " examples " << st["library"]["by_status"].dump() << " "
            << st["library"]["by_source"].dump() << "; " << st["curation_candidates"] << " curation candidates\n"
            << "workbench     " << st["workbench"].dump() << "\n"
            << "backups       " << st["backups"]["count"] << " in " << st["backups"]["directory"].get<std::string>();
  if (st["backups"].contains("newest"))
    std::cout << ", newest " << timeText(st["backups"]["newest"]["created_at"].get<int64_t>());
  std::cout << "\n";
  return 0;
}

int check(const std::string& path) {
  store::StoreOptions options = existingOnly();
  options.autoBackup = false;
  options.checkIntegrity = false;  // the full check below says more than quick_check
  options.seedLibrary = false;
  try {
    store::Store s(path, options);
    std::string result = s.db().queryText("PRAGMA integrity_check", "no answer");
    int64_t fkProblems = s.db().queryInt("SELECT count(*) FROM pragma_foreign_key_check");
    if (result == "ok" && fkProblems == 0) {
      std::cout << path << ": ok\n";
      return 0;
    }
    std::cout << path << ": damaged — " << result << (fkProblems ? "; dangling references: " + std::to_string(fkProblems) : "")
              << "\n";
  } catch (const store::StoreError& e) {
    if (e.kind() != store::StoreError::Kind::Corrupt) throw;
    std::cout << path << ": damaged — " << e.message() << "\n";
  }
  if (auto good = store::BackupManager(path).newestGood())
    std::cout << "the newest good backup is " << *good << "; restore it with `partsmith-cli db restore`\n";
  else
    std::cout << "no good backup was found in " << store::backupDirectoryFor(path) << "\n";
  return 1;
}

int backup(const std::string& path, const CliArgs& args) {
  store::StoreOptions options = existingOnly();
  options.autoBackup = false;
  store::Store s(path, options);
  std::string target;
  if (args.has("--to")) {
    target = args.value("--to");
    store::BackupManager::copyTo(s.db(), target);
  } else {
    target = s.backups().createBackup(s.db(), "manual");
  }
  std::string problem;
  if (!store::BackupManager::verify(target, &problem))
    throw std::runtime_error("the backup " + target + " failed its check: " + problem);
  std::cout << "backed up " << path << " to " << target << " (" << fs::file_size(target) << " bytes, verified)\n";
  return 0;
}

int restore(const std::string& path, const CliArgs& args) {
  store::BackupManager manager(path);
  if (args.has("--list")) {
    auto backups = manager.list();
    if (backups.empty()) std::cout << "no backups in " << manager.directory() << "\n";
    for (const auto& b : backups) {
      std::string problem;
      bool good = store::BackupManager::verify(b.path, &problem);
      std::cout << timeText(b.createdMs) << "  " << b.label << "  " << b.bytes << " bytes  "
                << (good ? "good" : "damaged: " + problem) << "  " << b.path << "\n";
    }
    return 0;
  }
  std::string source;
  if (!args.positional().empty()) {
    source = args.positional()[0];
  } else if (auto good = manager.newestGood()) {
    source = *good;
  } else {
    std::cerr << "partsmith-cli db restore: no good backup in " << manager.directory()
              << "; name one explicitly: partsmith-cli db restore FILE\n";
    return 1;
  }
  std::cout << manager.restore(source) << "\n";
  return 0;
}

int exportTraining(const std::string& path, const CliArgs& args) {
  store::TrainingExportOptions options;
  const std::string format = args.value("--format", "alpaca");
  if (format == "alpaca") options.format = store::TrainingFormat::Alpaca;
  else if (format == "sharegpt") options.format = store::TrainingFormat::ShareGpt;
  else throw UsageError("--format must be alpaca or sharegpt, not '" + format + "'");
  options.includeRepairs = !args.has("--no-repairs");
  options.includeExamples = !args.has("--no-examples");
  if (args.has("--system")) options.system = readTextFile(args.value("--system"));
  if (args.has("--category")) options.category = args.value("--category");
  store::StoreOptions storeOptions = existingOnly();
  store::Store s(path, storeOptions);
  store::TrainingExportReport report;
  if (args.has("--out")) {
    const std::string out = args.value("--out");
    const std::string tmp = out + ".tmp";
    {
      std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
      if (!file) throw std::runtime_error("cannot write " + tmp);
      report = store::exportTraining(s.db(), file, options);
      file.flush();
      if (!file) throw std::runtime_error("writing " + tmp + " failed (disk full?)");
    }
    fs::rename(tmp, out);
    std::cerr << "wrote " << out << ": ";
  } else {
    report = store::exportTraining(s.db(), std::cout, options);
  }
  std::cerr << report.examples << " examples (" << report.withToolCalls << " with tool calls), " << report.repairs
            << " repair traces, " << format << " layout\n";
  return 0;
}

int importExamples(const std::string& path, const CliArgs& args) {
  if (args.positional().size() != 1) throw UsageError("import-examples needs one folder: import-examples DIR");
  const std::string dir = args.positional()[0];
  store::Store s(path);
  std::error_code ec;
  const bool shipped = fs::equivalent(dir, store::defaultExamplesDir(), ec);
  if (s.openReport().created)
    std::cout << "created " << path << " (" << s.openReport().examplesSeeded << " seed examples)\n";
  store::ImportReport report = s.library().importDirectory(dir, shipped ? "seed" : "imported");
  std::cout << dir << ": " << report.added << " added, " << report.updated << " updated, " << report.unchanged
            << " unchanged";
  if (!report.errors.empty()) std::cout << ", " << report.errors.size() << " skipped";
  std::cout << "\n";
  for (const auto& e : report.errors) std::cout << "  skipped " << e << "\n";
  return report.errors.empty() ? 0 : 1;
}

int bench(const CliArgs& args) {
  auto number = [&](const char* flag, int fallback) {
    if (!args.has(flag)) return fallback;
    try {
      int v = std::stoi(args.value(flag));
      if (v < 1) throw std::invalid_argument("");
      return v;
    } catch (const std::exception&) {
      throw UsageError(std::string(flag) + " needs a positive whole number");
    }
  };
  store::StoreBenchmarkOptions options;
  options.conversations = number("--conversations", 10000);
  int messages = number("--messages", 100000);
  options.messagesPerConversation = std::max(1, messages / options.conversations);
  options.runs = number("--runs", 200);
  fs::path scratchDir;
  if (args.has("--keep")) {
    options.path = args.value("--keep");
  } else {
    scratchDir = fs::temp_directory_path() / ("partsmith-db-bench-" + std::to_string(getpid()));
    fs::create_directories(scratchDir);
    options.path = (scratchDir / "bench.db").string();
  }
  std::cerr << "filling " << options.path << " with " << options.conversations << " conversations × "
            << options.messagesPerConversation << " messages…\n";
  json report;
  try {
    report = store::runStoreBenchmark(options);
  } catch (...) {
    if (!scratchDir.empty()) fs::remove_all(scratchDir);
    throw;
  }
  if (!scratchDir.empty()) fs::remove_all(scratchDir);
  report["machine"] = machineDescription();
  if (args.has("--json")) {
    std::cout << report.dump(2) << "\n";
  } else {
    const json& p = report["population"];
    std::printf("machine: %s\n", report["machine"].get<std::string>().c_str());
    std::printf("database: %lld conversations, %lld messages, %lld library examples, %.1f MB "
                "(filled in %.1f s + %.1f s)\n",
                static_cast<long long>(p["conversations"].get<int64_t>()),
                static_cast<long long>(p["messages"].get<int64_t>()),
                static_cast<long long>(p["library_examples"].get<int64_t>()),
                p["file_bytes"].get<double>() / 1e6, p["fill_conversations_s"].get<double>(),
                p["fill_library_s"].get<double>());
    std::printf("%-50s %8s %8s %8s %6s %s\n", "query", "p50 ms", "p95 ms", "max ms", "goal", "");
    for (const auto& q : report["queries"])
      std::printf("%-50s %8.3f %8.3f %8.3f %6.0f %s\n", q["name"].get<std::string>().c_str(), q["p50_ms"].get<double>(),
                  q["p95_ms"].get<double>(), q["max_ms"].get<double>(), q["goal_ms"].get<double>(),
                  q["ok"].get<bool>() ? "ok" : "MISSED");
  }
  bool allOk = true;
  for (const auto& q : report["queries"]) allOk = allOk && q["ok"].get<bool>();
  return allOk ? 0 : 1;
}

}  // namespace

int dbCommand(const std::vector<std::string>& rawArgs) {
  CliArgs args(rawArgs, kValueFlags, kSwitches);
  if (args.has("--help") || args.positional().empty()) {
    std::cout << kDbUsage;
    return args.has("--help") ? 0 : 2;
  }
  const std::string sub = args.positional()[0];
  // Re-read the arguments without the subcommand so each handler sees its own positionals.
  std::vector<std::string> forwarded;
  bool dropped = false;
  for (size_t i = 0; i < rawArgs.size(); ++i) {
    const std::string& a = rawArgs[i];
    const bool takesValue = std::find(kValueFlags.begin(), kValueFlags.end(), a) != kValueFlags.end();
    if (!dropped && a == sub) {
      dropped = true;
      continue;
    }
    forwarded.push_back(a);
    if (takesValue && i + 1 < rawArgs.size()) forwarded.push_back(rawArgs[++i]);
  }
  CliArgs subArgs(forwarded, kValueFlags, kSwitches);
  const std::string path = args.value("--db", store::defaultDatabasePath());
  auto noPositionals = [&] {
    if (!subArgs.positional().empty()) throw UsageError(sub + " takes no argument '" + subArgs.positional()[0] + "'");
  };
  try {
    if (sub == "stats") return noPositionals(), stats(path, subArgs);
    if (sub == "check") return noPositionals(), check(path);
    if (sub == "backup") return noPositionals(), backup(path, subArgs);
    if (sub == "restore") return restore(path, subArgs);
    if (sub == "export-training") return noPositionals(), exportTraining(path, subArgs);
    if (sub == "import-examples") return importExamples(path, subArgs);
    if (sub == "bench") return noPositionals(), bench(subArgs);
  } catch (const store::StoreError& e) {
    std::cerr << "partsmith-cli db " << sub << ": " << e.what() << "\n";
    return 1;
  }
  throw UsageError("unknown subcommand '" + sub + "'\n" + kDbUsage);
}

}  // namespace partsmith::cli
