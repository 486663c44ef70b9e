// The OCCT window behind the QOpenGLWidget: a virtual neutral window (OCCT must not resize
// or map the native window; Qt does) that reports the screen's device pixel ratio so lines
// and text keep their size on high-DPI screens. Qt-free.
#pragma once
#include <Aspect_NeutralWindow.hxx>

namespace partsmith::app {

class ViewportWindow : public Aspect_NeutralWindow {
  DEFINE_STANDARD_RTTI_INLINE(ViewportWindow, Aspect_NeutralWindow)
 public:
  ViewportWindow() { SetVirtual(true); }
  double DevicePixelRatio() const override { return m_pixelRatio; }
  void setDevicePixelRatio(double ratio) { m_pixelRatio = ratio > 0 ? ratio : 1.0; }

 private:
  double m_pixelRatio = 1.0;
};

}  // namespace partsmith::app
