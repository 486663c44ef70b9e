// What the app remembers between runs and hands to the generation pipeline: the LLM
// providers and per-stage models (the shared llm settings file the CLI reads too), the
// pipeline's budgets and evaluation switches and the theme (QSettings), and API keys (only
// ever in the system keyring, read back through a SecretStore).
#pragma once
#include <memory>
#include <string>

#include <QString>

#include "agent/model_resolver.h"
#include "agent/pipeline.h"
#include "llm/llm_settings.h"

class QSettings;

namespace partsmith::llm {
class KeyringSecretStore;
class SecretStore;
}  // namespace partsmith::llm

namespace partsmith::app {

enum class Theme { System, Light, Dark };
QString themeName(Theme theme);           // "system", "light", "dark"
Theme themeFromName(const QString& name);  // unknown names: System

// Applies the theme to the whole application: Light and Dark use the Fusion style with a
// matching palette; System restores the style and palette the application started with.
void applyTheme(Theme theme);

struct AppSettings {
  llm::LlmSettings llm = llm::LlmSettings::defaults();
  agent::PipelineSettings pipeline;
  Theme theme = Theme::System;
};

struct SettingsLocation {
  QString llmSettingsPath;                    // empty: llm::LlmSettings::defaultPath()
  QString iniPath;                            // empty: the application's QSettings
  QString keyringService = QStringLiteral("partsmith");
};

// The interface settings (theme, switches, remembered choices): `iniPath`, or the
// application's QSettings when it is empty.
std::unique_ptr<QSettings> openInterfaceSettings(const QString& iniPath);

class AppSettingsStore {
 public:
  explicit AppSettingsStore(SettingsLocation location = {});
  ~AppSettingsStore();

  // Missing files give the defaults. Throws std::runtime_error naming the file when the llm
  // settings file is broken.
  AppSettings load() const;
  // Throws std::runtime_error when the llm settings file cannot be written.
  void save(const AppSettings& settings) const;

  // API keys: the keyring under the location's service name, then the environment.
  std::shared_ptr<const llm::SecretStore> secrets() const;
  bool hasStoredKey(const std::string& providerId) const;
  // Empty on success, else the reason (in the user's terms). Blocking: runs a local event loop.
  std::string storeApiKey(const std::string& providerId, const std::string& key) const;
  std::string removeApiKey(const std::string& providerId) const;

  // The pipeline's stage models from the settings and the stored keys.
  agent::ResolvedModels resolveModels(const AppSettings& settings) const;

  const SettingsLocation& location() const { return m_location; }
  QString llmSettingsPath() const;

 private:
  SettingsLocation m_location;
  std::shared_ptr<llm::KeyringSecretStore> m_keyring;
  std::shared_ptr<const llm::SecretStore> m_secrets;
};

}  // namespace partsmith::app
