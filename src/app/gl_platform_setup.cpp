#include "app/gl_platform_setup.h"

#include <QCoreApplication>
#include <QSurfaceFormat>
#include <QtGlobal>

namespace partsmith::app {

void setupGlPlatform() {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "xcb");
  QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);

  QSurfaceFormat format;
  format.setDepthBufferSize(24);
  format.setStencilBufferSize(8);
  // No setVersion(): asking a version together with the compatibility profile can hand back
  // a core context on Mesa, which OCCT's fixed-function fallbacks cannot use.
  format.setProfile(QSurfaceFormat::CompatibilityProfile);
  QSurfaceFormat::setDefaultFormat(format);
}

}  // namespace partsmith::app
