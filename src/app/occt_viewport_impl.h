// OcctViewport's private state, shared by occt_viewport.cpp (view, input, picking) and
// occt_viewport_tools.cpp (section plane, measure, bounding-box dimensions).
#pragma once
#include <cmath>
#include <optional>
#include <vector>

#include <QPointF>

#include <AIS_InteractiveContext.hxx>
#include <AIS_InteractiveObject.hxx>
#include <AIS_Shape.hxx>
#include <AIS_ViewController.hxx>
#include <AIS_ViewCube.hxx>
#include <Graphic3d_ClipPlane.hxx>
#include <TopoDS_Shape.hxx>
#include <V3d_View.hxx>
#include <V3d_Viewer.hxx>

#include "app/measure_tool.h"
#include "app/occt_viewport.h"
#include "app/viewport_window.h"

namespace partsmith::app {

// The AIS_ViewController lives here so the widget's header stays free of OCCT.
struct OcctViewport::Impl : public AIS_ViewController {
  explicit Impl(OcctViewport* owner) : widget(owner) {}

  void OnSelectionChanged(const Handle(AIS_InteractiveContext)&, const Handle(V3d_View)&) override {
    widget->onSelectionChanged();
  }

  // The view cube animates the camera over several frames: keep asking Qt for them.
  void handleViewRedraw(const Handle(AIS_InteractiveContext)& ctx, const Handle(V3d_View)& view) override {
    AIS_ViewController::handleViewRedraw(ctx, view);
    if (toAskNextFrame()) widget->update();
  }

  Graphic3d_Vec2i toBacking(const QPointF& pos) const {
    const double ratio = widget->devicePixelRatioF();
    return Graphic3d_Vec2i(int(std::lround(pos.x() * ratio)), int(std::lround(pos.y() * ratio)));
  }

  OcctViewport* widget;
  Handle(V3d_Viewer) viewer;
  Handle(V3d_View) view;
  Handle(AIS_InteractiveContext) context;
  Handle(AIS_ViewCube) viewCube;
  Handle(ViewportWindow) window;
  bool attached = false;  // the view draws into the widget's current native window
  std::vector<Handle(AIS_Shape)> presentations;
  std::vector<TopoDS_Shape> shapes;  // the parts' exact shapes, same order as presentations
  double pixelRatio = 0;
  int pickedPart = -1;
  TopoDS_Shape pickedShape;

  // Section plane
  Handle(Graphic3d_ClipPlane) sectionPlane;
  bool sectionEnabled = false;
  int sectionAxis = 2;
  double sectionOffset = 0;
  bool sectionOffsetSet = false;  // false: the first parts put it at their middle
  bool sectionFlipped = false;

  // Measure
  OcctViewport::MeasureMode measureMode = OcctViewport::MeasureMode::Off;
  std::vector<TopoDS_Shape> measurePicks;
  std::vector<Handle(AIS_InteractiveObject)> measureObjects;
  std::optional<Measurement> measurement;

  // Bounding-box dimensions
  bool boxVisible = true;
  std::vector<Handle(AIS_InteractiveObject)> boxObjects;
};


}  // namespace partsmith::app
