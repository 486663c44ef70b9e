// What Qt must know before the QApplication exists for OCCT to share its GL context.
#pragma once

namespace partsmith::app {

// Forces the xcb platform (Debian's OCCT needs Xlib; Qt 6 would pick Wayland), shares GL
// contexts between widgets (a re-parented viewport keeps its scene) and requests a
// compatibility-profile surface with depth and stencil (occt-qt-notes.md §2.1).
void setupGlPlatform();

}  // namespace partsmith::app
