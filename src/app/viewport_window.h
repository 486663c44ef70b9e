// The OCCT window for the viewport's native X window: Qt creates, maps and resizes that
// window, so OCCT only gets its handle and the size we give it, plus the screen's device pixel
// ratio so lines and text keep their size on high-DPI screens. Qt-free.
#pragma once
#include <Aspect_NeutralWindow.hxx>

namespace partsmith::app {

class ViewportWindow : public Aspect_NeutralWindow {
  DEFINE_STANDARD_RTTI_INLINE(ViewportWindow, Aspect_NeutralWindow)
 public:
  double DevicePixelRatio() const override { return m_pixelRatio; }
  void setDevicePixelRatio(double ratio) { m_pixelRatio = ratio > 0 ? ratio : 1.0; }

 private:
  double m_pixelRatio = 1.0;
};

}  // namespace partsmith::app
