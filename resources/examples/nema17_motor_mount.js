// @prompt: An L-shaped mount for a NEMA 17 stepper motor: a 42 mm square face plate with the 22 mm pilot hole and four M3 holes on the 31 mm pattern, a base with two slots for adjusting belt tension, and a gusset on each side
// @category: brackets and mounts
// @complexity: 6
// @techniques: box, union, polyline gussets, extrude, face workplanes, hole, rect for construction, vertices, slot2D, cutThruAll
// Face 50·5·50 + base 50·45·5 - their overlap 50·5·5 + two gussets 27²/2·5, less the pilot
// pi·11.25²·5, four pi·1.7²·5 screw holes and two slots ((16 - 5.5)·5.5 + pi·2.75²)·5:
// 26145 - 1988.01 - 181.58 - 815.13 = 23160.29. Sizes: 50 wide, base 45 deep, plate 5 + 42 + 3 tall.
// @expect: bbox.size = [50, 45, 50]
// @expect: volume = 23160.29 ± 0.05%
// @expect: holes.length = 5
// @expect: solids = 1
/* [Plate] */
// Plate thickness
const thickness = 5;       // [3:0.5:10]
// Width of the mount (at least the motor's 42.3 mm)
const width = 50;          // [43:1:80]
// Depth of the base
const baseDepth = 45;      // [25:1:80]
/* [Motor] */
// Motor face size (NEMA 17 is 42.3 mm)
const motorSize = 42;      // [35:0.5:60]
// Hole pattern (31 mm on NEMA 17)
const pattern = 31;        // [20:0.5:50]
// Pilot boss clearance (22 mm boss on NEMA 17)
const pilot = 22.5;        // [15:0.5:40]
// Screw clearance (M3)
const screwHole = 3.4;     // [2:0.1:6]
/* [Base slots] */
// Slot length (adjustment travel + screw)
const slotLength = 16;     // [6:1:40]
// Slot width (M4 or M5)
const slotWidth = 5.5;     // [3:0.5:8]

// Motor axis height: the motor's face sits fully above the base plate.
const axisZ = thickness + motorSize / 2;
const plateHeight = thickness + motorSize + 3;

// The face plate stands at y = 0..thickness; the base extends behind it along +Y.
const face = cq.Workplane("XY").box(width, thickness, plateHeight, {centered: [true, false, false]});
const base = cq.Workplane("XY").box(width, baseDepth, thickness, {centered: [true, false, false]});
// Gussets: right triangles in YZ at both sides of the plate.
const gussetSize = baseDepth * 0.6;
const gusset = (x) => cq.Workplane("YZ").workplane({offset: x})
  .polyline([[thickness, thickness], [thickness + gussetSize, thickness], [thickness, thickness + gussetSize]])
  .close()
  .extrude(thickness);
const bracket = face.union(base).union(gusset(-width / 2)).union(gusset(width / 2 - thickness));

// The motor face: pilot in the centre, screw holes on the corners of the pattern square.
// On the <Y face local x is +X and local y is +Z; origin [0, 0, axisZ] centres it on the axis.
const faced = bracket
  .faces("<Y").workplane({origin: [0, 0, axisZ]})
  .hole(pilot)
  .faces("<Y").workplane({origin: [0, 0, axisZ]})
  .rect(pattern, pattern, {forConstruction: true})
  .vertices()
  .hole(screwHole);

// Slots in the base, running along Y so the motor can slide to tension its belt.
const slotX = (width / 2 - thickness) / 2 + 2;
const mount = faced
  .faces("<Z").workplane({origin: [0, 0, 0]})
  .pushPoints([[-slotX, -(thickness + baseDepth) / 2 - 4], [slotX, -(thickness + baseDepth) / 2 - 4]])
  .slot2D(slotLength, slotWidth, 90)
  .cutThruAll();

show(mount, "motor mount", {color: "#999999"});
