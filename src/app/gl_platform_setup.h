// What Qt must know before the QApplication exists for OCCT to draw into the viewport.
#pragma once

namespace partsmith::app {

// Forces the xcb platform: Debian's OCCT needs Xlib windows (occt-qt-notes.md §0.3) and Qt 6
// would pick Wayland. Qt itself draws no OpenGL (the viewport's GL context is OCCT's own), so
// no surface format or context sharing is requested.
void setupGlPlatform();

}  // namespace partsmith::app
