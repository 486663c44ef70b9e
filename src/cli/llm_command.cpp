#include "cli/llm_command.h"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "cli/cli_args.h"
#include "llm/base64.h"
#include "llm/llm_error.h"
#include "llm/llm_settings.h"
#include "llm/provider_factory.h"
#include "llm/redaction.h"
#include "llm/secret_store.h"
#include "llm/server_profile.h"
#include "llm/stream_replay.h"

namespace partsmith::cli {

namespace {

using nlohmann::json;
namespace llm = partsmith::llm;

const char* kLlmUsage =
    "usage: partsmith-cli llm chat [--provider ID] [--model M] [--system TEXT] [--max-tokens N]\n"
    "                              [--temperature T] [--image FILE.png]... [--json] \"prompt\"\n"
    "       partsmith-cli llm replay --format anthropic|openai [--profile P] FILE\n"
    "       partsmith-cli llm models [--provider ID] [--json]\n"
    "common: [--settings PATH] [--base-url URL] [--kind anthropic|openai] [--profile P]\n";

std::atomic<bool> g_interrupted{false};

void onInterrupt(int) { g_interrupted = true; }

struct Resolved {
  llm::ProviderConfig config;
  std::string model;
};

bool hasKeyOrLocal(const llm::ProviderConfig& c, const llm::SecretStore& secrets) {
  return c.isLocal() || secrets.apiKey(c).has_value();
}

// --provider, else the code stage's provider when usable, else the first provider with a key,
// else a local Ollama when one answers.
Resolved resolveProvider(const CliArgs& a, const llm::LlmSettings& settings, const llm::SecretStore& secrets) {
  Resolved r;
  const std::string wanted = a.value("--provider");
  if (!wanted.empty()) {
    const llm::ProviderConfig* c = settings.provider(wanted);
    if (!c) {
      // A profile name works without settings: --provider ollama, --provider llamacpp.
      bool known = wanted == "anthropic";
      for (const std::string& p : llm::serverProfileNames()) known = known || p == wanted;
      if (!known) throw UsageError("no provider '" + wanted + "' in the settings");
      r.config = wanted == "anthropic" ? llm::ProviderConfig::anthropic() : llm::ProviderConfig::openAiCompatible(wanted);
    } else {
      r.config = *c;
    }
  } else if (a.has("--base-url")) {
    r.config = a.value("--kind", "openai") == "anthropic" ? llm::ProviderConfig::anthropic()
                                                          : llm::ProviderConfig::openAiCompatible(a.value("--profile", "generic"));
  } else {
    auto code = settings.stage("code");
    const llm::ProviderConfig* c = code ? settings.provider(code->provider) : nullptr;
    if (c && hasKeyOrLocal(*c, secrets) && !c->isLocal()) {
      r.config = *c;
      r.model = code->model;
    } else {
      bool found = false;
      for (const auto& p : settings.providers) {
        if (!p.isLocal() && secrets.apiKey(p)) {
          r.config = p;
          found = true;
          break;
        }
      }
      if (!found) {
        if (!settings.autoDetectOllama || !llm::detectOllama(*llm::HttpTransport::shared()))
          throw UsageError("no provider is usable: set ANTHROPIC_API_KEY, OPENAI_API_KEY or OPENROUTER_API_KEY, "
                           "start Ollama on 127.0.0.1:11434, or pass --provider/--base-url");
        r.config = settings.provider("ollama") ? *settings.provider("ollama") : llm::ProviderConfig::openAiCompatible("ollama");
      }
    }
  }
  if (a.has("--base-url")) r.config.baseUrl = a.value("--base-url");
  if (a.has("--profile") && r.config.kind == "openai") r.config.profile = a.value("--profile");
  if (a.has("--model")) r.model = a.value("--model");
  if (r.model.empty()) {
    for (const char* stage : {"code", "spec", "review", "vision"}) {
      auto s = settings.stage(stage);
      if (s && s->provider == r.config.id && !s->model.empty()) {
        r.model = s->model;
        break;
      }
    }
  }
  if (r.model.empty()) r.model = r.config.defaultModel;
  return r;
}

std::string readBinary(const std::string& path) { return readTextFile(path); }


std::string mediaTypeOf(const std::string& path) {
  auto ends = [&](const char* ext) {
    const std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".png")) return "image/png";
  if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
  if (ends(".webp")) return "image/webp";
  if (ends(".gif")) return "image/gif";
  throw UsageError("--image " + path + ": use a PNG, JPEG, WebP or GIF file");
}

llm::LlmSettings loadSettings(const CliArgs& a) {
  const std::string path = a.value("--settings", llm::LlmSettings::defaultPath());
  try {
    return llm::LlmSettings::load(path);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
}

std::string usageLine(const llm::StreamOutcome& out) {
  const llm::Usage& u = out.message.usage;
  std::ostringstream s;
  const bool cancelled = out.message.error && out.message.error->kind == llm::ErrorKind::Cancelled;
  s << "[" << (out.message.finishReason ? llm::finishReasonName(*out.message.finishReason) : cancelled ? "cancelled" : "error");
  if (u.reported) {
    s << " · in " << u.inputTokens;
    if (u.cacheReadTokens || u.cacheWriteTokens) s << " (cache read " << u.cacheReadTokens << ", write " << u.cacheWriteTokens << ")";
    s << " · out " << u.outputTokens;
    if (u.reasoningTokens) s << " (reasoning " << u.reasoningTokens << ")";
  }
  if (out.costUsd) {
    char cost[32];
    std::snprintf(cost, sizeof cost, "$%.5f", *out.costUsd);
    s << " · " << cost;
  } else if (u.reported) {
    s << " · cost unknown";
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f s", out.elapsedMs / 1000.0);
  s << " · " << secs;
  if (out.attempts > 1) s << " · " << out.attempts << " attempts";
  s << "]";
  return s.str();
}

int chat(const std::vector<std::string>& args) {
  CliArgs a(args, {"--provider", "--model", "--system", "--max-tokens", "--temperature", "--image", "--settings", "--base-url", "--kind", "--profile"},
            {"--json"});
  if (a.positional().size() != 1) throw UsageError("chat needs exactly one prompt\n" + std::string(kLlmUsage));
  llm::LlmSettings settings = loadSettings(a);
  llm::EnvironmentSecretStore secrets;
  Resolved r = resolveProvider(a, settings, secrets);
  if (r.model.empty()) throw UsageError("no model for provider '" + r.config.id + "': pass --model");

  llm::ChatRequest request;
  request.model = r.model;
  request.system = a.value("--system");
  try {
    request.maxTokens = std::stoi(a.value("--max-tokens", "4096"));
    if (a.has("--temperature")) request.temperature = std::stod(a.value("--temperature"));
  } catch (const std::exception&) {
    throw UsageError("--max-tokens takes an integer and --temperature a number");
  }
  llm::Message user;
  for (const std::string& image : a.values("--image"))
    user.content.push_back(llm::ContentBlock::makeImage(mediaTypeOf(image), llm::base64Encode(readBinary(image))));
  user.content.push_back(llm::ContentBlock::makeText(a.positional()[0]));
  request.messages = {user};

  auto provider = llm::createProvider(r.config, secrets, nullptr, llm::loadPrices(settings));
  const bool asJson = a.has("--json");
  const bool dim = isatty(STDERR_FILENO);
  json events = json::array();
  bool inReasoning = false;
  auto onEvent = [&](const llm::StreamEvent& e) {
    if (asJson) {
      events.push_back(e.toJson());
      return;
    }
    switch (e.type) {
      case llm::EventType::TextDelta:
        if (inReasoning) std::cerr << (dim ? "\033[0m\n" : "\n");
        inReasoning = false;
        std::cout << e.text << std::flush;
        break;
      case llm::EventType::ReasoningDelta:
        if (!inReasoning) std::cerr << (dim ? "\033[2m" : "") << "thinking: ";
        inReasoning = true;
        std::cerr << e.text << std::flush;
        break;
      case llm::EventType::ToolCallEnd:
        std::cerr << "\n[tool call " << e.name << " " << (e.argumentsValid ? e.arguments.dump() : "(invalid arguments: " + e.text + ")") << "]\n";
        break;
      case llm::EventType::Retry: std::cerr << "\n" << e.retryMessage() << "\n"; break;
      case llm::EventType::Error:
        if (e.error.kind != llm::ErrorKind::Cancelled) std::cerr << "\nerror: " << e.error.userMessage() << "\n";
        break;
      default: break;
    }
  };
  std::cerr << "[" << provider->displayName() << " · " << r.model << "]\n";
  g_interrupted = false;
  auto previous = std::signal(SIGINT, onInterrupt);
  auto handle = provider->startStream(request, onEvent);
  while (!handle->waitFor(std::chrono::milliseconds(50))) {
    if (g_interrupted) {
      handle->cancel();
      std::cerr << "\n[cancelled]\n";
      break;
    }
  }
  llm::StreamOutcome out = handle->wait();
  std::signal(SIGINT, previous);
  if (inReasoning && dim) std::cerr << "\033[0m";
  if (asJson) {
    json j = {{"provider", r.config.id}, {"model", r.model}, {"events", events}, {"message", out.message.toJson()},
              {"attempts", out.attempts}, {"elapsed_ms", out.elapsedMs}, {"request_id", out.requestId}};
    j["cost_usd"] = out.costUsd ? json(*out.costUsd) : json(nullptr);
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "\n";
    std::cerr << usageLine(out) << "\n";
  }
  return out.ok() ? 0 : 1;
}

int replay(const std::vector<std::string>& args) {
  CliArgs a(args, {"--format", "--profile", "--chunk"}, {});
  if (a.positional().size() != 1) throw UsageError("replay needs one FILE\n" + std::string(kLlmUsage));
  const std::string format = a.value("--format");
  if (format != "anthropic" && format != "openai") throw UsageError("--format must be anthropic or openai");
  size_t chunk = 0;
  try {
    chunk = static_cast<size_t>(std::stoul(a.value("--chunk", "0")));
  } catch (const std::exception&) {
    throw UsageError("--chunk takes a byte count");
  }
  const std::string body = readTextFile(a.positional()[0]);
  llm::ReplayResult r = llm::replaySse(body, format, a.value("--profile", "generic"), chunk);
  std::cout << r.toJson().dump(2) << "\n";
  return 0;
}

int models(const std::vector<std::string>& args) {
  CliArgs a(args, {"--provider", "--settings", "--base-url", "--kind", "--profile"}, {"--json"});
  if (!a.positional().empty()) throw UsageError("models takes no positional arguments\n" + std::string(kLlmUsage));
  llm::LlmSettings settings = loadSettings(a);
  llm::EnvironmentSecretStore secrets;
  Resolved r = resolveProvider(a, settings, secrets);
  auto provider = llm::createProvider(r.config, secrets);
  std::vector<llm::ModelInfo> list = provider->listModels();
  if (a.has("--json")) {
    json j = json::array();
    for (const auto& m : list) j.push_back({{"id", m.id}, {"display_name", m.displayName}, {"created", m.createdAt}, {"owned_by", m.ownedBy}});
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& m : list) std::cout << m.id << (m.displayName != m.id ? "\t" + m.displayName : "") << "\n";
  }
  return 0;
}

}  // namespace

int llmCommand(const std::vector<std::string>& args) {
  // The commands report errors and retries themselves; the log repeats them only on request.
  if (!std::getenv("PARTSMITH_LLM_LOG")) llm::logger()->set_level(spdlog::level::off);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << kLlmUsage;
    return args.empty() ? 2 : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (args[0] == "chat") return chat(rest);
    if (args[0] == "replay") return replay(rest);
    if (args[0] == "models") return models(rest);
  } catch (const llm::LlmException& e) {
    std::cerr << "partsmith-cli llm " << args[0] << ": " << e.what() << "\n";
    return 1;
  }
  throw UsageError("unknown llm subcommand '" + args[0] + "'\n" + kLlmUsage);
}

}  // namespace partsmith::cli
