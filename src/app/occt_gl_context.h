// OCCT's view of the GL context Qt made current for a QOpenGLWidget: wraps that context and
// the widget's framebuffer object, and resets the GL state both libraries assume.
// Qt-free on purpose: OCCT's GL headers and Qt's collide on OpenGL macros
// (occt-qt-notes.md §2.3), so every GL call lives in occt_gl_context.cpp.
#pragma once
#include <memory>
#include <string>

#include <Aspect_RenderingContext.hxx>
#include <Standard_Handle.hxx>

class V3d_View;

namespace partsmith::app {

class OcctGlContext {
 public:
  OcctGlContext();
  ~OcctGlContext();
  OcctGlContext(const OcctGlContext&) = delete;
  OcctGlContext& operator=(const OcctGlContext&) = delete;

  // Wraps the context current on this thread. `coreProfile` is false for the compatibility
  // profile the app requests. Returns false and fills `error` when OCCT rejects the context.
  bool initFromCurrent(bool coreProfile, std::string& error);
  bool isValid() const;
  // Drops OCCT's wrapper; call with the widget's context current.
  void release();
  Aspect_RenderingContext renderingContext() const;

  // After V3d_View::SetWindow: the view renders through its own OpenGl_Context (sharing
  // Qt's GL context); that one gets the framebuffer wrapper and the state resets.
  bool attachView(const Handle(V3d_View)& view, std::string& error);

  // Makes OCCT render into the framebuffer bound now (the widget's FBO). Qt's FBO is RGBA8,
  // not sRGB, so OCCT applies gamma itself. Returns the framebuffer size in pixels.
  bool wrapBoundFramebuffer(int& width, int& height, std::string& error);

  // Qt leaves programs, textures and blending set; OCCT expects them off.
  void resetStateBeforeOcct() const;
  // OCCT leaves pixel alignment and the active texture unit changed; Qt's text renders
  // garbled without these restored.
  void resetStateAfterOcct() const;

  // One-line "vendor, renderer, GL version" for the log and the About box.
  std::string describe() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace partsmith::app
