#include "app/occt_gl_context.h"

#include <OpenGl_Context.hxx>
#include <OpenGl_FrameBuffer.hxx>
#include <OpenGl_GlCore20.hxx>
#include <OpenGl_View.hxx>
#include <OpenGl_Window.hxx>
#include <V3d_View.hxx>

namespace partsmith::app {

namespace {

// The widget's FBO as OCCT's default framebuffer. Binding it also tells OCCT the target is
// not sRGB, so it converts linear colours on output instead of leaving them dark.
class SrgbAwareFrameBuffer : public OpenGl_FrameBuffer {
  DEFINE_STANDARD_RTTI_INLINE(SrgbAwareFrameBuffer, OpenGl_FrameBuffer)
 public:
  void BindBuffer(const Handle(OpenGl_Context)& ctx) override {
    OpenGl_FrameBuffer::BindBuffer(ctx);
    ctx->SetFrameBufferSRGB(true, false);
  }
  void BindDrawBuffer(const Handle(OpenGl_Context)& ctx) override {
    OpenGl_FrameBuffer::BindDrawBuffer(ctx);
    ctx->SetFrameBufferSRGB(true, false);
  }
};

}  // namespace

struct OcctGlContext::Impl {
  Handle(OpenGl_Context) context;      // wraps Qt's current context; gives SetWindow its handle
  Handle(OpenGl_Context) viewContext;  // the one the view draws with
};

OcctGlContext::OcctGlContext() : m_impl(std::make_unique<Impl>()) {}
OcctGlContext::~OcctGlContext() = default;

bool OcctGlContext::initFromCurrent(bool coreProfile, std::string& error) {
  Handle(OpenGl_Context) context = new OpenGl_Context();
  if (!context->Init(coreProfile)) {
    error = "OpenGL: the window's GL context could not be used by the 3D view";
    return false;
  }
  m_impl->context = context;
  return true;
}

bool OcctGlContext::isValid() const { return !m_impl->viewContext.IsNull(); }

void OcctGlContext::release() {
  m_impl->viewContext.Nullify();
  m_impl->context.Nullify();
}

bool OcctGlContext::attachView(const Handle(V3d_View)& view, std::string& error) {
  Handle(OpenGl_View) glView = Handle(OpenGl_View)::DownCast(view->View());
  if (glView.IsNull() || glView->GlWindow().IsNull() || glView->GlWindow()->GetGlContext().IsNull()) {
    error = "OpenGL: the 3D view did not get a GL window";
    return false;
  }
  m_impl->viewContext = glView->GlWindow()->GetGlContext();
  return true;
}

Aspect_RenderingContext OcctGlContext::renderingContext() const {
  return m_impl->context.IsNull() ? Aspect_RenderingContext(nullptr) : m_impl->context->RenderingContext();
}

bool OcctGlContext::wrapBoundFramebuffer(int& width, int& height, std::string& error) {
  const Handle(OpenGl_Context)& ctx = m_impl->viewContext;
  if (ctx.IsNull()) {
    error = "OpenGL: the 3D view has no GL context yet";
    return false;
  }
  Handle(OpenGl_FrameBuffer) fbo = ctx->DefaultFrameBuffer();
  if (fbo.IsNull()) {
    fbo = new SrgbAwareFrameBuffer();
    ctx->SetDefaultFrameBuffer(fbo);
  }
  if (!fbo->InitWrapper(ctx)) {
    error = "OpenGL: the widget's framebuffer could not be wrapped for the 3D view";
    return false;
  }
  width = fbo->GetVPSizeX();
  height = fbo->GetVPSizeY();
  return true;
}

void OcctGlContext::resetStateBeforeOcct() const {
  const Handle(OpenGl_Context)& ctx = m_impl->viewContext;
  if (ctx.IsNull() || ctx->core20fwd == nullptr) return;
  ctx->core20fwd->glUseProgram(0);
  ctx->core20fwd->glBindTexture(GL_TEXTURE_2D, 0);
  ctx->core20fwd->glDisable(GL_BLEND);
}

void OcctGlContext::resetStateAfterOcct() const {
  const Handle(OpenGl_Context)& ctx = m_impl->viewContext;
  if (ctx.IsNull() || ctx->core20fwd == nullptr) return;
  ctx->core20fwd->glPixelStorei(GL_PACK_ALIGNMENT, 4);
  ctx->core20fwd->glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  ctx->core20fwd->glActiveTexture(GL_TEXTURE0);
}

std::string OcctGlContext::describe() const {
  const Handle(OpenGl_Context)& ctx = m_impl->context;
  if (ctx.IsNull()) return "no GL context";
  TColStd_IndexedDataMapOfStringString info;
  ctx->DiagnosticInformation(info, Graphic3d_DiagnosticInfo_Basic);
  std::string out;
  for (TColStd_IndexedDataMapOfStringString::Iterator it(info); it.More(); it.Next()) {
    const std::string key = it.Key().ToCString();
    if (key == "GLvendor" || key == "GLdevice" || key == "GLversion") {
      if (!out.empty()) out += ", ";
      out += it.Value().ToCString();
    }
  }
  return out.empty() ? "unknown GL" : out;
}

}  // namespace partsmith::app
