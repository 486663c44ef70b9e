// Creates OCCT's OpenGL driver for the viewport's native window and keeps its X display alive
// across teardown. Qt-free: Aspect_DisplayConnection pulls in Xlib, whose macros (None, Bool,
// Status...) break Qt headers (occt-qt-notes.md §1.2), so it is only included in the .cpp.
#pragma once
#include <Graphic3d_GraphicDriver.hxx>
#include <Standard_Transient.hxx>

class V3d_Viewer;

namespace partsmith::app {

class GraphicDriverFactory {
 public:
  // A driver that creates and owns the GL context of each view's native window and swaps its
  // buffers itself. Throws std::runtime_error with a user-facing message when there is no X
  // display.
  static Handle(Graphic3d_GraphicDriver) createForNativeWindow();

  // The viewer's display connection as an opaque handle. Holding it while the view, viewer
  // and context are released keeps the X display open until the GL contexts are gone, which
  // GLX needs at exit (occt-qt-notes.md §2.4).
  static Handle(Standard_Transient) displayConnection(const Handle(V3d_Viewer)& viewer);
};

}  // namespace partsmith::app
