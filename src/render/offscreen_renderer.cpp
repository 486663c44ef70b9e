#include "render/offscreen_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <AIS_InteractiveContext.hxx>
#include <Aspect_DisplayConnection.hxx>
#include <Aspect_DisplayConnectionDefinitionError.hxx>
#include <Bnd_Box.hxx>
#include <Graphic3d_Camera.hxx>
#include <Image_AlienPixMap.hxx>
#include <OpenGl_GraphicDriver.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <TColStd_IndexedDataMapOfStringString.hxx>
#include <V3d_ImageDumpOptions.hxx>
#include <V3d_View.hxx>
#include <V3d_Viewer.hxx>
#include <Xw_Window.hxx>

#include "render/render_error.h"
#include "render/standard_views.h"

namespace partsmith::render {

namespace {

constexpr const char* kXvfbHint =
    "run under xvfb-run, e.g. LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s \"-screen 0 1280x1024x24\" "
    "...";

std::string failureText(const Standard_Failure& failure) {
  const char* text = failure.GetMessageString();
  std::string message = (text && *text) ? text : "no details";
  return message + " [" + failure.DynamicType()->Name() + "]";
}

void checkSize(int width, int height) {
  const int lo = OffscreenRenderer::kMinSize, hi = OffscreenRenderer::kMaxSize;
  if (width < lo || height < lo || width > hi || height > hi)
    throw RenderError("image size " + std::to_string(width) + "x" + std::to_string(height) +
                      " is out of range; width and height must be between " + std::to_string(lo) +
                      " and " + std::to_string(hi) + " pixels");
}

}  // namespace

struct OffscreenRenderer::Impl {
  Handle(Aspect_DisplayConnection) display;
  Handle(OpenGl_GraphicDriver) driver;
  Handle(V3d_Viewer) viewer;
  Handle(AIS_InteractiveContext) context;
  Handle(V3d_View) view;
  Handle(Xw_Window) window;

  ~Impl() {
    // Tear down in dependency order and drop the display last, as the GLX destructor fix does
    // (occt-qt-notes.md §2.4).
    if (!context.IsNull()) context->RemoveAll(false);
    if (!view.IsNull()) view->Remove();
    view.Nullify();
    context.Nullify();
    viewer.Nullify();
    window.Nullify();
    driver.Nullify();
    display.Nullify();
  }
};

namespace {

// Presentations live only for one render call, also when a view throws.
class SceneScope {
 public:
  SceneScope(const Handle(AIS_InteractiveContext)& context, const SceneBuilder& builder,
             const kernel::PartList& parts)
      : m_context(context) {
    SceneBuilder::display(m_context, builder.build(parts));
  }
  ~SceneScope() { m_context->RemoveAll(false); }
  SceneScope(const SceneScope&) = delete;
  SceneScope& operator=(const SceneScope&) = delete;

 private:
  Handle(AIS_InteractiveContext) m_context;
};

struct ViewAxes {
  gp_Vec toEye, up, right;  // unit vectors in world space
};

ViewAxes viewAxes(const StandardView& preset) {
  ViewAxes axes;
  axes.toEye = gp_Vec(preset.toEye.x, preset.toEye.y, preset.toEye.z).Normalized();
  // "Up" for iso is world Z, which is not perpendicular to the line of sight: keep only the
  // part of it that is.
  gp_Vec up(preset.up.x, preset.up.y, preset.up.z);
  axes.up = (up - axes.toEye * axes.toEye.Dot(up)).Normalized();
  axes.right = (-axes.toEye).Crossed(axes.up);
  return axes;
}

// World height the picture must show so the box fits this view at the picture's aspect.
double requiredHeight(const Bnd_Box& bounds, const StandardView& preset, double aspect) {
  const ViewAxes axes = viewAxes(preset);
  double xmin, ymin, zmin, xmax, ymax, zmax;
  bounds.Get(xmin, ymin, zmin, xmax, ymax, zmax);
  double rightMin = 1e300, rightMax = -1e300, upMin = 1e300, upMax = -1e300;
  for (int corner = 0; corner < 8; ++corner) {
    const gp_Vec p((corner & 1) ? xmax : xmin, (corner & 2) ? ymax : ymin,
                   (corner & 4) ? zmax : zmin);
    const double r = p.Dot(axes.right), u = p.Dot(axes.up);
    rightMin = std::min(rightMin, r), rightMax = std::max(rightMax, r);
    upMin = std::min(upMin, u), upMax = std::max(upMax, u);
  }
  return std::max(upMax - upMin, (rightMax - rightMin) / aspect);
}

// Scale: the same for every standard view by default, so a vision model comparing views sees
// true proportions (the top of a tall thin post is small) and every render of one part has the
// same mm-per-pixel whatever views were asked for.
double frameHeight(const Bnd_Box& bounds, const StandardView& preset, double aspect,
                   const RenderOptions& options) {
  double height = 0;
  if (options.sameScaleForAllViews) {
    for (const auto& other : standardViews())
      height = std::max(height, requiredHeight(bounds, other, aspect));
  } else {
    height = requiredHeight(bounds, preset, aspect);
  }
  constexpr double kSmallest = 1e-3;  // a lone vertex still gets a finite camera
  return std::max(height, kSmallest) * (1.0 + 2.0 * options.margin);
}

Bnd_Box sceneBounds(const Handle(V3d_View)& view) {
  Bnd_Box bounds = view->View()->MinMaxValues();
  if (bounds.IsVoid())
    throw RenderError("nothing visible to render: the parts have no faces, edges or vertices");
  return bounds;
}

// Returns the picture's scale in pixels per model unit (mm).
double aimCamera(const Handle(V3d_View)& view, const Bnd_Box& bounds, const StandardView& preset,
                 int width, int height, const RenderOptions& options) {
  const double aspect = static_cast<double>(width) / height;
  const ViewAxes axes = viewAxes(preset);
  double xmin, ymin, zmin, xmax, ymax, zmax;
  bounds.Get(xmin, ymin, zmin, xmax, ymax, zmax);
  const gp_Pnt center((xmin + xmax) / 2, (ymin + ymax) / 2, (zmin + zmax) / 2);
  const double diagonal = std::sqrt(bounds.SquareExtent());
  const double frame = frameHeight(bounds, preset, aspect, options);

  const Handle(Graphic3d_Camera)& camera = view->Camera();
  camera->SetProjectionType(Graphic3d_Camera::Projection_Orthographic);
  camera->SetEyeAndCenter(center.Translated(axes.toEye * std::max(diagonal, 1.0) * 2.0), center);
  camera->SetUp(gp_Dir(axes.up));
  // The hidden window is tiny and square; ToPixMap applies the picture's own aspect too.
  camera->SetAspect(aspect);
  // The orthographic scale is the picture's shorter side, so for tall pictures it is the
  // width: set it, then correct by what the camera reports as the visible height.
  camera->SetScale(frame);
  const double visibleHeight = camera->ViewDimensions().Y();
  if (visibleHeight > 0) camera->SetScale(frame * frame / visibleHeight);
  view->ZFitAll();
  return height / frame;
}

// ToPixMap draws into its own FBO of the requested size, so the hidden window can stay tiny.
double dumpView(const Handle(V3d_View)& view, const Bnd_Box& bounds, const StandardView& preset,
                int width, int height, const RenderOptions& options, Image_AlienPixMap& pixmap) {
  const double pixelsPerUnit = aimCamera(view, bounds, preset, width, height, options);
  V3d_ImageDumpOptions dump;
  dump.Width = width;
  dump.Height = height;
  dump.BufferType = Graphic3d_BT_RGB;
  dump.ToAdjustAspect = true;
  if (!view->ToPixMap(pixmap, dump))
    throw RenderError("could not render the " + preset.name + " view (OpenGL read-back failed)",
                      "try a smaller image size");
  return pixelsPerUnit;
}

}  // namespace

OffscreenRenderer::OffscreenRenderer(RenderOptions options) : m_options(std::move(options)) {
  const char* displayName = std::getenv("DISPLAY");
  if (displayName == nullptr || *displayName == '\0')
    throw RenderError("rendering needs an X display (DISPLAY is not set)", kXvfbHint);

  auto impl = std::make_unique<Impl>();
  try {
    impl->display = new Aspect_DisplayConnection(TCollection_AsciiString(displayName));
  } catch (const Aspect_DisplayConnectionDefinitionError&) {
    throw RenderError(std::string("rendering needs an X display, but DISPLAY=\"") + displayName +
                          "\" cannot be opened",
                      std::string("start Xvfb or ") + kXvfbHint);
  } catch (const Standard_Failure& failure) {
    throw RenderError(std::string("cannot connect to the X display \"") + displayName +
                          "\": " + failureText(failure),
                      kXvfbHint);
  }

  try {
    impl->driver = new OpenGl_GraphicDriver(impl->display, true);
    // Nothing is ever shown on screen: every picture comes from an FBO via ToPixMap.
    impl->driver->ChangeOptions().buffersNoSwap = true;
    impl->driver->ChangeOptions().swapInterval = 0;

    impl->viewer = new V3d_Viewer(impl->driver);
    impl->viewer->SetDefaultShadingModel(Graphic3d_TypeOfShadingModel_Phong);
    impl->viewer->SetDefaultTypeOfView(V3d_ORTHOGRAPHIC);
    SceneBuilder::setupLights(impl->viewer);

    impl->context = new AIS_InteractiveContext(impl->viewer);
    impl->view = impl->viewer->CreateView();
    impl->view->SetLightOn();  // a new view does not pick up the viewer's lights by itself
    impl->view->SetImmediateUpdate(false);
    impl->view->SetBgGradientColors(toOcctColor(m_options.backgroundTop),
                                    toOcctColor(m_options.backgroundBottom),
                                    Aspect_GradientFillMethod_Vertical, false);
    Graphic3d_RenderingParams& params = impl->view->ChangeRenderingParams();
    params.NbMsaaSamples = m_options.msaaSamples;
    params.IsAntialiasingEnabled = false;

    impl->window = new Xw_Window(impl->display, "partsmith offscreen", 0, 0, 64, 64);
    impl->window->SetVirtual(true);
    impl->view->SetWindow(impl->window);  // creates the GL context
  } catch (const Standard_Failure& failure) {
    throw RenderError(
        "cannot create an OpenGL view on X display \"" + std::string(displayName) +
            "\": " + failureText(failure),
        "the display needs GLX; with Xvfb set LIBGL_ALWAYS_SOFTWARE=1 (Mesa llvmpipe)");
  }
  m_impl = std::move(impl);
}

OffscreenRenderer::~OffscreenRenderer() = default;

std::vector<RenderedView> OffscreenRenderer::render(const kernel::PartList& parts,
                                                    const std::vector<std::string>& views,
                                                    int width, int height,
                                                    const std::string& outDir) {
  if (views.empty())
    throw RenderError("no views requested", "valid views are: " + standardViewNamesText());
  std::vector<const StandardView*> presets;
  for (const auto& name : views) presets.push_back(&standardView(name));
  checkSize(width, height);

  std::error_code ec;
  std::filesystem::create_directories(outDir, ec);
  if (ec || !std::filesystem::is_directory(outDir))
    throw RenderError("cannot create the output folder \"" + outDir + "\": " + ec.message());

  std::vector<RenderedView> written;
  try {
    OCC_CATCH_SIGNALS  // meshing a damaged shape for display can fault inside OCCT
        SceneScope scene(m_impl->context, SceneBuilder(m_options.style), parts);
    const Bnd_Box bounds = sceneBounds(m_impl->view);
    for (const StandardView* preset : presets) {
      Image_AlienPixMap pixmap;
      const double pixelsPerMm =
          dumpView(m_impl->view, bounds, *preset, width, height, m_options, pixmap);
      const std::string path = (std::filesystem::path(outDir) / (preset->name + ".png")).string();
      if (!pixmap.Save(TCollection_AsciiString(path.c_str())))
        throw RenderError("could not write \"" + path + "\"", "check that the folder is writable");
      written.push_back({preset->name, path, pixelsPerMm});
    }
  } catch (const Standard_Failure& failure) {
    throw RenderError("rendering failed: " + failureText(failure));
  }
  return written;
}

RenderedImage OffscreenRenderer::renderToImage(const kernel::PartList& parts,
                                               const std::string& view, int width, int height) {
  const StandardView& preset = standardView(view);
  checkSize(width, height);
  try {
    OCC_CATCH_SIGNALS
    SceneScope scene(m_impl->context, SceneBuilder(m_options.style), parts);
    Image_AlienPixMap pixmap;
    dumpView(m_impl->view, sceneBounds(m_impl->view), preset, width, height, m_options, pixmap);
    return toRenderedImage(pixmap);
  } catch (const Standard_Failure& failure) {
    throw RenderError("rendering failed: " + failureText(failure));
  }
}

std::string OffscreenRenderer::glRendererName() const {
  TColStd_IndexedDataMapOfStringString info;
  m_impl->view->DiagnosticInformation(info, Graphic3d_DiagnosticInfo_Device);
  for (TColStd_IndexedDataMapOfStringString::Iterator it(info); it.More(); it.Next())
    if (it.Key().IsEqual("GLdevice")) return it.Value().ToCString();
  return "unknown";
}

}  // namespace partsmith::render
