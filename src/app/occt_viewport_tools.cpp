// OcctViewport's tools: the capped section plane, the measure mode and the bounding-box
// dimension lines. The view, input and picking are in occt_viewport.cpp.
#include <algorithm>
#include <cmath>

#include <QLabel>

#include <AIS_Shape.hxx>
#include <BRepBndLib.hxx>
#include <Bnd_Box.hxx>
#include <Graphic3d_AspectFillArea3d.hxx>
#include <Graphic3d_AspectLine3d.hxx>
#include <Graphic3d_ZLayerId.hxx>
#include <Prs3d_ShadingAspect.hxx>
#include <Graphic3d_MaterialAspect.hxx>
#include <Prs3d_ArrowAspect.hxx>
#include <Prs3d_DimensionAspect.hxx>
#include <Prs3d_LineAspect.hxx>
#include <Prs3d_TextAspect.hxx>
#include <PrsDim_AngleDimension.hxx>
#include <PrsDim_LengthDimension.hxx>
#include <PrsDim_RadiusDimension.hxx>
#include <Standard_Failure.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>
#include <gp_Pln.hxx>

#include "app/occt_viewport_impl.h"

namespace partsmith::app {

namespace {

// Opaque and square like the other overlays: the label is a native window over the GL window.
const char* kMeasureStyle =
    "QLabel { background: #fffae7; color: #1d2733; border: 1px solid #d2bb87; padding: 4px 8px; font-weight: 600; }";
const char* kMeasureErrorStyle = "QLabel { background: #ffeded; color: #8a0018; border: 1px solid #d98796; padding: 4px 8px; }";

const Quantity_Color kMeasureColor(0.85, 0.35, 0.0, Quantity_TOC_sRGB);
const Quantity_Color kBoxColor(0.15, 0.30, 0.55, Quantity_TOC_sRGB);
const Quantity_Color kCapColor(0.80, 0.25, 0.20, Quantity_TOC_sRGB);

int picksNeeded(OcctViewport::MeasureMode mode) { return mode == OcctViewport::MeasureMode::Radius ? 1 : 2; }

QString modeName(OcctViewport::MeasureMode mode) {
  switch (mode) {
    case OcctViewport::MeasureMode::Distance: return QObject::tr("Distance");
    case OcctViewport::MeasureMode::Radius: return QObject::tr("Radius");
    case OcctViewport::MeasureMode::Angle: return QObject::tr("Angle");
    default: return {};
  }
}

// Line, arrow and text sizes in model units scale with the part so dimensions stay readable.
Handle(Prs3d_DimensionAspect) dimensionAspect(const Quantity_Color& color, double modelSize) {
  Handle(Prs3d_DimensionAspect) aspect = new Prs3d_DimensionAspect();
  aspect->MakeText3d(false);  // screen-space text: same size at any zoom
  aspect->MakeTextShaded(true);
  aspect->TextAspect()->SetHeight(16);
  aspect->MakeArrows3d(false);
  aspect->ArrowAspect()->SetLength(std::max(0.5, modelSize * 0.025));
  aspect->SetArrowTailSize(std::max(0.5, modelSize * 0.02));
  aspect->SetExtensionSize(std::max(0.5, modelSize * 0.03));
  aspect->SetCommonColor(color);
  aspect->LineAspect()->SetWidth(2.0);
  aspect->MakeUnitsDisplayed(false);
  // OCCT's "fit" placement measures screen-space text as if its pixel height were millimetres,
  // which pushes the value of any dimension shorter than ~35 mm outside its arrows: centre it.
  aspect->SetTextHorizontalPosition(Prs3d_DTHP_Center);
  aspect->SetArrowOrientation(Prs3d_DAO_Internal);
  return aspect;
}

// A plane containing the segment a-b, facing the camera as much as it can.
gp_Pln planeThrough(const gp_Pnt& a, const gp_Pnt& b, const gp_Dir& toEye) {
  const gp_Vec along(a, b);
  gp_Vec normal = gp_Vec(toEye) - along.Normalized() * gp_Vec(toEye).Dot(along.Normalized());
  if (normal.Magnitude() < 1e-6) normal = along.Crossed(std::abs(along.Normalized().Z()) < 0.9 ? gp_Vec(0, 0, 1) : gp_Vec(1, 0, 0));
  return gp_Pln(a, gp_Dir(normal));
}

// The picked element drawn over its part. It has the part's own triangles, so it is pulled a
// little towards the camera; at equal depth the part would win or lose at random (z-fighting).
Handle(AIS_Shape) measureMarker(const TopoDS_Shape& shape) {
  Handle(AIS_Shape) marker = new AIS_Shape(shape);
  marker->SetColor(kMeasureColor);
  marker->SetWidth(4.0);
  marker->SetTransparency(0.3);
  marker->Attributes()->ShadingAspect()->Aspect()->SetPolygonOffsets(Aspect_POM_Fill, 1.0f, -1.0f);
  return marker;
}

Bnd_Box boxOf(const std::vector<TopoDS_Shape>& shapes) {
  Bnd_Box box;
  for (const auto& shape : shapes) BRepBndLib::AddOptimal(shape, box, false, false);
  return box;
}

}  // namespace

// ---------------------------------------------------------------- section plane

void OcctViewport::setSectionEnabled(bool enabled) {
  if (m_impl->sectionEnabled == enabled) return;
  m_impl->sectionEnabled = enabled;
  applySection();
  update();
  emit sectionChanged();
}

bool OcctViewport::isSectionEnabled() const { return m_impl->sectionEnabled; }

void OcctViewport::setSectionAxis(int axis) {
  Impl& d = *m_impl;
  axis = std::clamp(axis, 0, 2);
  if (axis == d.sectionAxis) return;
  d.sectionAxis = axis;
  // A new axis: start in the parts' middle along it.
  double lo = 0, hi = 0;
  if (sectionRange(axis, lo, hi)) d.sectionOffset = 0.5 * (lo + hi);
  applySection();
  update();
  emit sectionChanged();
}

int OcctViewport::sectionAxis() const { return m_impl->sectionAxis; }

void OcctViewport::setSectionOffset(double mm) {
  Impl& d = *m_impl;
  d.sectionOffsetSet = true;
  if (d.sectionOffset == mm) return;
  d.sectionOffset = mm;
  applySection();
  update();
  emit sectionChanged();
}

double OcctViewport::sectionOffset() const { return m_impl->sectionOffset; }

void OcctViewport::setSectionFlipped(bool flipped) {
  if (m_impl->sectionFlipped == flipped) return;
  m_impl->sectionFlipped = flipped;
  applySection();
  update();
  emit sectionChanged();
}

bool OcctViewport::isSectionFlipped() const { return m_impl->sectionFlipped; }

bool OcctViewport::sectionRange(int axis, double& min, double& max) const {
  const Bnd_Box box = boxOf(m_impl->shapes);
  if (box.IsVoid()) return false;
  double lo[3], hi[3];
  box.Get(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]);
  axis = std::clamp(axis, 0, 2);
  min = lo[axis];
  max = hi[axis];
  return true;
}

void OcctViewport::applySection() {
  Impl& d = *m_impl;
  if (d.context.IsNull()) return;
  if (!d.sectionOffsetSet) {
    double lo = 0, hi = 0;
    if (sectionRange(d.sectionAxis, lo, hi)) d.sectionOffset = 0.5 * (lo + hi);
  }
  if (d.sectionPlane.IsNull()) {
    d.sectionPlane = new Graphic3d_ClipPlane();
    // Capping fills the cut with a solid face (needs closed solids and a stencil buffer, which
    // the surface format asks for) so the cut reads as material, not a hollow shell.
    d.sectionPlane->SetCapping(true);
    d.sectionPlane->SetUseObjectMaterial(false);
    d.sectionPlane->SetCappingColor(kCapColor);
    Graphic3d_MaterialAspect capMaterial(Graphic3d_NameOfMaterial_Plastified);
    capMaterial.SetColor(kCapColor);
    d.sectionPlane->SetCappingMaterial(capMaterial);
    // Unlit: a cut facing away from the light came out almost black under the default lights;
    // a flat colour reads as "cut material" from any side.
    Handle(Graphic3d_AspectFillArea3d) capAspect = d.sectionPlane->CappingAspect();
    capAspect->SetShadingModel(Graphic3d_TypeOfShadingModel_Unlit);
    d.sectionPlane->SetCappingAspect(capAspect);
  }
  // OCCT keeps the half-space where the plane equation is positive.
  gp_Dir normal(d.sectionAxis == 0 ? -1 : 0, d.sectionAxis == 1 ? -1 : 0, d.sectionAxis == 2 ? -1 : 0);
  if (d.sectionFlipped) normal.Reverse();
  gp_Pnt origin(0, 0, 0);
  origin.SetCoord(d.sectionAxis + 1, d.sectionOffset);
  d.sectionPlane->SetEquation(gp_Pln(origin, normal));
  d.sectionPlane->SetOn(d.sectionEnabled);
  // On the parts only: the view cube, dimensions and measure markers stay whole.
  for (const auto& prs : d.presentations) {
    Handle(Graphic3d_SequenceOfHClipPlane) planes = prs->ClipPlanes();
    bool has = false;
    if (!planes.IsNull())
      for (Graphic3d_SequenceOfHClipPlane::Iterator it(*planes); it.More(); it.Next()) has = has || it.Value() == d.sectionPlane;
    if (d.sectionEnabled && !has) prs->AddClipPlane(d.sectionPlane);
    if (!d.sectionEnabled && has) prs->RemoveClipPlane(d.sectionPlane);
  }
  d.view->Invalidate();
}

// ---------------------------------------------------------------- measure

void OcctViewport::setMeasureMode(MeasureMode mode) {
  Impl& d = *m_impl;
  if (d.measureMode == mode) return;
  d.measureMode = mode;
  d.measurePicks.clear();
  removeMeasureObjects();
  d.measurement.reset();
  updateVertexSelection();
  showMeasureText({}, false);
  update();
  emit measureModeChanged(mode);
}

OcctViewport::MeasureMode OcctViewport::measureMode() const { return m_impl->measureMode; }

std::optional<Measurement> OcctViewport::lastMeasurement() const { return m_impl->measurement; }

QString OcctViewport::measureText() const { return m_measureLabel->text(); }

void OcctViewport::clearMeasurement() {
  m_impl->measurePicks.clear();
  m_impl->measurement.reset();
  removeMeasureObjects();
  showMeasureText({}, false);
  update();
}

void OcctViewport::updateVertexSelection() {
  Impl& d = *m_impl;
  if (d.context.IsNull()) return;
  const int vertexMode = AIS_Shape::SelectionMode(TopAbs_VERTEX);
  for (const auto& prs : d.presentations) {
    if (d.measureMode == MeasureMode::Distance)
      d.context->Activate(prs, vertexMode);
    else
      d.context->Deactivate(prs, vertexMode);
  }
}

void OcctViewport::removeMeasureObjects() {
  Impl& d = *m_impl;
  if (!d.context.IsNull())
    for (const auto& object : d.measureObjects) d.context->Remove(object, false);
  d.measureObjects.clear();
  // Removing alone does not mark the view for a full redraw.
  if (!d.view.IsNull()) d.view->Invalidate();
}

void OcctViewport::showMeasureText(const QString& text, bool error) {
  const Impl& d = *m_impl;
  QString shown = text;
  if (shown.isEmpty() && d.measureMode != MeasureMode::Off) {
    const int needed = picksNeeded(d.measureMode);
    const int have = int(d.measurePicks.size());
    if (d.measureMode == MeasureMode::Radius)
      shown = tr("Radius: click a circular edge or a round face");
    else if (have == 0)
      shown = tr("%1: click the first face, edge%2").arg(modeName(d.measureMode), d.measureMode == MeasureMode::Distance ? tr(" or vertex") : QString());
    else if (have < needed)
      shown = tr("%1: click the second element").arg(modeName(d.measureMode));
  }
  m_measureLabel->setStyleSheet(error ? kMeasureErrorStyle : kMeasureStyle);
  m_measureLabel->setText(shown);
  m_measureLabel->setVisible(!shown.isEmpty());
  layoutOverlays();
  emit measurementChanged(shown);
}

void OcctViewport::addMeasurePick(const TopoDS_Shape& shape) {
  Impl& d = *m_impl;
  const int needed = picksNeeded(d.measureMode);
  if (int(d.measurePicks.size()) >= needed || d.measurement) {
    // The previous measurement is done: this pick starts the next one.
    d.measurePicks.clear();
    d.measurement.reset();
    removeMeasureObjects();
  }
  d.measurePicks.push_back(shape);
  if (int(d.measurePicks.size()) < needed) {
    // Keep the first pick visible while the second is chosen (the selection only holds one).
    Handle(AIS_Shape) marker = measureMarker(shape);
    d.context->Display(marker, shape.ShapeType() == TopAbs_FACE ? AIS_Shaded : AIS_WireFrame, -1, false);
    d.measureObjects.push_back(marker);
    showMeasureText({}, false);
    update();
    return;
  }
  const TopoDS_Shape first = d.measurePicks[0];
  const TopoDS_Shape second = needed > 1 ? d.measurePicks[1] : TopoDS_Shape();
  measureShapes(d.measureMode, first, second);
}

bool OcctViewport::measureShapes(MeasureMode mode, const TopoDS_Shape& first, const TopoDS_Shape& second) {
  Impl& d = *m_impl;
  removeMeasureObjects();
  d.measurement.reset();
  if (mode == MeasureMode::Off) {
    showMeasureText(tr("Choose Distance, Radius or Angle to measure"), true);
    return false;
  }
  Measurement m;
  try {
    if (mode == MeasureMode::Distance)
      m = measureDistance(first, second);
    else if (mode == MeasureMode::Radius)
      m = measureRadius(first);
    else
      m = measureAngle(first, second);
  } catch (const std::exception& e) {
    d.measurePicks.clear();
    showMeasureText(QString::fromStdString(e.what()), true);
    update();
    return false;
  }
  d.measurement = m;

  // The dimension drawn in the scene; the label carries the value even when no dimension can
  // be drawn (touching elements, skew lines).
  const Bnd_Box box = boxOf(d.shapes);
  const double size = box.IsVoid() ? 10.0 : std::sqrt(box.SquareExtent());
  const gp_Dir toEye = d.view.IsNull() ? gp_Dir(0, 0, 1) : d.view->Camera()->Direction().Reversed();
  Handle(PrsDim_Dimension) dimension;
  try {
    if (m.kind == Measurement::Kind::Distance && m.value > 1e-6) {
      dimension = new PrsDim_LengthDimension(m.first, m.second, planeThrough(m.first, m.second, toEye));
    } else if (m.kind == Measurement::Kind::Radius && first.ShapeType() == TopAbs_EDGE) {
      dimension = new PrsDim_RadiusDimension(first);
    } else if (m.kind == Measurement::Kind::Radius && m.value > 1e-6) {
      // Draw the radius across the line of sight, where it shows at full length (a radius
      // pointing at the camera would be a dot).
      gp_Ax2 axis = m.circleAxis;
      const gp_Vec across = gp_Vec(axis.Direction()).Crossed(gp_Vec(toEye));
      if (across.Magnitude() > 1e-6) axis = gp_Ax2(axis.Location(), axis.Direction(), gp_Dir(across));
      dimension = new PrsDim_RadiusDimension(gp_Circ(axis, m.value));
    } else if (m.kind == Measurement::Kind::Angle && first.ShapeType() == TopAbs_FACE && second.ShapeType() == TopAbs_FACE &&
               m.value > 0.01 && m.value < 179.99) {
      dimension = new PrsDim_AngleDimension(TopoDS::Face(first), TopoDS::Face(second));
    } else if (m.kind == Measurement::Kind::Angle && first.ShapeType() == TopAbs_EDGE && second.ShapeType() == TopAbs_EDGE &&
               m.value > 0.01) {
      dimension = new PrsDim_AngleDimension(TopoDS::Edge(first), TopoDS::Edge(second));
    }
    if (!dimension.IsNull() && dimension->IsValid()) {
      dimension->SetDimensionAspect(dimensionAspect(kMeasureColor, size));
      if (m.kind == Measurement::Kind::Distance) dimension->SetFlyout(0);
      d.context->Display(dimension, 0, -1, false);
      // In front of everything: a radius sits inside its cylinder, a distance may pass behind
      // another part.
      d.context->SetZLayer(dimension, Graphic3d_ZLayerId_Topmost);
      d.measureObjects.push_back(dimension);
    }
  } catch (const Standard_Failure&) {
    // Only the drawing failed; the value in the label stands.
  }
  for (const TopoDS_Shape& shape : {first, second}) {
    if (shape.IsNull()) continue;
    Handle(AIS_Shape) marker = measureMarker(shape);
    d.context->Display(marker, shape.ShapeType() == TopAbs_FACE ? AIS_Shaded : AIS_WireFrame, -1, false);
    d.measureObjects.push_back(marker);
  }
  showMeasureText(QString::fromStdString(m.text), false);
  update();
  return true;
}

// ---------------------------------------------------------------- bounding box

void OcctViewport::setBoundingBoxVisible(bool visible) {
  Impl& d = *m_impl;
  if (d.boxVisible == visible) return;
  d.boxVisible = visible;
  m_dimensionsLabel->setVisible(visible && !m_dimensionsLabel->text().isEmpty());
  updateBoundingBoxObjects();
  update();
  emit boundingBoxVisibleChanged(visible);
}

bool OcctViewport::isBoundingBoxVisible() const { return m_impl->boxVisible; }

bool OcctViewport::boundingBoxSize(double& dx, double& dy, double& dz) const {
  const Bnd_Box box = boxOf(m_impl->shapes);
  if (box.IsVoid()) return false;
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  dx = x1 - x0;
  dy = y1 - y0;
  dz = z1 - z0;
  return true;
}

void OcctViewport::updateBoundingBoxObjects() {
  Impl& d = *m_impl;
  if (d.context.IsNull()) return;
  for (const auto& object : d.boxObjects) d.context->Remove(object, false);
  d.boxObjects.clear();
  if (!d.view.IsNull()) d.view->Invalidate();
  const Bnd_Box box = boxOf(d.shapes);
  if (!d.boxVisible || box.IsVoid()) return;
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  const double size = std::sqrt(box.SquareExtent());
  const double flyout = size * 0.08;
  // Along the front-bottom X edge, the right-bottom Y edge and the front-right Z edge: the
  // edges the iso view shows. OCCT offsets a dimension along (plane normal × a→b), so the
  // normals are chosen to push each line away from the box (-Y, +X and the +X-Y diagonal).
  struct Edge {
    gp_Pnt a, b;
    gp_Dir planeNormal;
    double flyout;
  };
  const Edge edges[] = {{gp_Pnt(x0, y0, z0), gp_Pnt(x1, y0, z0), gp_Dir(0, 0, -1), flyout},
                        {gp_Pnt(x1, y0, z0), gp_Pnt(x1, y1, z0), gp_Dir(0, 0, -1), flyout},
                        {gp_Pnt(x1, y0, z0), gp_Pnt(x1, y0, z1), gp_Dir(1, 1, 0), flyout}};
  for (const Edge& e : edges) {
    if (e.a.Distance(e.b) < 1e-6) continue;
    try {
      Handle(PrsDim_LengthDimension) dimension = new PrsDim_LengthDimension(e.a, e.b, gp_Pln(e.a, e.planeNormal));
      if (!dimension->IsValid()) continue;
      dimension->SetDimensionAspect(dimensionAspect(kBoxColor, size));
      dimension->SetFlyout(e.flyout);
      d.context->Display(dimension, 0, -1, false);
      d.boxObjects.push_back(dimension);
    } catch (const Standard_Failure&) {
      // A degenerate box side: the label still gives the size.
    }
  }
}

}  // namespace partsmith::app
