// partsmith: the desktop application.
//   partsmith [script.js] [--db PATH] [--settings PATH] [--screenshot PATH] [--quit-when-ready]
//             [--startup-report]
#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QTimer>

#include <Standard_Failure.hxx>

#include "app/gl_platform_setup.h"
#include "app/main_window.h"
#include "app/occt_viewport.h"

int main(int argc, char** argv) {
  QElapsedTimer sinceStart;
  sinceStart.start();
  partsmith::app::setupGlPlatform();
  QApplication app(argc, argv);
  QApplication::setApplicationName("Partsmith");
  QApplication::setOrganizationName("Partsmith");
  QApplication::setApplicationVersion(PARTSMITH_VERSION);
  QApplication::setDesktopFileName("partsmith");
  QApplication::setWindowIcon(QIcon(":/partsmith/icons/partsmith.svg"));

  QCommandLineParser parser;
  parser.setApplicationDescription("Parametric CAD scripts on OpenCASCADE, with sliders and export.");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("script", "A .js script to open (default: the bundled example).", "[script.js]");
  QCommandLineOption screenshot("screenshot", "Save the viewport as PNG once the part is shown.", "path");
  QCommandLineOption quitWhenReady("quit-when-ready", "Quit once the part is shown (for tests and benchmarks).");
  QCommandLineOption startupReport("startup-report", "Print the time from start to a usable window on stderr.");
  QCommandLineOption db("db", "The history database (default: $PARTSMITH_DB or ~/.local/share/partsmith/partsmith.db).",
                        "path");
  QCommandLineOption settings("settings", "The settings file (default: ~/.config/partsmith/settings.json).", "path");
  parser.addOptions({screenshot, quitWhenReady, startupReport, db, settings});
  parser.process(app);

  partsmith::app::MainWindowOptions options;
  options.dbPath = parser.value(db);
  options.settingsPath = parser.value(settings);
  partsmith::app::MainWindow window(options);
  window.show();
  if (!window.viewport()->initError().isEmpty())
    std::fprintf(stderr, "partsmith: %s\n", qPrintable(window.viewport()->initError()));

  // "Usable" = the first part is on screen: its run came back and the next frame was drawn.
  auto connection = std::make_shared<QMetaObject::Connection>();
  *connection = QObject::connect(&window, &partsmith::app::MainWindow::previewApplied, &window, [&, connection](quint64, bool ok) {
    QObject::disconnect(*connection);
    auto* viewport = window.viewport();
    auto frame = std::make_shared<QMetaObject::Connection>();
    *frame = QObject::connect(viewport, &partsmith::app::OcctViewport::frameSwapped, &window, [&, viewport, frame, ok] {
      QObject::disconnect(*frame);
      if (parser.isSet(startupReport))
        std::fprintf(stderr, "partsmith: usable window with the part after %lld ms (%s)\n",
                     static_cast<long long>(sinceStart.elapsed()), ok ? "ok" : "with errors");
      if (parser.isSet(screenshot)) {
        const QImage image = viewport->grabFramebuffer();
        if (!image.save(parser.value(screenshot)))
          std::fprintf(stderr, "partsmith: cannot save the screenshot to %s\n", qPrintable(parser.value(screenshot)));
      }
      if (parser.isSet(quitWhenReady)) QTimer::singleShot(0, &app, &QApplication::quit);
    });
    viewport->update();
  });

  const QStringList args = parser.positionalArguments();
  if (args.isEmpty())
    window.loadExample();
  else
    window.openFile(args.front());

  try {
    return app.exec();
  } catch (const Standard_Failure& e) {
    std::fprintf(stderr, "partsmith: internal error: %s\n", e.GetMessageString());
    return 2;
  }
}
