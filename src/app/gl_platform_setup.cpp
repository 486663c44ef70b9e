#include "app/gl_platform_setup.h"

#include <QByteArray>
#include <QtGlobal>

namespace partsmith::app {

void setupGlPlatform() {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "xcb");
}

}  // namespace partsmith::app
