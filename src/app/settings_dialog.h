// Settings: providers (Anthropic, OpenAI, OpenAI-compatible servers such as Ollama or
// llama.cpp) with base URLs and API keys, a connection test that runs off the GUI thread,
// per-stage models, the generation budget, evaluation switches and the theme.
// Keys go to the system keyring only (never QSettings, never the log); a stored key shows as
// present but masked, and typing a new one replaces it on Save.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <QDialog>

#include "app/app_settings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace partsmith::app {

class SettingsDialog : public QDialog {
  Q_OBJECT
 public:
  // Loads the settings from `store` (which must outlive the dialog). A broken settings file is
  // reported in the dialog and replaced on Save. Which providers have a stored key is asked of
  // the keyring without waiting: a locked keyring may prompt for its password meanwhile, and
  // the dialog stays usable ("Checking the system keyring…") until the answers arrive.
  explicit SettingsDialog(const AppSettingsStore& store, QWidget* parent = nullptr);

  // The settings as edited (not yet saved).
  AppSettings settings() const;
  // Writes the settings and the typed keys; applies the theme. False (with the reason shown
  // and in errorText()) when something could not be written.
  bool save();
  QString errorText() const;

  // Providers tab, for scripted use and tests.
  QListWidget* providerList() const { return m_providers; }
  void selectProvider(const QString& id);
  QString currentProviderId() const;
  QComboBox* providerKindBox() const { return m_kind; }
  QLineEdit* baseUrlEdit() const { return m_baseUrl; }
  QLineEdit* apiKeyEdit() const { return m_apiKey; }
  QLabel* keyStatusLabel() const { return m_keyStatus; }
  QPushButton* testButton() const { return m_test; }
  QLabel* testResultLabel() const { return m_testResult; }
  // Adds an OpenAI-compatible provider (e.g. a local llama.cpp server) and selects it.
  void addProvider(const QString& id, const QString& profile, const QString& baseUrl);
  // Starts the connection test of the selected provider (the Test button).
  void testConnection();

  QComboBox* stageProviderBox(const QString& stage) const;
  QComboBox* stageModelBox(const QString& stage) const;
  QSpinBox* stepsBox() const { return m_steps; }
  QDoubleSpinBox* minutesBox() const { return m_minutes; }
  QDoubleSpinBox* dollarsBox() const { return m_dollars; }
  QCheckBox* switchBox(const QString& name) const;  // spec research evaluate review visual decompose
  QSpinBox* fewShotBox() const { return m_fewShot; }
  QComboBox* themeBox() const { return m_theme; }
  // True once the keyring has answered for every provider loaded at the start.
  bool storedKeysKnown() const { return m_keyChecksPending == 0; }

 signals:
  // A connection test ended: ok with the number of models, or the reason it failed.
  void connectionTested(const QString& providerId, bool ok, const QString& message);
  void saved();
  // The keyring answered the start-up question for every provider (storedKeysKnown()).
  void storedKeysChecked();

 private:
  QWidget* buildProvidersTab();
  QWidget* buildModelsTab();
  QWidget* buildGenerationTab();
  QWidget* buildAppearanceTab();
  void loadInto(const AppSettings& settings);
  void showProvider(int row);
  void storeProviderEdits();
  void refreshProviderList();
  void refreshStageProviders();
  void updateKeyStatus();
  void checkStoredKeys(const std::vector<std::string>& providerIds);
  void removeSelectedProvider();
  void removeStoredKey();
  // Runs the connection test on its own thread with `key` (empty: the environment's).
  void startConnectionTest(int serial, const llm::ProviderConfig& config, const std::string& key);
  void accept() override;

  const AppSettingsStore& m_store;
  llm::LlmSettings m_llm;
  std::map<std::string, std::string> m_typedKeys;  // provider id -> key typed, until Save
  std::map<std::string, bool> m_storedKeys;         // provider id -> the keyring has one
  std::map<std::string, bool> m_removeKeys;         // provider id -> remove on Save
  std::map<std::string, bool> m_keyChecking;        // provider id -> the keyring has not answered yet
  int m_keyChecksPending = 0;
  int m_shownProvider = -1;
  int m_testSerial = 0;
  QString m_error;

  QTabWidget* m_tabs = nullptr;
  QListWidget* m_providers = nullptr;
  QComboBox* m_kind = nullptr;
  QComboBox* m_profile = nullptr;
  QLineEdit* m_baseUrl = nullptr;
  QLineEdit* m_defaultModel = nullptr;
  QLineEdit* m_apiKey = nullptr;
  QLabel* m_keyStatus = nullptr;
  QPushButton* m_removeKey = nullptr;
  QPushButton* m_test = nullptr;
  QLabel* m_testResult = nullptr;
  std::map<QString, std::pair<QComboBox*, QComboBox*>> m_stages;
  QSpinBox* m_steps = nullptr;
  QDoubleSpinBox* m_minutes = nullptr;
  QDoubleSpinBox* m_dollars = nullptr;
  std::map<QString, QCheckBox*> m_switches;
  QSpinBox* m_fewShot = nullptr;
  QComboBox* m_theme = nullptr;
  QLabel* m_problem = nullptr;
};

}  // namespace partsmith::app
