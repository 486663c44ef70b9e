#include "app/app_settings.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

#include "llm/keyring/keyring_secret_store.h"
#include "llm/secret_store.h"

namespace partsmith::app {

namespace {

QPalette darkPalette() {
  QPalette p;
  const QColor window(37, 40, 46), base(28, 30, 35), text(225, 228, 233), disabled(120, 124, 132), accent(64, 128, 214);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, disabled);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(48, 52, 59));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(255, 90, 90));
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(110, 170, 255));
  p.setColor(QPalette::Light, QColor(70, 74, 82));
  p.setColor(QPalette::Midlight, QColor(58, 62, 70));
  p.setColor(QPalette::Mid, QColor(44, 47, 53));
  p.setColor(QPalette::Dark, QColor(20, 22, 26));
  p.setColor(QPalette::Shadow, Qt::black);
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabled);
  return p;
}

}  // namespace

std::unique_ptr<QSettings> openInterfaceSettings(const QString& iniPath) {
  if (iniPath.isEmpty()) return std::make_unique<QSettings>();
  return std::make_unique<QSettings>(iniPath, QSettings::IniFormat);
}

QString themeName(Theme theme) {
  switch (theme) {
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    default: return QStringLiteral("system");
  }
}

Theme themeFromName(const QString& name) {
  if (name == QLatin1String("light")) return Theme::Light;
  if (name == QLatin1String("dark")) return Theme::Dark;
  return Theme::System;
}

void applyTheme(Theme theme) {
  // What the platform gave us, remembered before the first change so System can go back.
  static const QString systemStyle = QApplication::style()->name();
  static const QPalette systemPalette = QApplication::palette();
  if (theme == Theme::System) {
    QApplication::setStyle(QStyleFactory::create(systemStyle));
    QApplication::setPalette(systemPalette);
    return;
  }
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QApplication::setPalette(theme == Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

AppSettingsStore::AppSettingsStore(SettingsLocation location)
    : m_location(std::move(location)),
      m_keyring(std::make_shared<llm::KeyringSecretStore>(m_location.keyringService.toStdString())) {
  m_secrets = std::make_shared<llm::ChainedSecretStore>(
      std::vector<std::shared_ptr<llm::SecretStore>>{m_keyring, std::make_shared<llm::EnvironmentSecretStore>()});
}

AppSettingsStore::~AppSettingsStore() = default;

QString AppSettingsStore::llmSettingsPath() const {
  return m_location.llmSettingsPath.isEmpty() ? QString::fromStdString(llm::LlmSettings::defaultPath())
                                              : m_location.llmSettingsPath;
}

AppSettings AppSettingsStore::load() const {
  AppSettings s;
  s.llm = llm::LlmSettings::load(llmSettingsPath().toStdString());
  auto q = openInterfaceSettings(m_location.iniPath);
  agent::PipelineSettings& p = s.pipeline;
  p.specEnabled = q->value("pipeline/spec", p.specEnabled).toBool();
  p.researchEnabled = q->value("pipeline/research", p.researchEnabled).toBool();
  p.evaluateEnabled = q->value("pipeline/evaluate", p.evaluateEnabled).toBool();
  p.reviewEnabled = q->value("pipeline/review", p.reviewEnabled).toBool();
  p.visualEnabled = q->value("pipeline/visual", p.visualEnabled).toBool();
  p.decompose.enabled = q->value("pipeline/decompose", p.decompose.enabled).toBool();
  p.fewShotCount = std::clamp(q->value("pipeline/fewShot", p.fewShotCount).toInt(), 0, 12);
  p.budget.maxSteps = std::max(1, q->value("budget/steps", p.budget.maxSteps).toInt());
  p.budget.maxSeconds = std::max(10.0, q->value("budget/minutes", p.budget.maxSeconds / 60.0).toDouble() * 60.0);
  p.budget.maxCostUsd = std::max(0.0, q->value("budget/dollars", p.budget.maxCostUsd).toDouble());
  s.theme = themeFromName(q->value("appearance/theme", "system").toString());
  return s;
}

void AppSettingsStore::save(const AppSettings& s) const {
  s.llm.save(llmSettingsPath().toStdString());
  auto q = openInterfaceSettings(m_location.iniPath);
  const agent::PipelineSettings& p = s.pipeline;
  q->setValue("pipeline/spec", p.specEnabled);
  q->setValue("pipeline/research", p.researchEnabled);
  q->setValue("pipeline/evaluate", p.evaluateEnabled);
  q->setValue("pipeline/review", p.reviewEnabled);
  q->setValue("pipeline/visual", p.visualEnabled);
  q->setValue("pipeline/decompose", p.decompose.enabled);
  q->setValue("pipeline/fewShot", p.fewShotCount);
  q->setValue("budget/steps", p.budget.maxSteps);
  q->setValue("budget/minutes", p.budget.maxSeconds / 60.0);
  q->setValue("budget/dollars", p.budget.maxCostUsd);
  q->setValue("appearance/theme", themeName(s.theme));
  q->sync();
  if (q->status() != QSettings::NoError)
    throw std::runtime_error("cannot write the settings to " + q->fileName().toStdString());
}

std::shared_ptr<const llm::SecretStore> AppSettingsStore::secrets() const { return m_secrets; }

bool AppSettingsStore::hasStoredKey(const std::string& providerId) const {
  llm::ProviderConfig probe;
  probe.id = providerId;
  return m_keyring->apiKey(probe).has_value();
}

std::string AppSettingsStore::storeApiKey(const std::string& providerId, const std::string& key) const {
  return m_keyring->storeApiKey(providerId, key);
}

std::string AppSettingsStore::removeApiKey(const std::string& providerId) const {
  return m_keyring->removeApiKey(providerId);
}

agent::ResolvedModels AppSettingsStore::resolveModels(const AppSettings& settings) const {
  return agent::resolveModels(settings.llm, *m_secrets, {});
}

}  // namespace partsmith::app
