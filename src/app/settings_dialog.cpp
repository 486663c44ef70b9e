#include "app/settings_dialog.h"

#include <memory>
#include <thread>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include "llm/llm_provider.h"
#include "llm/provider_factory.h"
#include "llm/redaction.h"
#include "llm/secret_store.h"
#include "llm/server_profile.h"

#ifdef PARTSMITH_HAVE_KEYRING
#include <qt6keychain/keychain.h>
#endif

namespace partsmith::app {

namespace {

const char* kStages[] = {"spec", "code", "review", "vision"};
const char* kCompatibleProfiles[] = {"ollama", "llamacpp", "vllm", "lmstudio", "openrouter", "nim", "generic"};
enum KindIndex { KindAnthropic = 0, KindOpenAi = 1, KindCompatible = 2 };

int kindIndexOf(const llm::ProviderConfig& p) {
  if (p.kind == "anthropic") return KindAnthropic;
  return p.profile == "openai" ? KindOpenAi : KindCompatible;
}

// The key for a connection test, found on the GUI thread before the test's thread starts
// (typed in the dialog, or read from the keyring); otherwise the environment's.
class TestKeySecretStore : public llm::SecretStore {
 public:
  explicit TestKeySecretStore(std::string key) : m_key(std::move(key)) {}
  std::optional<std::string> apiKey(const llm::ProviderConfig& provider) const override {
    if (!m_key.empty()) return m_key;
    return m_environment.apiKey(provider);
  }
  std::string name() const override { return "settings dialog"; }

 private:
  std::string m_key;
  llm::EnvironmentSecretStore m_environment;
};

}  // namespace

SettingsDialog::SettingsDialog(const AppSettingsStore& store, QWidget* parent) : QDialog(parent), m_store(store) {
  setWindowTitle(tr("Settings"));
  setObjectName("settingsDialog");
  m_tabs = new QTabWidget(this);
  m_tabs->addTab(buildProvidersTab(), tr("Providers"));
  m_tabs->addTab(buildModelsTab(), tr("Models"));
  m_tabs->addTab(buildGenerationTab(), tr("Generation"));
  m_tabs->addTab(buildAppearanceTab(), tr("Appearance"));
  m_problem = new QLabel(this);
  m_problem->setObjectName("settingsProblem");
  m_problem->setWordWrap(true);
  m_problem->setStyleSheet("color: #b00020;");
  m_problem->hide();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_tabs);
  layout->addWidget(m_problem);
  layout->addWidget(buttons);

  AppSettings loaded;
  try {
    loaded = m_store.load();
  } catch (const std::exception& e) {
    m_problem->setText(tr("The settings file could not be read (%1); Save replaces it.").arg(QString::fromUtf8(e.what())));
    m_problem->show();
  }
  std::vector<std::string> ids;
  for (const auto& p : loaded.llm.providers) ids.push_back(p.id);
  loadInto(loaded);
  checkStoredKeys(ids);
  resize(640, 480);
}

QWidget* SettingsDialog::buildProvidersTab() {
  auto* page = new QWidget(this);
  m_providers = new QListWidget(page);
  m_providers->setObjectName("providerList");
  m_providers->setMaximumWidth(200);
  auto* add = new QPushButton(tr("Add server…"), page);
  add->setToolTip(tr("Add an OpenAI-compatible server, e.g. llama.cpp or vLLM on this machine"));
  auto* remove = new QPushButton(tr("Remove"), page);
  auto* left = new QVBoxLayout();
  left->addWidget(m_providers, 1);
  left->addWidget(add);
  left->addWidget(remove);

  m_kind = new QComboBox(page);
  m_kind->addItems({tr("Anthropic"), tr("OpenAI"), tr("OpenAI-compatible server")});
  m_profile = new QComboBox(page);
  for (const char* name : kCompatibleProfiles)
    m_profile->addItem(QString::fromStdString(llm::serverProfile(name).displayName), QString::fromLatin1(name));
  m_baseUrl = new QLineEdit(page);
  m_baseUrl->setObjectName("baseUrlEdit");
  m_defaultModel = new QLineEdit(page);
  m_apiKey = new QLineEdit(page);
  m_apiKey->setObjectName("apiKeyEdit");
  m_apiKey->setEchoMode(QLineEdit::Password);
  m_keyStatus = new QLabel(page);
  m_keyStatus->setObjectName("keyStatus");
  m_keyStatus->setWordWrap(true);
  m_removeKey = new QPushButton(tr("Remove stored key"), page);
  m_test = new QPushButton(tr("Test connection"), page);
  m_test->setObjectName("testConnection");
  m_testResult = new QLabel(page);
  m_testResult->setObjectName("testResult");
  m_testResult->setWordWrap(true);
  m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* form = new QFormLayout();
  form->addRow(tr("Type"), m_kind);
  form->addRow(tr("Server"), m_profile);
  form->addRow(tr("Base URL"), m_baseUrl);
  form->addRow(tr("Default model"), m_defaultModel);
  form->addRow(tr("API key"), m_apiKey);
  form->addRow(QString(), m_keyStatus);
  auto* keyButtons = new QHBoxLayout();
  keyButtons->addWidget(m_removeKey);
  keyButtons->addWidget(m_test);
  keyButtons->addStretch();
  form->addRow(QString(), keyButtons);
  form->addRow(QString(), m_testResult);

  auto* layout = new QHBoxLayout(page);
  layout->addLayout(left);
  layout->addLayout(form, 1);

  connect(m_providers, &QListWidget::currentRowChanged, this, &SettingsDialog::showProvider);
  connect(add, &QPushButton::clicked, this, [this] {
    int n = 1;
    auto taken = [this](const std::string& id) { return m_llm.provider(id) != nullptr; };
    while (taken("server-" + std::to_string(n))) ++n;
    addProvider(QStringLiteral("server-%1").arg(n), "llamacpp", {});
  });
  connect(remove, &QPushButton::clicked, this, &SettingsDialog::removeSelectedProvider);
  connect(m_removeKey, &QPushButton::clicked, this, &SettingsDialog::removeStoredKey);
  connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
  connect(m_kind, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    m_profile->setEnabled(m_kind->currentIndex() == KindCompatible);
    storeProviderEdits();
    showProvider(m_shownProvider);
  });
  connect(m_profile, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    storeProviderEdits();
    showProvider(m_shownProvider);
  });
  connect(m_apiKey, &QLineEdit::textEdited, this, [this](const QString& text) {
    if (m_shownProvider < 0) return;
    m_typedKeys[m_llm.providers[m_shownProvider].id] = text.trimmed().toStdString();
    updateKeyStatus();
  });
  return page;
}

QWidget* SettingsDialog::buildModelsTab() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);
  const QString labels[] = {tr("Spec (reads the request)"), tr("Code (writes the script)"), tr("Review (checks the code)"),
                            tr("Vision (looks at renders)")};
  for (int i = 0; i < 4; ++i) {
    auto* provider = new QComboBox(page);
    auto* model = new QComboBox(page);
    model->setEditable(true);
    model->setMinimumWidth(220);
    provider->setObjectName(QStringLiteral("stageProvider_%1").arg(kStages[i]));
    model->setObjectName(QStringLiteral("stageModel_%1").arg(kStages[i]));
    auto* row = new QHBoxLayout();
    row->addWidget(provider);
    row->addWidget(model, 1);
    form->addRow(labels[i], row);
    m_stages[QString::fromLatin1(kStages[i])] = {provider, model};
  }
  return page;
}

QWidget* SettingsDialog::buildGenerationTab() {
  auto* page = new QWidget(this);
  auto* budget = new QGroupBox(tr("Budget per generation"), page);
  auto* budgetForm = new QFormLayout(budget);
  m_steps = new QSpinBox(budget);
  m_steps->setRange(1, 200);
  m_steps->setToolTip(tr("Code-model turns across all tool loops"));
  m_minutes = new QDoubleSpinBox(budget);
  m_minutes->setRange(0.5, 120);
  m_minutes->setDecimals(1);
  m_minutes->setSuffix(tr(" min"));
  m_dollars = new QDoubleSpinBox(budget);
  m_dollars->setRange(0, 100);
  m_dollars->setDecimals(2);
  m_dollars->setPrefix(tr("$ "));
  budgetForm->addRow(tr("Steps"), m_steps);
  budgetForm->addRow(tr("Time"), m_minutes);
  budgetForm->addRow(tr("Cost"), m_dollars);

  auto* checks = new QGroupBox(tr("Stages and evaluation"), page);
  auto* checksForm = new QVBoxLayout(checks);
  const std::pair<const char*, QString> switches[] = {
      {"spec", tr("Write a spec first")},
      {"research", tr("Research similar parts (few-shot examples)")},
      {"evaluate", tr("Evaluate the result")},
      {"review", tr("Code review track")},
      {"visual", tr("Visual track (renders for the vision model)")},
      {"decompose", tr("Split complex requests into components")}};
  for (const auto& [name, label] : switches) {
    auto* box = new QCheckBox(label, checks);
    box->setObjectName(QStringLiteral("switch_%1").arg(name));
    checksForm->addWidget(box);
    m_switches[QString::fromLatin1(name)] = box;
  }
  m_fewShot = new QSpinBox(checks);
  m_fewShot->setRange(0, 12);
  auto* fewShotRow = new QFormLayout();
  fewShotRow->addRow(tr("Few-shot examples"), m_fewShot);
  checksForm->addLayout(fewShotRow);

  auto* layout = new QVBoxLayout(page);
  layout->addWidget(budget);
  layout->addWidget(checks);
  layout->addStretch();
  return page;
}

QWidget* SettingsDialog::buildAppearanceTab() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);
  m_theme = new QComboBox(page);
  m_theme->setObjectName("themeBox");
  m_theme->addItem(tr("Follow the system"), themeName(Theme::System));
  m_theme->addItem(tr("Light"), themeName(Theme::Light));
  m_theme->addItem(tr("Dark"), themeName(Theme::Dark));
  form->addRow(tr("Theme"), m_theme);
  return page;
}

void SettingsDialog::loadInto(const AppSettings& s) {
  m_llm = s.llm;
  refreshProviderList();
  refreshStageProviders();
  for (const char* stage : kStages) {
    const auto assignment = m_llm.stage(stage);
    auto [provider, model] = m_stages[QString::fromLatin1(stage)];
    provider->setCurrentIndex(assignment ? provider->findData(QString::fromStdString(assignment->provider)) : -1);
    model->setCurrentText(assignment ? QString::fromStdString(assignment->model) : QString());
  }
  const agent::PipelineSettings& p = s.pipeline;
  m_steps->setValue(p.budget.maxSteps);
  m_minutes->setValue(p.budget.maxSeconds / 60.0);
  m_dollars->setValue(p.budget.maxCostUsd);
  m_switches["spec"]->setChecked(p.specEnabled);
  m_switches["research"]->setChecked(p.researchEnabled);
  m_switches["evaluate"]->setChecked(p.evaluateEnabled);
  m_switches["review"]->setChecked(p.reviewEnabled);
  m_switches["visual"]->setChecked(p.visualEnabled);
  m_switches["decompose"]->setChecked(p.decompose.enabled);
  m_fewShot->setValue(p.fewShotCount);
  m_theme->setCurrentIndex(m_theme->findData(themeName(s.theme)));
}

void SettingsDialog::refreshProviderList() {
  const QSignalBlocker block(m_providers);
  m_providers->clear();
  for (const auto& p : m_llm.providers) {
    auto* item = new QListWidgetItem(QString::fromStdString(p.displayName() == p.id ? p.id : p.displayName() + " (" + p.id + ")"),
                                     m_providers);
    item->setData(Qt::UserRole, QString::fromStdString(p.id));
  }
  m_shownProvider = -1;
  if (!m_llm.providers.empty()) {
    m_providers->setCurrentRow(0);
    showProvider(0);
  }
}

void SettingsDialog::refreshStageProviders() {
  for (auto& [stage, boxes] : m_stages) {
    QComboBox* box = boxes.first;
    const QString current = box->currentData().toString();
    const QSignalBlocker block(box);
    box->clear();
    for (const auto& p : m_llm.providers) box->addItem(QString::fromStdString(p.id), QString::fromStdString(p.id));
    box->setCurrentIndex(box->findData(current));
  }
}

void SettingsDialog::selectProvider(const QString& id) {
  for (int i = 0; i < m_providers->count(); ++i)
    if (m_providers->item(i)->data(Qt::UserRole).toString() == id) m_providers->setCurrentRow(i);
}

QString SettingsDialog::currentProviderId() const {
  return m_shownProvider < 0 ? QString() : QString::fromStdString(m_llm.providers[m_shownProvider].id);
}

void SettingsDialog::showProvider(int row) {
  if (row != m_shownProvider) storeProviderEdits();
  m_shownProvider = row;
  const bool valid = row >= 0 && row < int(m_llm.providers.size());
  for (QWidget* w : {static_cast<QWidget*>(m_kind), static_cast<QWidget*>(m_baseUrl), static_cast<QWidget*>(m_apiKey),
                     static_cast<QWidget*>(m_test), static_cast<QWidget*>(m_defaultModel)})
    w->setEnabled(valid);
  if (!valid) return;
  const llm::ProviderConfig& p = m_llm.providers[row];
  const QSignalBlocker b1(m_kind), b2(m_profile);
  m_kind->setCurrentIndex(kindIndexOf(p));
  m_profile->setEnabled(kindIndexOf(p) == KindCompatible);
  if (kindIndexOf(p) == KindCompatible) m_profile->setCurrentIndex(m_profile->findData(QString::fromStdString(p.profile)));
  m_baseUrl->setText(QString::fromStdString(p.baseUrl));
  llm::ProviderConfig defaults = p;
  defaults.baseUrl.clear();
  m_baseUrl->setPlaceholderText(QString::fromStdString(defaults.effectiveBaseUrl()));
  m_defaultModel->setText(QString::fromStdString(p.defaultModel));
  const auto typed = m_typedKeys.find(p.id);
  m_apiKey->setText(typed != m_typedKeys.end() ? QString::fromStdString(typed->second) : QString());
  m_testResult->clear();
  updateKeyStatus();
}

void SettingsDialog::storeProviderEdits() {
  if (m_shownProvider < 0 || m_shownProvider >= int(m_llm.providers.size())) return;
  llm::ProviderConfig& p = m_llm.providers[m_shownProvider];
  switch (m_kind->currentIndex()) {
    case KindAnthropic:
      p.kind = "anthropic";
      p.profile.clear();
      break;
    case KindOpenAi:
      p.kind = "openai";
      p.profile = "openai";
      break;
    default:
      p.kind = "openai";
      p.profile = m_profile->currentData().toString().toStdString();
      if (p.profile.empty()) p.profile = "generic";
  }
  p.baseUrl = m_baseUrl->text().trimmed().toStdString();
  while (!p.baseUrl.empty() && p.baseUrl.back() == '/') p.baseUrl.pop_back();
  p.defaultModel = m_defaultModel->text().trimmed().toStdString();
}

void SettingsDialog::checkStoredKeys(const std::vector<std::string>& providerIds) {
#ifdef PARTSMITH_HAVE_KEYRING
  if (!QCoreApplication::instance()) return;
  for (const std::string& id : providerIds) {
    auto* job = new QKeychain::ReadPasswordJob(m_store.location().keyringService);
    job->setAutoDelete(true);
    job->setKey(QString::fromStdString(id));
    m_keyChecking[id] = true;
    ++m_keyChecksPending;
    QPointer<SettingsDialog> self(this);
    connect(job, &QKeychain::Job::finished, this, [self, job, id] {
      if (!self) return;
      // Only whether one is there: the key itself is read again when it is needed.
      const bool present = job->error() == QKeychain::NoError && !job->textData().trimmed().isEmpty();
      self->m_storedKeys[id] = self->m_storedKeys[id] || present;
      self->m_keyChecking.erase(id);
      self->updateKeyStatus();
      if (--self->m_keyChecksPending == 0) emit self->storedKeysChecked();
    });
    job->start();
  }
  updateKeyStatus();
#else
  for (const std::string& id : providerIds) m_storedKeys[id] = m_store.hasStoredKey(id);
  updateKeyStatus();
#endif
}

void SettingsDialog::updateKeyStatus() {
  if (m_shownProvider < 0) return;
  const llm::ProviderConfig& p = m_llm.providers[m_shownProvider];
  const bool needsKey = p.kind == "anthropic" || llm::serverProfile(p.profile).requiresKey;
  const auto typed = m_typedKeys.find(p.id);
  const bool stored = m_storedKeys[p.id] && !m_removeKeys[p.id];
  const bool checking = m_keyChecking.count(p.id) > 0;
  QString status;
  if (typed != m_typedKeys.end() && !typed->second.empty())
    status = tr("A new key will be stored in the system keyring on Save.");
  else if (checking && !m_removeKeys[p.id])
    status = tr("Checking the system keyring for a stored key… (it may ask for its password)");
  else if (stored)
    status = tr("A key is stored in the system keyring (hidden). Type a new one to replace it.");
  else if (m_removeKeys[p.id])
    status = tr("The stored key will be removed on Save.");
  else if (needsKey)
    status = tr("No key stored. Paste the provider's API key, or set %1.").arg(QString::fromStdString(p.effectiveKeyEnv()));
  else
    status = tr("This server needs no key (leave empty unless it asks for one).");
  m_keyStatus->setText(status);
  m_apiKey->setPlaceholderText(stored ? QStringLiteral("••••••••••••") : tr("API key"));
  m_removeKey->setEnabled(stored);
}

void SettingsDialog::addProvider(const QString& id, const QString& profile, const QString& baseUrl) {
  storeProviderEdits();
  llm::ProviderConfig p = llm::ProviderConfig::openAiCompatible(profile.toStdString(), id.toStdString());
  p.baseUrl = baseUrl.trimmed().toStdString();
  m_llm.providers.push_back(p);
  m_storedKeys[p.id] = false;
  refreshProviderList();
  refreshStageProviders();
  selectProvider(id);
}

void SettingsDialog::removeSelectedProvider() {
  if (m_shownProvider < 0) return;
  const std::string id = m_llm.providers[m_shownProvider].id;
  if (m_storedKeys[id]) m_removeKeys[id] = true;
  m_typedKeys.erase(id);
  m_llm.providers.erase(m_llm.providers.begin() + m_shownProvider);
  for (auto it = m_llm.stages.begin(); it != m_llm.stages.end();)
    it = it->second.provider == id ? m_llm.stages.erase(it) : std::next(it);
  m_shownProvider = -1;
  refreshProviderList();
  refreshStageProviders();
}

void SettingsDialog::removeStoredKey() {
  if (m_shownProvider < 0) return;
  const std::string id = m_llm.providers[m_shownProvider].id;
  m_removeKeys[id] = true;
  m_typedKeys.erase(id);
  m_apiKey->clear();
  updateKeyStatus();
}

void SettingsDialog::testConnection() {
  storeProviderEdits();
  if (m_shownProvider < 0) return;
  llm::ProviderConfig config = m_llm.providers[m_shownProvider];
  // A test should answer quickly, whatever the provider's generation timeouts are.
  config.connectTimeoutMs = std::min(config.connectTimeoutMs, 5000);
  config.idleTimeoutMs = std::min(config.idleTimeoutMs, 15000);
  config.totalTimeoutMs = std::min(config.totalTimeoutMs, 20000);
  config.maxRetries = 0;
  const int serial = ++m_testSerial;
  m_test->setEnabled(false);
  m_testResult->setStyleSheet({});
  m_testResult->setText(tr("Connecting to %1…").arg(QString::fromStdString(config.effectiveBaseUrl())));
  const auto typed = m_typedKeys.find(config.id);
  const std::string typedKey = typed != m_typedKeys.end() ? typed->second : std::string();
  const bool stored = m_storedKeys[config.id] && !m_removeKeys[config.id];
#ifdef PARTSMITH_HAVE_KEYRING
  const bool checking = m_keyChecking.count(config.id) > 0;
  if (typedKey.empty() && (stored || checking)) {
    // qtkeychain's jobs belong to the GUI thread (they are QObjects driven by its event loop);
    // read the stored key here without waiting, and start the test when it arrives.
    auto* job = new QKeychain::ReadPasswordJob(m_store.location().keyringService);
    job->setAutoDelete(true);
    job->setKey(QString::fromStdString(config.id));
    QPointer<SettingsDialog> self(this);
    connect(job, &QKeychain::Job::finished, this, [self, job, serial, config] {
      if (!self || serial != self->m_testSerial) return;
      const std::string key = job->error() == QKeychain::NoError ? job->textData().trimmed().toStdString() : std::string();
      self->startConnectionTest(serial, config, key);
    });
    job->start();
    return;
  }
#endif
  (void)stored;
  startConnectionTest(serial, config, typedKey);
}

void SettingsDialog::startConnectionTest(int serial, const llm::ProviderConfig& config, const std::string& key) {
  if (!key.empty()) llm::registerSecret(key);  // never in a log
  auto secrets = std::make_shared<TestKeySecretStore>(key);
  QPointer<SettingsDialog> self(this);
  // The network call never runs on the GUI thread; the answer comes back through the event loop.
  std::thread([self, serial, config, secrets] {
    bool ok = false;
    QString message;
    QStringList models;
    try {
      auto provider = llm::createProvider(config, *secrets);
      for (const auto& m : provider->listModels()) models << QString::fromStdString(m.id);
      ok = true;
      const QString name = QString::fromStdString(config.displayName());
      message = models.size() == 1 ? QObject::tr("Connected to %1: 1 model available.").arg(name)
                                   : QObject::tr("Connected to %1: %2 models available.").arg(name).arg(models.size());
    } catch (const std::exception& e) {
      message = QObject::tr("Could not connect to %1: %2").arg(QString::fromStdString(config.displayName()), QString::fromUtf8(e.what()));
    }
    QMetaObject::invokeMethod(qApp, [self, serial, ok, message, models, id = QString::fromStdString(config.id)] {
      if (!self) return;
      if (serial == self->m_testSerial) {
        self->m_test->setEnabled(true);
        self->m_testResult->setStyleSheet(ok ? "color: #1b7f3b;" : "color: #b00020;");
        self->m_testResult->setText(message);
        if (ok)
          for (auto& [stage, boxes] : self->m_stages)
            if (boxes.first->currentData().toString() == id)
              for (const QString& model : models)
                if (boxes.second->findText(model) < 0) boxes.second->addItem(model);
      }
      emit self->connectionTested(id, ok, message);
    }, Qt::QueuedConnection);
  }).detach();
}

QComboBox* SettingsDialog::stageProviderBox(const QString& stage) const {
  auto it = m_stages.find(stage);
  return it == m_stages.end() ? nullptr : it->second.first;
}

QComboBox* SettingsDialog::stageModelBox(const QString& stage) const {
  auto it = m_stages.find(stage);
  return it == m_stages.end() ? nullptr : it->second.second;
}

QCheckBox* SettingsDialog::switchBox(const QString& name) const {
  auto it = m_switches.find(name);
  return it == m_switches.end() ? nullptr : it->second;
}

AppSettings SettingsDialog::settings() const {
  const_cast<SettingsDialog*>(this)->storeProviderEdits();
  AppSettings s;
  s.llm = m_llm;
  for (const auto& [stage, boxes] : m_stages) {
    const std::string provider = boxes.first->currentData().toString().toStdString();
    const std::string model = boxes.second->currentText().trimmed().toStdString();
    if (provider.empty() || model.empty())
      s.llm.stages.erase(stage.toStdString());
    else
      s.llm.stages[stage.toStdString()] = {provider, model};
  }
  agent::PipelineSettings& p = s.pipeline;
  p.budget.maxSteps = m_steps->value();
  p.budget.maxSeconds = m_minutes->value() * 60.0;
  p.budget.maxCostUsd = m_dollars->value();
  p.specEnabled = m_switches.at("spec")->isChecked();
  p.researchEnabled = m_switches.at("research")->isChecked();
  p.evaluateEnabled = m_switches.at("evaluate")->isChecked();
  p.reviewEnabled = m_switches.at("review")->isChecked();
  p.visualEnabled = m_switches.at("visual")->isChecked();
  p.decompose.enabled = m_switches.at("decompose")->isChecked();
  p.fewShotCount = m_fewShot->value();
  s.theme = themeFromName(m_theme->currentData().toString());
  return s;
}

bool SettingsDialog::save() {
  const AppSettings s = settings();
  QStringList problems;
  try {
    m_store.save(s);
  } catch (const std::exception& e) {
    problems << QString::fromUtf8(e.what());
  }
  for (const auto& [id, remove] : m_removeKeys) {
    if (!remove) continue;
    const std::string error = m_store.removeApiKey(id);
    if (error.empty()) m_storedKeys[id] = false;
    else problems << QString::fromStdString(error);
  }
  m_removeKeys.clear();
  for (auto it = m_typedKeys.begin(); it != m_typedKeys.end();) {
    if (it->second.empty()) {
      it = m_typedKeys.erase(it);
      continue;
    }
    const std::string error = m_store.storeApiKey(it->first, it->second);
    if (!error.empty()) {
      problems << QString::fromStdString(error);  // names the provider, never the key
      ++it;
      continue;
    }
    m_storedKeys[it->first] = true;
    it = m_typedKeys.erase(it);
  }
  applyTheme(s.theme);
  if (m_shownProvider >= 0) {
    m_apiKey->clear();
    updateKeyStatus();
  }
  m_error = problems.join('\n');
  m_problem->setText(m_error);
  m_problem->setVisible(!m_error.isEmpty());
  if (m_error.isEmpty()) emit saved();
  return m_error.isEmpty();
}

QString SettingsDialog::errorText() const { return m_error; }

void SettingsDialog::accept() {
  if (save()) QDialog::accept();
}

}  // namespace partsmith::app
