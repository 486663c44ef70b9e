#include "app/occt_viewport.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <climits>

#include <QElapsedTimer>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QStringList>
#include <QWheelEvent>
#include <QWindow>

#include <AIS_InteractiveContext.hxx>
#include <AIS_Shape.hxx>
#include <AIS_ViewController.hxx>
#include <AIS_ViewCube.hxx>
#include <Aspect_GradientFillMethod.hxx>
#include <Graphic3d_Camera.hxx>
#include <Graphic3d_TransformPers.hxx>
#include <Graphic3d_ZLayerSettings.hxx>
#include <Image_PixMap.hxx>
#include <Prs3d_Drawer.hxx>
#include <StdSelect_BRepOwner.hxx>
#include <Standard_Failure.hxx>
#include <TColStd_IndexedDataMapOfStringString.hxx>
#include <V3d_ImageDumpOptions.hxx>
#include <V3d_View.hxx>
#include <V3d_Viewer.hxx>

#include "app/graphic_driver_factory.h"
#include "app/occt_viewport_impl.h"
#include "app/viewport_window.h"
#include "kernel/part.h"
#include "render/scene_builder.h"
#include "render/standard_views.h"

namespace partsmith::app {

namespace {

Aspect_VKeyMouse toOcctButtons(Qt::MouseButtons buttons) {
  Aspect_VKeyMouse keys = Aspect_VKeyMouse_NONE;
  if (buttons & Qt::LeftButton) keys |= Aspect_VKeyMouse_LeftButton;
  if (buttons & Qt::MiddleButton) keys |= Aspect_VKeyMouse_MiddleButton;
  if (buttons & Qt::RightButton) keys |= Aspect_VKeyMouse_RightButton;
  return keys;
}

Aspect_VKeyFlags toOcctFlags(Qt::KeyboardModifiers modifiers) {
  Aspect_VKeyFlags flags = Aspect_VKeyFlags_NONE;
  if (modifiers & Qt::ShiftModifier) flags |= Aspect_VKeyFlags_SHIFT;
  if (modifiers & Qt::ControlModifier) flags |= Aspect_VKeyFlags_CTRL;
  if (modifiers & Qt::AltModifier) flags |= Aspect_VKeyFlags_ALT;
  if (modifiers & Qt::MetaModifier) flags |= Aspect_VKeyFlags_META;
  return flags;
}

// The overlays are native windows over the GL window: nothing shows through them, so they are
// opaque and square (rounded corners would show unpainted pixels).
const char* kOverlayStyle =
    "QLabel { background: #f9fafc; color: #1d2733; border: 1px solid #c9ced6; padding: 3px 6px; }";

// "vendor, renderer, GL version" of the view's GL context, for the log and the About box.
QString describeGl(const Handle(V3d_View) & view) {
  TColStd_IndexedDataMapOfStringString info;
  view->DiagnosticInformation(info, Graphic3d_DiagnosticInfo_Basic);
  QStringList parts;
  for (TColStd_IndexedDataMapOfStringString::Iterator it(info); it.More(); it.Next()) {
    const QString key = QString::fromUtf8(it.Key().ToCString());
    if (key == "GLvendor" || key == "GLdevice" || key == "GLversion")
      parts << QString::fromUtf8(it.Value().ToCString());
  }
  return parts.isEmpty() ? QStringLiteral("unknown GL") : parts.join(QStringLiteral(", "));
}

}  // namespace

OcctViewport::OcctViewport(QWidget* parent) : QWidget(parent), m_impl(std::make_unique<Impl>(this)) {
  // A native X window of its own that Qt never paints: OCCT draws and swaps it. Its ancestors
  // stay alien, so the rest of the window keeps painting through the raster backing store.
  setAttribute(Qt::WA_NativeWindow);
  setAttribute(Qt::WA_DontCreateNativeAncestors);
  setAttribute(Qt::WA_PaintOnScreen);
  setAttribute(Qt::WA_NoSystemBackground);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(200, 150);

  m_dimensionsLabel = new QLabel(this);
  m_dimensionsLabel->setObjectName("dimensionsOverlay");
  m_pickLabel = new QLabel(this);
  m_pickLabel->setObjectName("pickOverlay");
  m_measureLabel = new QLabel(this);
  m_measureLabel->setObjectName("measureOverlay");
  for (QLabel* label : {m_dimensionsLabel, m_pickLabel, m_measureLabel}) {
    // A non-native child would be painted into the window's backing store, under the GL window.
    label->setAttribute(Qt::WA_NativeWindow);
    label->setStyleSheet(kOverlayStyle);
    label->setAttribute(Qt::WA_TransparentForMouseEvents);
    label->setTextInteractionFlags(Qt::NoTextInteraction);
    label->hide();
  }

  try {
    Handle(Graphic3d_GraphicDriver) driver = GraphicDriverFactory::createForNativeWindow();
    Impl& d = *m_impl;
    d.viewer = new V3d_Viewer(driver);
    d.viewer->SetDefaultBackgroundColor(Quantity_NOC_WHITE);
    render::SceneBuilder::setupLights(d.viewer);
    d.context = new AIS_InteractiveContext(d.viewer);
    // With the driver's useSystemBuffer, OCCT draws "immediate" layers after its scene FBO
    // straight into the window's back buffer, which need not be sRGB, so lit objects there (the
    // view cube, measurements) could shade darker than the parts. Drawn with the scene they look
    // as before; hover highlights stay immediate (flat outlines: unaffected).
    for (const Graphic3d_ZLayerId layer : {Graphic3d_ZLayerId_Top, Graphic3d_ZLayerId_Topmost}) {
      Graphic3d_ZLayerSettings settings = d.viewer->ZLayerSettings(layer);
      settings.SetImmediate(false);
      d.viewer->SetZLayerSettings(layer, settings);
    }
    d.context->HighlightStyle(Prs3d_TypeOfHighlight_LocalSelected)->SetColor(Quantity_NOC_ORANGE);
    d.context->HighlightStyle(Prs3d_TypeOfHighlight_LocalDynamic)->SetColor(Quantity_NOC_CYAN1);
    d.view = d.viewer->CreateView();
    d.view->SetLightOn();
    d.view->SetImmediateUpdate(false);
    d.view->SetBgGradientColors(Quantity_Color(0.93, 0.95, 0.98, Quantity_TOC_sRGB),
                                Quantity_Color(0.78, 0.82, 0.88, Quantity_TOC_sRGB),
                                Aspect_GradientFillMethod_Vertical);
    d.view->Camera()->SetProjectionType(Graphic3d_Camera::Projection_Orthographic);

    d.viewCube = new AIS_ViewCube();
    d.viewCube->SetViewAnimation(d.ViewAnimation());
    d.viewCube->SetFixedAnimationLoop(false);
    d.viewCube->SetAutoStartAnimation(true);
    d.viewCube->SetBoxColor(Quantity_Color(0.86, 0.89, 0.93, Quantity_TOC_sRGB));
    d.viewCube->SetDrawAxes(false);

    // Right drag pans as in most CAD tools; left drag orbits, the wheel zooms at the cursor.
    d.ChangeMouseGestureMap().Bind(Aspect_VKeyMouse_RightButton, AIS_MouseGesture_Pan);
  } catch (const std::exception& e) {
    m_initError = QString::fromStdString(e.what());
  } catch (const Standard_Failure& e) {
    m_initError = QStringLiteral("the 3D view could not start: %1").arg(e.GetMessageString());
  }
}

OcctViewport::~OcctViewport() { releaseOcct(); }

void OcctViewport::releaseOcct() {
  Impl& d = *m_impl;
  if (d.viewer.IsNull()) return;
  // Keep the X display open until OCCT has destroyed its GL contexts, or GLX crashes at exit.
  Handle(Standard_Transient) display = GraphicDriverFactory::displayConnection(d.viewer);
  d.presentations.clear();
  d.shapes.clear();
  d.measureObjects.clear();
  d.boxObjects.clear();
  d.sectionPlane.Nullify();
  d.pickedShape.Nullify();
  if (!d.context.IsNull()) d.context->RemoveAll(false);
  d.context.Nullify();
  d.viewCube.Nullify();
  if (!d.view.IsNull()) d.view->Remove();
  d.view.Nullify();
  d.viewer.Nullify();
  d.window.Nullify();
  d.attached = false;
  display.Nullify();
}

bool OcctViewport::isViewReady() const { return m_impl->attached; }

// Gives OCCT the widget's native window: the first time, whenever Qt reported a change of it
// (recreated, or moved to another top-level), and when the device pixel ratio changed. OCCT
// then creates its GL context on that window.
bool OcctViewport::attachWindow() {
  Impl& d = *m_impl;
  if (d.view.IsNull() || !m_initError.isEmpty()) return false;
  const auto handle = Aspect_Drawable(winId());
  const double ratio = devicePixelRatioF();
  if (d.attached && d.window->NativeHandle() == handle && d.pixelRatio == ratio) return true;
  d.attached = false;
  try {
    if (d.window.IsNull()) d.window = new ViewportWindow();
    d.pixelRatio = ratio;
    d.window->setDevicePixelRatio(ratio);
    d.window->SetNativeHandle(handle);
    d.window->SetSize(std::max(1, int(std::lround(width() * ratio))), std::max(1, int(std::lround(height() * ratio))));
    d.view->SetWindow(d.window);
  } catch (const Standard_Failure& e) {
    m_initError = QStringLiteral("the 3D view could not use its window for OpenGL: %1").arg(e.GetMessageString());
    emit viewError(m_initError);
    return false;
  }
  d.attached = true;
  m_glInfo = describeGl(d.view);
  d.view->ChangeRenderingParams().Resolution = unsigned(std::lround(96.0 * ratio));
  d.viewCube->SetSize(60.0 * ratio, false);
  // In points: the view's Resolution (96 dpi x ratio) already scales text to device pixels.
  d.viewCube->SetFontHeight(11.0);
  d.viewCube->SetTransformPersistence(new Graphic3d_TransformPers(Graphic3d_TMF_TriedronPers, Aspect_TOTP_RIGHT_UPPER,
                                                                  Graphic3d_Vec2i(int(85 * ratio), int(85 * ratio))));
  if (d.context->IsDisplayed(d.viewCube))
    d.context->Redisplay(d.viewCube, false);
  else
    d.context->Display(d.viewCube, 0, 0, false);
  if (d.presentations.empty()) setStandardView(QStringLiteral("iso"));
  // The overlays' windows came with this one: let the pointer through them to the view.
  for (QLabel* label : {m_dimensionsLabel, m_pickLabel, m_measureLabel}) {
    label->winId();
    if (QWindow* window = label->windowHandle()) window->setFlag(Qt::WindowTransparentForInput);
  }
  return true;
}

void OcctViewport::updateWindowSize() {
  Impl& d = *m_impl;
  if (!d.attached) return;
  const int w = std::max(1, int(std::lround(width() * d.pixelRatio)));
  const int h = std::max(1, int(std::lround(height() * d.pixelRatio)));
  int oldWidth = 0, oldHeight = 0;
  d.window->Size(oldWidth, oldHeight);
  if (w == oldWidth && h == oldHeight) return;
  d.window->SetSize(w, h);
  d.view->MustBeResized();
}

bool OcctViewport::event(QEvent* event) {
  // Qt changed the native window (recreated it or moved it to another top-level): attach OCCT
  // to the current one before it draws again, never to a window that may be gone.
  if (event->type() == QEvent::WinIdChange) {
    m_impl->attached = false;
    update();
  }
  return QWidget::event(event);
}

void OcctViewport::paintEvent(QPaintEvent*) {
  Impl& d = *m_impl;
  // QWidget::render() and grab() (window screenshots) paint into an image, not the screen.
  if (redirected(nullptr) != nullptr) {
    const QImage image = grabFramebuffer();
    QPainter painter(this);
    if (image.isNull())
      painter.fillRect(rect(), palette().window());
    else
      painter.drawImage(rect(), image);
    return;
  }
  if (!attachWindow()) return;
  updateWindowSize();
  QElapsedTimer timer;
  timer.start();
  try {
    // An expose needs the picture again even when OCCT has nothing new to draw.
    d.view->InvalidateImmediate();
    d.FlushViewEvents(d.context, d.view, true);
  } catch (const Standard_Failure& e) {
    emit viewError(QStringLiteral("the 3D view failed to draw: %1").arg(e.GetMessageString()));
    return;
  }
  m_stats.paintMs = timer.nsecsElapsed() / 1e6;
  ++m_stats.paints;
  emit frameSwapped();
}

QImage OcctViewport::grabFramebuffer() {
  Impl& d = *m_impl;
  if (!attachWindow()) return {};
  updateWindowSize();
  int w = 0, h = 0;
  d.window->Size(w, h);
  Image_PixMap pixmap;
  V3d_ImageDumpOptions options;
  options.Width = w;
  options.Height = h;
  options.BufferType = Graphic3d_BT_RGB;
  options.ToAdjustAspect = true;
  bool ok = false;
  try {
    ok = d.view->ToPixMap(pixmap, options);
  } catch (const Standard_Failure& e) {
    emit viewError(QStringLiteral("the 3D view could not be captured: %1").arg(e.GetMessageString()));
    return {};
  }
  if (!ok || pixmap.IsEmpty() || pixmap.Format() != Image_Format_RGB) return {};
  QImage image(pixmap.Data(), int(pixmap.SizeX()), int(pixmap.SizeY()), int(pixmap.SizeRowBytes()),
               QImage::Format_RGB888);
  // OCCT's rows run bottom-up; mirrored() also copies the pixels out of the pixmap.
  image = pixmap.IsTopDown() ? image.copy() : image.mirrored();
  image.setDevicePixelRatio(d.pixelRatio);
  return image;
}

void OcctViewport::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  updateWindowSize();
  layoutOverlays();
}

void OcctViewport::setParts(const std::vector<kernel::Part>& parts) {
  Impl& d = *m_impl;
  if (d.context.IsNull()) return;
  QElapsedTimer timer;
  timer.start();
  const bool hadParts = !d.presentations.empty();
  for (const auto& prs : d.presentations) d.context->Remove(prs, false);
  d.presentations.clear();
  d.shapes.clear();
  // A measurement refers to the old shapes: it goes with them.
  const bool hadMeasurement = d.measurement.has_value() || !d.measurePicks.empty();
  removeMeasureObjects();
  d.measurePicks.clear();
  d.measurement.reset();
  const bool hadPick = d.pickedPart >= 0;
  d.pickedPart = -1;
  d.pickedShape.Nullify();

  std::vector<kernel::Part> drawable;
  for (const auto& part : parts)
    if (!part.shape.IsNull()) drawable.push_back(part);
  if (!drawable.empty()) {
    d.presentations = render::SceneBuilder().build(drawable);
    // Displayed straight into face selection (SceneBuilder::display shows without any):
    // faces and edges are what a person picks to refer to.
    for (const auto& prs : d.presentations) {
      d.context->Display(prs, AIS_Shaded, AIS_Shape::SelectionMode(TopAbs_FACE), false);
      d.context->Activate(prs, AIS_Shape::SelectionMode(TopAbs_EDGE));
    }
    for (const auto& part : drawable) d.shapes.push_back(part.shape);
  }
  updateVertexSelection();
  applySection();
  updateBoundingBoxObjects();
  if (hadMeasurement) showMeasureText({}, false);  // back to the mode's prompt
  if (!d.presentations.empty()) {
    const FitNext fit = hadParts ? m_fitOnNextParts : FitNext::Always;
    m_fitOnNextParts = FitNext::Never;
    if (fit == FitNext::Always || (fit == FitNext::IfOutOfView && !partsWellInView())) fitAll();
  }
  if (hadPick) {
    setPickText({});
    emit pickChanged(-1);
  }
  update();
  m_stats.setPartsMs = timer.nsecsElapsed() / 1e6;
}

void OcctViewport::clearParts() { setParts({}); }

int OcctViewport::partCount() const { return int(m_impl->presentations.size()); }

bool OcctViewport::partsWellInView() const {
  const Impl& d = *m_impl;
  if (d.view.IsNull() || d.presentations.empty()) return false;
  Bnd_Box box;
  for (const auto& prs : d.presentations) {
    Bnd_Box one;
    prs->BoundingBox(one);
    box.Add(one);
  }
  if (box.IsVoid()) return false;
  Standard_Integer width = 0, height = 0;
  d.view->Window()->Size(width, height);
  if (width <= 0 || height <= 0) return false;
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  int minX = INT_MAX, minY = INT_MAX, maxX = INT_MIN, maxY = INT_MIN;
  for (int i = 0; i < 8; ++i) {
    Standard_Integer px = 0, py = 0;
    d.view->Convert(i & 1 ? x1 : x0, i & 2 ? y1 : y0, i & 4 ? z1 : z0, px, py);
    if (px < 0 || py < 0 || px > width || py > height) return false;
    minX = std::min(minX, int(px));
    maxX = std::max(maxX, int(px));
    minY = std::min(minY, int(py));
    maxY = std::max(maxY, int(py));
  }
  return std::max(maxX - minX, maxY - minY) >= std::min(width, height) / 5;
}

std::array<double, 7> OcctViewport::cameraState() const {
  const Impl& d = *m_impl;
  if (d.view.IsNull()) return {};
  const Handle(Graphic3d_Camera)& camera = d.view->Camera();
  const gp_Pnt eye = camera->Eye(), centre = camera->Center();
  return {eye.X(), eye.Y(), eye.Z(), centre.X(), centre.Y(), centre.Z(), camera->Scale()};
}

void OcctViewport::fitAll() {
  Impl& d = *m_impl;
  if (d.view.IsNull()) return;
  d.AbortViewAnimation();
  // The view cube must not count: FitAll over everything but it.
  Bnd_Box box;
  for (const auto& prs : d.presentations) {
    Bnd_Box one;
    prs->BoundingBox(one);
    box.Add(one);
  }
  // The bounding-box dimension lines stand off the parts: keep them in the picture too.
  if (!box.IsVoid())
    for (const auto& dimension : d.boxObjects) {
      Bnd_Box one;
      dimension->BoundingBox(one);
      box.Add(one);
    }
  if (box.IsVoid()) {
    d.view->FitAll(0.01, false);
  } else {
    d.view->FitAll(box, 0.15, false);
    d.view->ZFitAll();
  }
  update();
}

void OcctViewport::setStandardView(const QString& name) {
  Impl& d = *m_impl;
  const render::StandardView* preset = render::findStandardView(name.toStdString());
  if (d.view.IsNull() || preset == nullptr) return;
  d.AbortViewAnimation();
  d.view->SetProj(preset->toEye.x, preset->toEye.y, preset->toEye.z);
  d.view->SetUp(preset->up.x, preset->up.y, preset->up.z);
  fitAll();
}

void OcctViewport::setPerspective(bool perspective) {
  Impl& d = *m_impl;
  if (d.view.IsNull()) return;
  d.view->Camera()->SetProjectionType(perspective ? Graphic3d_Camera::Projection_Perspective
                                                  : Graphic3d_Camera::Projection_Orthographic);
  d.view->ZFitAll();
  update();
}

bool OcctViewport::isPerspective() const {
  return !m_impl->view.IsNull() && m_impl->view->Camera()->ProjectionType() == Graphic3d_Camera::Projection_Perspective;
}

void OcctViewport::setDimensionsText(const QString& text) {
  m_dimensionsLabel->setText(text);
  m_dimensionsLabel->setVisible(!text.isEmpty() && m_impl->boxVisible);
  layoutOverlays();
}

QString OcctViewport::dimensionsText() const { return m_dimensionsLabel->text(); }

void OcctViewport::setPickText(const QString& text) {
  m_pickLabel->setText(text);
  m_pickLabel->setVisible(!text.isEmpty());
  layoutOverlays();
}

void OcctViewport::layoutOverlays() {
  const int margin = 8;
  m_dimensionsLabel->adjustSize();
  m_dimensionsLabel->move(margin, margin);
  m_pickLabel->setMaximumWidth(std::max(100, width() - 2 * margin));
  m_pickLabel->adjustSize();
  m_pickLabel->move(margin, height() - m_pickLabel->height() - margin);
  // Top centre, clear of the size label (left) and the view cube (right).
  m_measureLabel->setMaximumWidth(std::max(100, width() - 2 * 160));
  m_measureLabel->adjustSize();
  m_measureLabel->move((width() - m_measureLabel->width()) / 2, margin);
}

bool OcctViewport::pickedSubShape(int& partIndex, TopoDS_Shape& subShape) const {
  if (m_impl->pickedPart < 0) return false;
  partIndex = m_impl->pickedPart;
  subShape = m_impl->pickedShape;
  return true;
}

void OcctViewport::clearPick() {
  Impl& d = *m_impl;
  if (!d.context.IsNull()) d.context->ClearSelected(false);
  d.pickedPart = -1;
  d.pickedShape.Nullify();
  setPickText({});
  emit pickChanged(-1);
  update();
}

void OcctViewport::onSelectionChanged() {
  Impl& d = *m_impl;
  int part = -1;
  TopoDS_Shape shape;
  d.context->InitSelected();
  if (d.context->MoreSelected()) {
    Handle(StdSelect_BRepOwner) owner = Handle(StdSelect_BRepOwner)::DownCast(d.context->SelectedOwner());
    if (!owner.IsNull()) {
      for (size_t i = 0; i < d.presentations.size(); ++i)
        if (owner->Selectable() == d.presentations[i]) part = int(i);
      if (part >= 0) shape = owner->Shape();
    }
  }
  d.pickedPart = part;
  d.pickedShape = shape;
  if (part < 0) setPickText({});
  emit pickChanged(part);
  if (part >= 0 && d.measureMode != MeasureMode::Off) addMeasurePick(shape);
}

void OcctViewport::pickAt(const QPoint& pos) {
  Impl& d = *m_impl;
  if (d.view.IsNull() || d.context.IsNull()) return;
  const Graphic3d_Vec2i pixel = d.toBacking(QPointF(pos));
  d.context->MoveTo(pixel.x(), pixel.y(), d.view, false);
  d.ResetPreviousMoveTo();  // the controller's hover cache no longer matches the context
  d.context->SelectDetected(AIS_SelectionScheme_Replace);
  onSelectionChanged();
  update();
}

QPoint OcctViewport::projectToWidget(double x, double y, double z) const {
  const Impl& d = *m_impl;
  if (d.view.IsNull()) return {};
  Standard_Integer px = 0, py = 0;
  d.view->Convert(x, y, z, px, py);
  const double ratio = devicePixelRatioF();
  return QPoint(int(std::lround(px / ratio)), int(std::lround(py / ratio)));
}

void OcctViewport::mousePressEvent(QMouseEvent* event) {
  setFocus(Qt::MouseFocusReason);
  if (m_impl->view.IsNull()) return;
  if (m_impl->UpdateMouseButtons(m_impl->toBacking(event->position()), toOcctButtons(event->buttons()),
                                 toOcctFlags(event->modifiers()), false))
    update();
}

void OcctViewport::mouseReleaseEvent(QMouseEvent* event) {
  if (m_impl->view.IsNull()) return;
  // The controller skips detection when the cursor has not moved since its last MoveTo, but the
  // camera, the scene or pickAt() may have changed what lies under it: detect afresh on a click.
  m_impl->ResetPreviousMoveTo();
  if (m_impl->UpdateMouseButtons(m_impl->toBacking(event->position()), toOcctButtons(event->buttons()),
                                 toOcctFlags(event->modifiers()), false))
    update();
}

void OcctViewport::mouseMoveEvent(QMouseEvent* event) {
  if (m_impl->view.IsNull()) return;
  if (m_impl->UpdateMousePosition(m_impl->toBacking(event->position()), toOcctButtons(event->buttons()),
                                  toOcctFlags(event->modifiers()), false))
    update();
}

void OcctViewport::wheelEvent(QWheelEvent* event) {
  if (m_impl->view.IsNull()) return;
  // Qt reports eighths of a degree; OCCT expects a delta in wheel steps scaled like degrees.
  if (m_impl->UpdateZoom(Aspect_ScrollDelta(m_impl->toBacking(event->position()), event->angleDelta().y() / 8.0)))
    update();
}

void OcctViewport::leaveEvent(QEvent* event) {
  QWidget::leaveEvent(event);
  // Drop the hover highlight when the cursor leaves.
  if (!m_impl->view.IsNull()) {
    m_impl->UpdateMousePosition(Graphic3d_Vec2i(-1, -1), Aspect_VKeyMouse_NONE, Aspect_VKeyFlags_NONE, false);
    update();
  }
}

}  // namespace partsmith::app
