#include <catch2/catch.hpp>
#include <iostream>
#include <Bnd_Box.hxx>
#include <TopoDS.hxx>
#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
using namespace partsmith::kernel;
TEST_CASE("probe", "[w3d-probe]") {
  auto top = [] { return Workplane::create("XY")->box(20, 20, 10)->faces(parseSelector(">Z"))->workplane(); };
  auto p = [](const char* n, const WorkplanePtr& w) {
    double a,b,c,d,e,f; tightBoundingBox(w->toShape()).Get(a,b,c,d,e,f);
    std::cout << n << " vol=" << shapeVolume(w->toShape()) << " bbox " << a<<" "<<b<<" "<<c<<" "<<d<<" "<<e<<" "<<f << "\n"; };
  p("thru taper 5", top()->rect(4, 4)->cutThruAll(true, 5));
  p("thru taper -5", top()->rect(4, 4)->cutThruAll(true, -5));
  p("cutBlind taper 5", top()->rect(4, 4)->cutBlind(ExtentUntil::of(-5), true, false, 5.0));
  SweepOptions o; o.normal = gp_Vec(0,1,0);
  p("sweep normal", Workplane::create("XY")->rect(2,1)->sweep(Workplane::create("XZ")->threePointArc(gp_XY(3,7), gp_XY(10,10)), o));
  SweepOptions sh; sh.makeSolid = false;
  auto shell = Workplane::create("XY")->circle(1)->sweep(Workplane::create("XZ")->lineTo(0, 10), sh);
  std::cout << "shell type " << shell->toShape().ShapeType() << " area " << shapeArea(shell->toShape()) << "\n";
  auto solid = [] { return Workplane::create("XY")->box(20, 20, 10, {true, true, false})->cut(Workplane::create("XY", gp_Pnt(0, 0, 5))->box(30, 10, 4)); };
  auto f = std::get<TopoDS_Shape>(solid()->faces(parseSelector(">Z"))->val());
  p("until face", solid()->faces(parseSelector("<Z"))->workplane(-3, true)->rect(2,2)->extrude(ExtentUntil{ExtentUntil::Kind::Face,0,TopoDS::Face(f)}));
  p("next both", solid()->faces(parseSelector("<Z"))->workplane(-5, true)->rect(2,2)->extrude(ExtentUntil{ExtentUntil::Kind::Next,0,{}}, Combine::Union, true, true));
  p("block+both next from tunnel", solid()->copyWorkplane(Workplane::create("XY", gp_Pnt(0,0,5)))->rect(2,2)->extrude(ExtentUntil{ExtentUntil::Kind::Next,0,{}}, Combine::Union, true, true));
}
