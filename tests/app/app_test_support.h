// A QApplication for the GUI tests (created once, with the same GL setup as the app), a
// MainWindow fixture that waits for the example part, and image helpers.
#pragma once
#include <chrono>
#include <functional>
#include <cstdlib>
#include <memory>
#include <string>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include "app/chat_pane.h"
#include "app/gl_platform_setup.h"
#include "app/main_window.h"
#include "app/occt_viewport.h"
#include "app/run_outcome.h"
#include "store/store.h"
#include "test_paths.h"

namespace partsmith::app::testing {

// Never destroyed: the process exit must not run Qt's teardown after Catch2's.
inline QApplication& application() {
  static QApplication* app = [] {
    setupGlPlatform();
    static int argc = 1;
    static char name[] = "test_app";
    static char* argv[] = {name, nullptr};
    auto* a = new QApplication(argc, argv);
    QApplication::setApplicationName("Partsmith-test");
    // Never the user's history or settings: a fresh database and an empty config folder per
    // run (windows that pass their own paths in MainWindowOptions use those instead).
    const QString base = QDir::tempPath() + QStringLiteral("/partsmith-app-test-%1").arg(QCoreApplication::applicationPid());
    QDir(base).removeRecursively();
    QDir().mkpath(base + "/config");
    ::setenv("PARTSMITH_DB", (base + "/history.db").toUtf8().constData(), 1);
    ::setenv("XDG_CONFIG_HOME", (base + "/config").toUtf8().constData(), 1);
    return a;
  }();
  return *app;
}

inline QString outputDir() {
  const QString dir = QString::fromStdString(partsmith::test::binaryDir()) + "/test-output/app";
  QDir().mkpath(dir);
  return dir;
}

inline void saveShot(const QImage& image, const QString& name) { image.save(outputDir() + "/" + name + ".png"); }

// Share of pixels that differ clearly from the background of their row (the background is a
// vertical gradient, so the left-most column of each row is background unless a part is there).
inline double coverage(const QImage& image) {
  if (image.isNull()) return 0;
  const QImage img = image.convertToFormat(QImage::Format_RGB32);
  long long differing = 0;
  for (int y = 0; y < img.height(); ++y) {
    const QRgb bg = img.pixel(1, y);
    for (int x = 0; x < img.width(); ++x) {
      const QRgb p = img.pixel(x, y);
      if (std::abs(qRed(p) - qRed(bg)) + std::abs(qGreen(p) - qGreen(bg)) + std::abs(qBlue(p) - qBlue(bg)) > 40)
        ++differing;
    }
  }
  return double(differing) / (double(img.width()) * img.height());
}

// Waits until the window's next preview is applied; returns false on timeout.
inline bool waitForPreview(MainWindow& window, int timeoutMs = 30000) {
  QSignalSpy spy(&window, &MainWindow::previewApplied);
  return spy.wait(timeoutMs) || spy.count() > 0;
}

// Waits until `predicate` holds, processing events.
template <typename Predicate>
bool waitUntil(Predicate predicate, int timeoutMs = 30000) {
  return QTest::qWaitFor(predicate, timeoutMs);
}

struct WindowFixture {
  std::unique_ptr<MainWindow> window;

  // The unsaved-script draft beside the shared test history would carry one test's edits into the next window.
  static void removeDraft() { QFile::remove(QFileInfo(QString::fromLocal8Bit(qgetenv("PARTSMITH_DB"))).absolutePath() + "/unsaved-script.json"); }

  WindowFixture() {
    application();
    removeDraft();
    // The kernel worker is found next to the build tree's worker directory.
    ::setenv("PARTSMITH_KERNEL", partsmith::test::kernelExecutable().c_str(), 1);
    window = std::make_unique<MainWindow>();
    window->resize(1200, 760);
    window->show();
    exposed = QTest::qWaitForWindowExposed(window.get());
    // Xvfb has no window manager to activate windows; window shortcuts (Ctrl+R) need it.
    window->activateWindow();
    QApplication::setActiveWindow(window.get());
    exposed = exposed && QTest::qWaitForWindowActive(window.get());
    window->loadExample();
    ready = exposed && waitUntil([this] { return window->lastPreview() && window->viewport()->partCount() > 0; });
  }
  ~WindowFixture() {
    window->close();
    window.reset();
    QApplication::processEvents();
    removeDraft();
  }
  bool exposed = false;
  bool ready = false;
  const RunOutcome& last() const { return *window->lastPreview(); }
};

// A main window on its own history file and settings in a temporary folder, with no model
// connected; `seed` fills the history file before the window opens it.
struct StoredWindowFixture {
  QTemporaryDir dir;
  std::string dbPath;
  std::unique_ptr<MainWindow> window;
  bool ready = false;

  static store::StoreOptions storeOptions() {
    store::StoreOptions o;
    o.seedLibrary = false;
    o.autoBackup = false;
    return o;
  }

  explicit StoredWindowFixture(const std::function<void(store::Store&)>& seed = {}) {
    application();
    ::setenv("PARTSMITH_KERNEL", partsmith::test::kernelExecutable().c_str(), 1);
    if (!dir.isValid()) return;
    dbPath = (dir.path() + "/history.db").toStdString();
    if (seed) {
      store::Store s(dbPath, storeOptions());
      seed(s);
    }
    QFile settings(dir.path() + "/settings.json");
    if (!settings.open(QIODevice::WriteOnly)) return;
    settings.write(R"({"llm": {"providers": [], "auto_detect_ollama": false}})");
    settings.close();
    MainWindowOptions options;
    options.dbPath = QString::fromStdString(dbPath);
    options.settingsPath = dir.path() + "/settings.json";
    options.iniPath = dir.path() + "/partsmith.ini";
    window = std::make_unique<MainWindow>(options);
    window->resize(1200, 760);
    window->show();
    ready = QTest::qWaitForWindowExposed(window.get()) &&
            waitUntil([this] { return window->historyPanel() && window->chatPane()->ready(); }, 20000);
  }
  ~StoredWindowFixture() {
    if (!window) return;
    window->close();
    window.reset();
    QApplication::processEvents();
  }
};

}  // namespace partsmith::app::testing
