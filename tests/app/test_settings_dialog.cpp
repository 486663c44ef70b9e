// The settings dialog with a real Secret Service: a private D-Bus session and gnome-keyring
// (the test's own, under a test service name). Keys land in the keyring and never in the
// settings files; they come back masked; the connection test runs off the GUI thread against
// the LLM test server; the theme changes the application palette.
#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QPushButton>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <sys/types.h>

#include "app/app_settings.h"
#include "app/code_editor.h"
#include "app/js_highlighter.h"
#include "app/settings_dialog.h"
#include "app_test_support.h"
#include "llm_test_server.h"

using namespace partsmith;
using namespace partsmith::app;
using namespace partsmith::app::testing;

namespace {

// The private bus outlives every test (GDBus keeps its connection for the process), so it is
// stopped at exit; stopping the bus ends the keyring daemon with it.
pid_t g_busPid = 0;
std::string g_keyringHome;
void stopPrivateKeyring() {
  if (g_busPid > 0) ::kill(g_busPid, SIGTERM);
  if (!g_keyringHome.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(g_keyringHome, ignored);
  }
}

// A session bus and an unlocked login keyring of our own, so the test never touches the
// user's keyring.
struct PrivateKeyring {
  QTemporaryDir home;
  QProcess bus;
  bool ok = false;
  QString reason;

  PrivateKeyring() {
    home.setAutoRemove(false);  // removed by stopPrivateKeyring at exit
    g_keyringHome = home.path().toStdString();
    std::atexit(stopPrivateKeyring);
    if (QStandardPaths::findExecutable("gnome-keyring-daemon").isEmpty() ||
        QStandardPaths::findExecutable("dbus-daemon").isEmpty()) {
      reason = "gnome-keyring-daemon or dbus-daemon is not installed";
      return;
    }
    bus.start("dbus-daemon", {"--session", "--nofork", "--print-address=1"});
    if (!bus.waitForStarted(5000) || !bus.waitForReadyRead(5000)) {
      reason = "the private D-Bus session did not start";
      return;
    }
    g_busPid = pid_t(bus.processId());
    const QByteArray address = bus.readLine().trimmed();
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("DBUS_SESSION_BUS_ADDRESS", QString::fromUtf8(address));
    env.insert("XDG_DATA_HOME", home.path() + "/data");
    env.insert("XDG_RUNTIME_DIR", home.path());
    env.insert("HOME", home.path());
    QProcess keyring;
    keyring.setProcessEnvironment(env);
    keyring.start("gnome-keyring-daemon", {"--unlock", "--components=secrets"});
    keyring.write("test-password");
    keyring.closeWriteChannel();
    ok = keyring.waitForFinished(10000) && keyring.exitCode() == 0;
    if (!ok) reason = "gnome-keyring-daemon did not start: " + QString::fromUtf8(keyring.readAllStandardError());
  }
  ~PrivateKeyring() {
    if (bus.state() != QProcess::NotRunning) {
      bus.terminate();
      bus.waitForFinished(3000);
    }
  }
};

PrivateKeyring& keyring() {
  static PrivateKeyring* k = new PrivateKeyring();  // one per process: GDBus keeps its bus
  return *k;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

TEST_CASE("settings: providers, stage models, budget, switches and theme round-trip", "[app][settings]") {
  application();
  QTemporaryDir dir;
  SettingsLocation where{dir.path() + "/settings.json", dir.path() + "/app.ini", "partsmith-test-unused"};
  AppSettingsStore store(where);
  {
    SettingsDialog dialog(store);
    dialog.addProvider("local-llama", "llamacpp", "http://127.0.0.1:8080/v1");
    CHECK(dialog.currentProviderId() == "local-llama");
    CHECK(dialog.keyStatusLabel()->text().contains("needs no key"));
    dialog.stageProviderBox("code")->setCurrentIndex(dialog.stageProviderBox("code")->findData("local-llama"));
    dialog.stageModelBox("code")->setCurrentText("qwen2.5-coder");
    dialog.stepsBox()->setValue(33);
    dialog.minutesBox()->setValue(4.5);
    dialog.dollarsBox()->setValue(0.25);
    dialog.switchBox("research")->setChecked(false);
    dialog.switchBox("visual")->setChecked(false);
    dialog.switchBox("decompose")->setChecked(false);
    dialog.fewShotBox()->setValue(2);
    dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData("dark"));
    REQUIRE(dialog.save());
    CHECK(dialog.errorText().isEmpty());
  }
  CHECK(readAll(where.llmSettingsPath).contains("local-llama"));
  CHECK(readAll(where.iniPath).contains("dark"));

  // What the pipeline gets.
  const AppSettings loaded = store.load();
  CHECK(loaded.pipeline.budget.maxSteps == 33);
  CHECK(loaded.pipeline.budget.maxSeconds == Approx(270));
  CHECK(loaded.pipeline.budget.maxCostUsd == Approx(0.25));
  CHECK_FALSE(loaded.pipeline.researchEnabled);
  CHECK_FALSE(loaded.pipeline.visualEnabled);
  CHECK_FALSE(loaded.pipeline.decompose.enabled);
  CHECK(loaded.pipeline.specEnabled);
  CHECK(loaded.pipeline.fewShotCount == 2);
  CHECK(loaded.theme == Theme::Dark);
  REQUIRE(loaded.llm.stage("code").has_value());
  CHECK(loaded.llm.stage("code")->provider == "local-llama");
  CHECK(loaded.llm.stage("code")->model == "qwen2.5-coder");
  REQUIRE(loaded.llm.provider("local-llama") != nullptr);
  CHECK(loaded.llm.provider("local-llama")->baseUrl == "http://127.0.0.1:8080/v1");
  const agent::ResolvedModels resolved = store.resolveModels(loaded);
  CHECK(resolved.models.code.usable());
  CHECK(resolved.models.code.model == "qwen2.5-coder");

  // Reopened: the same values in the fields.
  {
    SettingsDialog dialog(store);
    CHECK(dialog.stepsBox()->value() == 33);
    CHECK(dialog.dollarsBox()->value() == Approx(0.25));
    CHECK_FALSE(dialog.switchBox("research")->isChecked());
    CHECK(dialog.fewShotBox()->value() == 2);
    CHECK(dialog.themeBox()->currentData().toString() == "dark");
    CHECK(dialog.stageModelBox("code")->currentText() == "qwen2.5-coder");
    dialog.selectProvider("local-llama");
    CHECK(dialog.baseUrlEdit()->text() == "http://127.0.0.1:8080/v1");
  }
  applyTheme(Theme::System);

  // A broken settings file is reported in the dialog, which still opens.
  {
    QFile broken(where.llmSettingsPath);
    REQUIRE(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("{ not json");
  }
  SettingsDialog dialog(store);
  auto* problem = dialog.findChild<QLabel*>("settingsProblem");
  REQUIRE(problem != nullptr);
  CHECK(problem->text().contains("could not be read"));
}

TEST_CASE("settings: keys go to the system keyring only and come back masked", "[app][settings][keyring]") {
  application();
  PrivateKeyring& k = keyring();
  if (!k.ok) {
    // Only when no Secret Service can be started here (a bare CI container): everything else
    // in the settings is tested above.
    WARN("SKIPPED the keyring part: no Secret Service could be started (" << k.reason.toStdString()
                                                                            << "); install dbus-daemon, gnome-keyring and libsecret-1-0");
    return;
  }
  QTemporaryDir dir;
  SettingsLocation where{dir.path() + "/settings.json", dir.path() + "/app.ini",
                         QStringLiteral("partsmith-test-%1").arg(QCoreApplication::applicationPid())};
  AppSettingsStore store(where);
  const std::string secret = "sk-ant-test-0123456789-SECRET";

  {
    SettingsDialog dialog(store);
    dialog.selectProvider("anthropic");
    REQUIRE(dialog.currentProviderId() == "anthropic");
    // The dialog opens before the keyring answers (a locked one would prompt meanwhile).
    if (!dialog.storedKeysKnown()) CHECK(dialog.keyStatusLabel()->text().contains("Checking the system keyring"));
    REQUIRE(waitUntil([&] { return dialog.storedKeysKnown(); }, 10000));
    CHECK(dialog.keyStatusLabel()->text().contains("No key stored"));
    dialog.apiKeyEdit()->setFocus();
    QTest::keyClicks(dialog.apiKeyEdit(), QString::fromStdString(secret));
    CHECK(dialog.apiKeyEdit()->echoMode() == QLineEdit::Password);
    CHECK(dialog.keyStatusLabel()->text().contains("on Save"));
    REQUIRE(dialog.save());
    CHECK(dialog.errorText().isEmpty());
    CHECK(dialog.apiKeyEdit()->text().isEmpty());
  }

  // In the keyring under the test service; nowhere in the files.
  CHECK(store.hasStoredKey("anthropic"));
  llm::ProviderConfig anthropic = llm::ProviderConfig::anthropic();
  CHECK(store.secrets()->apiKey(anthropic).value_or("") == secret);
  CHECK_FALSE(readAll(where.iniPath).contains("SECRET"));
  CHECK_FALSE(readAll(where.llmSettingsPath).contains("SECRET"));
  CHECK(store.resolveModels(store.load()).models.spec.usable());  // anthropic, with the stored key

  // Reopened: present but masked; "Remove stored key" then Save empties the keyring entry.
  {
    SettingsDialog dialog(store);
    dialog.selectProvider("anthropic");
    CHECK(dialog.apiKeyEdit()->text().isEmpty());
    QSignalSpy checked(&dialog, &SettingsDialog::storedKeysChecked);
    if (!dialog.storedKeysKnown()) {
      CHECK(dialog.keyStatusLabel()->text().contains("Checking the system keyring"));
      REQUIRE(checked.wait(10000));
    }
    CHECK(dialog.keyStatusLabel()->text().contains("stored in the system keyring"));
    CHECK(dialog.apiKeyEdit()->placeholderText().startsWith("••"));
    // The connection test reads the stored key (on the GUI thread) and sends it.
    test::LlmTestServer server;
    server.setDefault("/v1/models", test::ScriptedResponse::json(200, {{"data", {{{"id", "claude-test"}, {"type", "model"}}}},
                                                                        {"has_more", false}}));
    dialog.baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
    QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
    dialog.testConnection();
    REQUIRE(tested.wait(10000));
    CHECK(tested.front().at(1).toBool());
    REQUIRE_FALSE(server.requests().empty());
    const auto headers = server.requests().back().headers;
    const auto apiKey = headers.find("x-api-key");
    REQUIRE(apiKey != headers.end());
    CHECK(apiKey->second == secret);
    QPushButton* remove = nullptr;
    for (auto* button : dialog.findChildren<QPushButton*>())
      if (button->text() == "Remove stored key") remove = button;
    REQUIRE(remove != nullptr);
    REQUIRE(remove->isEnabled());
    remove->click();
    CHECK(dialog.keyStatusLabel()->text().contains("removed on Save"));
    CHECK(store.hasStoredKey("anthropic"));  // not before Save
    REQUIRE(dialog.save());
  }
  CHECK_FALSE(store.hasStoredKey("anthropic"));
  CHECK(store.removeApiKey("anthropic").empty());  // removing what is not there is fine
}

TEST_CASE("settings: the connection test runs off the GUI thread", "[app][settings]") {
  application();
  test::LlmTestServer server;
  server.setDefault("/v1/models", test::ScriptedResponse::json(200, {{"object", "list"},
                                                                      {"data", {{{"id", "qwen2.5-coder"}, {"object", "model"}},
                                                                                {{"id", "llama3"}, {"object", "model"}}}}}));
  QTemporaryDir dir;
  AppSettingsStore store({dir.path() + "/settings.json", dir.path() + "/app.ini", "partsmith-test-unused"});
  SettingsDialog dialog(store);
  dialog.addProvider("local", "llamacpp", QString::fromStdString(server.baseUrl() + "/v1"));
  QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
  QElapsedTimer clock;
  clock.start();
  dialog.testConnection();
  CHECK(clock.elapsed() < 50);  // returned at once: the request runs on its own thread
  CHECK(dialog.testResultLabel()->text().startsWith("Connecting"));
  REQUIRE(tested.wait(10000));
  CHECK(tested.front().at(0).toString() == "local");
  CHECK(tested.front().at(1).toBool());
  CHECK(dialog.testResultLabel()->text().contains("2 model"));
  CHECK(server.requestCount() >= 1);

  // Nothing listening: a plain failure message.
  dialog.addProvider("nowhere", "generic", "http://127.0.0.1:9/v1");
  tested.clear();
  dialog.testConnection();
  REQUIRE(tested.wait(15000));
  CHECK_FALSE(tested.front().at(1).toBool());
  CHECK(dialog.testResultLabel()->text().startsWith("Could not connect"));
}

TEST_CASE("settings: the theme changes the application palette", "[app][settings]") {
  application();
  applyTheme(Theme::Dark);
  CHECK(QApplication::palette().color(QPalette::Window).lightness() < 80);
  CHECK(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
  applyTheme(Theme::Light);
  CHECK(QApplication::palette().color(QPalette::Window).lightness() > 180);
  applyTheme(Theme::System);
  CHECK(themeFromName("dark") == Theme::Dark);
  CHECK(themeFromName("nonsense") == Theme::System);
}

namespace {

double luminance(const QColor& c) {
  auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// WCAG contrast ratio; 4.5 is the minimum for body text.
double contrast(const QColor& a, const QColor& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

TEST_CASE("settings: code colours and error lines stay readable in the dark and the light theme", "[app][settings]") {
  application();
  CodeEditor editor;
  editor.setPlainText("const label = \"M3\"; // [\"M3\", \"M4\"]\nshow(cq.Workplane('XY').box(1, 1, 1));\n");
  editor.setErrorMarks({{2, 1, "a message"}});
  editor.show();
  for (const Theme theme : {Theme::Dark, Theme::Light}) {
    applyTheme(theme);
    QApplication::processEvents();
    INFO((theme == Theme::Dark ? "dark" : "light"));
    CHECK(editor.highlighter()->darkBackground() == (theme == Theme::Dark));
    const QColor text = editor.palette().color(QPalette::Text);
    const QColor base = editor.palette().color(QPalette::Base);
    CHECK(contrast(text, editor.errorLineBackground()) >= 4.5);
    CHECK(contrast(editor.highlighter()->stringColor(), base) >= 4.5);
  }
  applyTheme(Theme::System);
}
