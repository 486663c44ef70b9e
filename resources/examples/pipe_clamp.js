// @prompt: A saddle clamp that holds a 25 mm pipe against a wall, 20 mm wide, 3 mm thick, with a screw tab on each side for M5 screws
// @category: brackets and mounts
// @complexity: 4
// @techniques: box, cylinder with direction, union, cut, face workplane, pushPoints, hole
// An omega-shaped strap: section pi/2·(15.5² - 12.5²) + 2·3·12.5 = 206.95 mm² times 20 mm, two
// tabs 15·20·3 beyond the strap, less two 5.5 mm holes: 4138.94 + 1800 - 142.55 = 5796.39
// @expect: bbox.size = [61, 20, 28]
// @expect: volume = 5796.39 ± 0.05%
// @expect: holes.length = 2
// @expect: holes.0.diameter = 5.5
/* [Pipe] */
// Outside diameter of the pipe
const pipe = 25;           // [6:0.5:80]
/* [Clamp] */
// Width of the strap
const width = 20;          // [8:1:60]
// Strap and tab thickness
const thickness = 3;       // [1.5:0.5:8]
// Length of each screw tab beyond the strap
const tab = 15;            // [8:1:40]
// Screw clearance hole (5.5 mm for M5)
const screwHole = 5.5;     // [2:0.1:10]

const rOuter = pipe / 2 + thickness;
const length = 2 * (rOuter + tab);

// The pipe touches the wall (z = 0), so its axis runs at z = pipe/2, along Y. The strap is a
// round-topped block around it; the pipe's space is the pipe plus the slot it enters by, which
// also clears the tabs between the strap's legs.
const axisZ = pipe / 2;
const tabs = cq.Workplane("XY").box(length, width, thickness, {centered: [true, true, false]});
const strap = cq.Workplane("XZ").workplane({offset: -width / 2})
  .center(0, axisZ).circle(rOuter).extrude(width)
  .union(cq.Workplane("XY").box(2 * rOuter, width, axisZ, {centered: [true, true, false]}));
// The slot starts 1 mm below the wall so no face of the cut coincides with the wall face.
const pipeSpace = cq.Workplane("XZ").workplane({offset: -width})
  .center(0, axisZ).circle(pipe / 2).extrude(2 * width)
  .union(cq.Workplane("XY").workplane({offset: -1})
    .box(pipe, 2 * width, axisZ + 1, {centered: [true, true, false]}));

// The round top's lower half reaches behind the wall: everything below z = 0 goes.
const behindWall = cq.Workplane("XY").box(length, 2 * width, pipe, {centered: [true, true, false]})
  .translate([0, 0, -pipe]);

const clamp = tabs.union(strap).cut(pipeSpace).cut(behindWall);

// Holes in the middle of each tab, drilled from the back.
const tabCentre = rOuter + tab / 2;
const drilled = clamp
  .faces("<Z").workplane()
  .pushPoints([[-tabCentre, 0], [tabCentre, 0]])
  .hole(screwHole);

show(drilled, "clamp", {color: "#9fc5e8"});
