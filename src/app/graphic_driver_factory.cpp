#include "app/graphic_driver_factory.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include <Aspect_DisplayConnection.hxx>
#include <OpenGl_GraphicDriver.hxx>
#include <Standard_Failure.hxx>
#include <V3d_Viewer.hxx>

namespace partsmith::app {

Handle(Graphic3d_GraphicDriver) GraphicDriverFactory::createForQtWidget() {
  const char* display = std::getenv("DISPLAY");
  try {
    Handle(Aspect_DisplayConnection) connection = new Aspect_DisplayConnection();
    Handle(OpenGl_GraphicDriver) driver = new OpenGl_GraphicDriver(connection, false /* Qt owns the context */);
    OpenGl_Caps& caps = driver->ChangeOptions();
    caps.buffersNoSwap = true;       // QOpenGLWidget swaps
    caps.buffersOpaqueAlpha = true;  // the widget is composited; a transparent view would show through
    // The scene still renders into OCCT's own (sRGB) FBO, blitted once into Qt's. With false,
    // OCCT adds a second "immediate" FBO and blits twice per frame; under llvmpipe (CI, Xvfb)
    // each blit waits for the scene to be rasterised, which cost ~6 ms of GUI thread a frame.
    // The viewport keeps lit objects out of immediate layers so the image is unchanged.
    caps.useSystemBuffer = true;
    return driver;
  } catch (const Standard_Failure& e) {
    throw std::runtime_error(std::string("the 3D view needs an X11 display (DISPLAY=\"") + (display ? display : "") +
                             "\"): " + e.GetMessageString());
  }
}

Handle(Standard_Transient) GraphicDriverFactory::displayConnection(const Handle(V3d_Viewer)& viewer) {
  if (viewer.IsNull() || viewer->Driver().IsNull()) return {};
  Standard_Transient* connection = viewer->Driver()->GetDisplayConnection().get();
  return Handle(Standard_Transient)(connection);
}

}  // namespace partsmith::app
