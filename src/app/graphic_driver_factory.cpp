#include "app/graphic_driver_factory.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include <Aspect_DisplayConnection.hxx>
#include <OpenGl_GraphicDriver.hxx>
#include <Standard_Failure.hxx>
#include <V3d_Viewer.hxx>

namespace partsmith::app {

Handle(Graphic3d_GraphicDriver) GraphicDriverFactory::createForNativeWindow() {
  const char* display = std::getenv("DISPLAY");
  try {
    Handle(Aspect_DisplayConnection) connection = new Aspect_DisplayConnection();
    Handle(OpenGl_GraphicDriver) driver = new OpenGl_GraphicDriver(connection, true /* own GL context */);
    OpenGl_Caps& caps = driver->ChangeOptions();
    caps.buffersNoSwap = false;      // OCCT swaps the viewport's window; nothing else draws into it
    caps.buffersOpaqueAlpha = true;  // an X window has no use for the scene's alpha
    // The scene still renders into OCCT's own (sRGB) FBO, blitted once into the window's back
    // buffer; hover highlights are then drawn straight into that buffer. With false, OCCT adds
    // a second "immediate" FBO and blits twice a frame: 15 ms instead of 9 ms a frame under
    // llvmpipe (CI, Xvfb). The viewport keeps lit objects out of immediate layers, so the image
    // is the same.
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
