#include "cli/cli_args.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace partsmith::cli {

CliArgs::CliArgs(const std::vector<std::string>& args, const std::vector<std::string>& valueFlags,
                 const std::vector<std::string>& switches) {
  auto contains = [](const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
  };
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      m_positional.push_back(arg);
      continue;
    }
    std::string inlineValue;
    bool hasInline = false;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      inlineValue = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      hasInline = true;
    }
    if (contains(switches, arg)) {
      if (hasInline) throw UsageError(arg + " takes no value");
      m_values[arg].push_back("");
    } else if (contains(valueFlags, arg)) {
      if (hasInline) {
        m_values[arg].push_back(inlineValue);
      } else {
        if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
        m_values[arg].push_back(args[++i]);
      }
    } else {
      throw UsageError("unknown option " + arg);
    }
  }
}

bool CliArgs::has(const std::string& flag) const { return m_values.count(flag) > 0; }

std::string CliArgs::value(const std::string& flag, const std::string& fallback) const {
  auto it = m_values.find(flag);
  return it == m_values.end() ? fallback : it->second.back();
}

std::vector<std::string> CliArgs::values(const std::string& flag) const {
  auto it = m_values.find(flag);
  return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::string readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace partsmith::cli
