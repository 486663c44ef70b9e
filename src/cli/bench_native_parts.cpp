#include "cli/bench_native_parts.h"

#include <array>
#include <cmath>
#include <map>
#include <vector>

#include <BRep_Builder.hxx>
#include <TopoDS_Compound.hxx>

#include "kernel/selector.h"
#include "kernel/workplane.h"

// Each builder repeats its script (resources/examples/<stem>.js) call for call, so the bench
// compares the same kernel work with and without the JavaScript engine and the worker process.
// `alternate` moves the script's first numeric slider by one step, as the bench's scripted runs
// do, so both sides rebuild the same two variants.

namespace partsmith::cli {
namespace {

using kernel::CenterOption;
using kernel::Combine;
using kernel::ExtentUntil;
using kernel::StackItem;
using kernel::Workplane;
using kernel::WorkplanePtr;

constexpr double kPi = 3.14159265358979323846;
const kernel::Centered3 kOnBed = {true, true, false};

kernel::SelectorPtr sel(const char* text) { return kernel::parseSelector(text); }

std::vector<StackItem> points(const std::vector<std::array<double, 2>>& xy) {
  std::vector<StackItem> items;
  for (const auto& p : xy) items.emplace_back(gp_Pnt(p[0], p[1], 0));
  return items;
}

TopoDS_Shape compoundOf(const std::vector<TopoDS_Shape>& parts) {
  BRep_Builder builder;
  TopoDS_Compound compound;
  builder.MakeCompound(compound);
  for (const auto& part : parts) builder.Add(compound, part);
  return compound;
}

// spur_gear.js; first slider: teeth (step 1).
TopoDS_Shape spurGear(bool alternate) {
  const int teeth = alternate ? 25 : 24;
  const double module = 2, thickness = 8, hubDiameter = 18, hubLength = 6, bore = 8, keyWidth = 2;
  const int holes = 5;
  const double holeDiameter = 8;

  const double pitchR = module * teeth / 2, tipR = pitchR + module, rootR = pitchR - 1.25 * module;
  const double step = 2 * kPi / teeth, tan20 = std::tan(20 * kPi / 180);
  auto halfAt = [&](double r) { return (kPi * module / 4 + (pitchR - r) * tan20) / r; };
  std::vector<gp_XY> outline;
  for (int i = 0; i < teeth; ++i) {
    const double a = i * step;
    auto polar = [](double r, double t) { return gp_XY(r * std::cos(t), r * std::sin(t)); };
    outline.push_back(polar(rootR, a - halfAt(rootR)));
    outline.push_back(polar(tipR, a - halfAt(tipR)));
    outline.push_back(polar(tipR, a + halfAt(tipR)));
    outline.push_back(polar(rootR, a + halfAt(rootR)));
  }
  const double webR = (rootR + hubDiameter / 2) / 2;
  WorkplanePtr sketch = Workplane::create("XY")->polyline(outline)->close()->circle(bore / 2);
  if (holes > 0) sketch = sketch->polarArray(webR, 90, 360, holes)->circle(holeDiameter / 2);
  WorkplanePtr gear = sketch->extrude(ExtentUntil::of(thickness))
                          ->faces(sel(">Z"))
                          ->workplane()
                          ->circle(hubDiameter / 2)
                          ->circle(bore / 2)
                          ->extrude(ExtentUntil::of(hubLength));
  WorkplanePtr keyway = Workplane::create("XY")->center(bore / 2, 0)->box(keyWidth, keyWidth, 3 * (thickness + hubLength));
  return gear->cut(keyway)->toShape();
}

// arduino_uno_case.js; first slider: wall (step 0.2).
TopoDS_Shape arduinoUnoCase(bool alternate) {
  const double wall = alternate ? 2.2 : 2.0;
  const double gap = 0.5, standoffHeight = 4, wallAboveBoard = 12;
  const int vents = 6;
  const double ventWidth = 3;
  const double boardLength = 68.6, boardWidth = 53.3, boardThickness = 1.6;
  const std::vector<std::array<double, 2>> holes = {{13.97, 2.54}, {15.24, 50.8}, {66.04, 7.62}, {66.04, 35.56}};
  const std::vector<std::array<double, 3>> jacks = {{38.1, 12.6, 0}, {7.6, 9.4, 0}};

  const double boardTop = wall + standoffHeight + boardThickness;
  const double height = boardTop + wallAboveBoard;
  const double outerLength = boardLength + 2 * (gap + wall);
  const double outerWidth = boardWidth + 2 * (gap + wall);

  WorkplanePtr tray = Workplane::create("XY")
                          ->box(outerLength, outerWidth, height, kOnBed)
                          ->edges(sel("|Z"))
                          ->fillet(3)
                          ->faces(sel(">Z"))
                          ->shell(-wall)
                          ->translate(gp_Vec(boardLength / 2, boardWidth / 2, 0));
  WorkplanePtr standoffs =
      Workplane::create("XY")->workplane(wall)->pushPoints(points(holes))->circle(2.5)->extrude(ExtentUntil::of(standoffHeight));
  WorkplanePtr withStandoffs = tray->unionWith(kernel::ShapeSource(standoffs))
                                   ->faces(sel(">Z[-2]"))
                                   ->workplane(0, false, CenterOption::ProjectedOrigin, gp_Pnt(0, 0, 0))
                                   ->pushPoints(points(holes))
                                   ->hole(2.8, standoffHeight);
  WorkplanePtr cutters = Workplane::create("XY");
  for (const auto& jack : jacks)
    cutters->add(Workplane::create("XY")
                     ->box(4 * wall, jack[1], height, kOnBed)
                     ->translate(gp_Vec(-gap - wall / 2, jack[0], boardTop + jack[2])));
  WorkplanePtr slotted = withStandoffs->cut(cutters);
  if (vents <= 0) return slotted->toShape();
  return slotted->faces(sel("<Z"))
      ->workplane(0, false, CenterOption::CenterOfBoundBox)
      ->rarray(boardLength / (vents + 2), 1, vents, 1)
      ->slot2D(boardWidth * 0.55, ventWidth, 90)
      ->cutBlind(ExtentUntil::of(-wall))
      ->toShape();
}

// nema17_motor_mount.js; first slider: thickness (step 0.5).
TopoDS_Shape nema17MotorMount(bool alternate) {
  const double thickness = alternate ? 5.5 : 5.0;
  const double width = 50, baseDepth = 45, motorSize = 42, pattern = 31, pilot = 22.5, screwHole = 3.4;
  const double slotLength = 16, slotWidth = 5.5;

  const double axisZ = thickness + motorSize / 2;
  const double plateHeight = thickness + motorSize + 3;
  WorkplanePtr face = Workplane::create("XY")->box(width, thickness, plateHeight, {true, false, false});
  WorkplanePtr base = Workplane::create("XY")->box(width, baseDepth, thickness, {true, false, false});
  const double gussetSize = baseDepth * 0.6;
  auto gusset = [&](double x) {
    return Workplane::create("YZ")
        ->workplane(x)
        ->polyline({gp_XY(thickness, thickness), gp_XY(thickness + gussetSize, thickness),
                    gp_XY(thickness, thickness + gussetSize)})
        ->close()
        ->extrude(ExtentUntil::of(thickness));
  };
  WorkplanePtr bracket = face->unionWith(kernel::ShapeSource(base))
                             ->unionWith(kernel::ShapeSource(gusset(-width / 2)))
                             ->unionWith(kernel::ShapeSource(gusset(width / 2 - thickness)));
  WorkplanePtr faced = bracket->faces(sel("<Y"))
                           ->workplane(0, false, CenterOption::ProjectedOrigin, gp_Pnt(0, 0, axisZ))
                           ->hole(pilot)
                           ->faces(sel("<Y"))
                           ->workplane(0, false, CenterOption::ProjectedOrigin, gp_Pnt(0, 0, axisZ))
                           ->rect(pattern, pattern, {true, true}, true)
                           ->vertices()
                           ->hole(screwHole);
  const double slotX = (width / 2 - thickness) / 2 + 2;
  const double slotY = -(thickness + baseDepth) / 2 - 4;
  return faced->faces(sel("<Z"))
      ->workplane(0, false, CenterOption::ProjectedOrigin, gp_Pnt(0, 0, 0))
      ->pushPoints(points({{-slotX, slotY}, {slotX, slotY}}))
      ->slot2D(slotLength, slotWidth, 90)
      ->cutThruAll()
      ->toShape();
}

// box_with_lid.js; first slider: length (step 1). Both shown parts, as one compound.
TopoDS_Shape boxWithLid(bool alternate) {
  const double length = alternate ? 81 : 80;
  const double width = 60, height = 35, wall = 2, cornerRadius = 5;
  const double bossDiameter = 7, tapDrill = 2.5, clearance = 3.4, headDiameter = 6.5;
  const double lidThickness = 2.5, lipHeight = 3, clearanceGap = 0.3;

  const double bossX = length / 2 - wall - bossDiameter / 2 + 1;
  const double bossY = width / 2 - wall - bossDiameter / 2 + 1;
  WorkplanePtr shellBox = Workplane::create("XY")
                              ->box(length, width, height, kOnBed)
                              ->edges(sel("|Z"))
                              ->fillet(cornerRadius)
                              ->faces(sel(">Z"))
                              ->shell(-wall);
  WorkplanePtr bosses = Workplane::create("XY")
                            ->workplane(wall)
                            ->rarray(2 * bossX, 2 * bossY, 2, 2)
                            ->circle(bossDiameter / 2)
                            ->extrude(ExtentUntil::of(height - wall));
  WorkplanePtr box = shellBox->unionWith(kernel::ShapeSource(bosses))
                         ->faces(sel(">Z"))
                         ->workplane()
                         ->rarray(2 * bossX, 2 * bossY, 2, 2)
                         ->hole(tapDrill, height - 2 * wall);

  const double lipLength = length - 2 * wall - 2 * clearanceGap;
  const double lipWidth = width - 2 * wall - 2 * clearanceGap;
  WorkplanePtr lidPlate =
      Workplane::create("XY")->box(length, width, lidThickness, kOnBed)->edges(sel("|Z"))->fillet(cornerRadius);
  WorkplanePtr notches = Workplane::create("XY")
                             ->rarray(2 * bossX, 2 * bossY, 2, 2)
                             ->circle(bossDiameter / 2 + clearanceGap)
                             ->extrude(ExtentUntil::of(lidThickness + lipHeight + 1));
  WorkplanePtr lip = Workplane::create("XY")
                         ->workplane(lidThickness)
                         ->rect(lipLength, lipWidth)
                         ->rect(lipLength - 2 * wall, lipWidth - 2 * wall)
                         ->extrude(ExtentUntil::of(lipHeight))
                         ->cut(notches);
  WorkplanePtr lid = lidPlate->unionWith(kernel::ShapeSource(lip))
                         ->faces(sel("<Z"))
                         ->workplane()
                         ->rarray(2 * bossX, 2 * bossY, 2, 2)
                         ->cskHole(clearance, headDiameter, 90)
                         ->translate(gp_Vec(length + 10, 0, 0));
  return compoundOf({box->toShape(), lid->toShape()});
}

}  // namespace

NativeBuilder nativeBuilderFor(const std::string& exampleStem) {
  static const std::map<std::string, NativeBuilder> builders = {
      {"spur_gear", spurGear},
      {"arduino_uno_case", arduinoUnoCase},
      {"nema17_motor_mount", nema17MotorMount},
      {"box_with_lid", boxWithLid},
  };
  auto it = builders.find(exampleStem);
  return it == builders.end() ? NativeBuilder() : it->second;
}

}  // namespace partsmith::cli
