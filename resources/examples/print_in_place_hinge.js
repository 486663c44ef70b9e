// @prompt: A print-in-place hinge 60 mm long with two leaves 20 mm wide, five knuckles and a captive pin, with clearances so it moves straight off the printer, and two countersunk screw holes per leaf
// @category: snap-fits and hinges
// @complexity: 7
// @techniques: helper functions, YZ workplane, circle extrude, box, add and combine, cut, face workplane, pushPoints, cskHole, two shown parts
// Two solids that never touch: leaf A carries knuckles 1, 3, 5 and the pin, leaf B knuckles 2 and 4
// with a bore around the pin. Sizes follow from the parameters: 60 x 2·(3 + 0.4 + 20) x 2·3.
// The volume is measured (8778.7 mm³) and held to ±1 % as a regression check.
// @expect: solids = 2
// @expect: bbox.size = [60, 46.8, 6]
// @expect: volume = 8778.7 ± 1%
// Four screw holes, and leaf B's two knuckle bores (pin + 2 · clearance = 3.4 mm):
// @expect: holes.length = 6
/* [Hinge] */
// Length of the hinge along its axis
const length = 60;         // [20:1:200]
// Width of each leaf beside the knuckles
const leafWidth = 20;      // [8:1:60]
// Leaf thickness
const thickness = 3;       // [1.5:0.5:6]
// Number of knuckles (odd keeps both ends on leaf A)
const knuckles = 5;        // [3:2:11]
/* [Clearances] */
// Radial and side clearance between moving parts (0.4 mm suits most FDM printers)
const clearance = 0.4;     // [0.2:0.05:0.8]
// Pin diameter
const pin = 2.6;           // [1.5:0.1:5]
/* [Screws] */
// Clearance hole and countersink (M3 flat head)
const screwHole = 3.4;     // [2:0.1:5]
const screwHead = 6.5;     // [4:0.5:10]

// The knuckle radius equals the leaf thickness so the leaves lie flat on the bed with the axis
// at z = r; leaves stay `clearance` away from the other leaf's knuckles.
const r = thickness;
const gap = clearance;
const segment = (length - (knuckles - 1) * gap) / knuckles;
const start = (i) => -length / 2 + i * (segment + gap);
const leafEdge = r + clearance;

const knuckle = (i) => cq.Workplane("YZ").workplane({offset: start(i)})
  .center(0, r).circle(r).extrude(segment);
// A bridge ties a knuckle to its leaf across the clearance strip.
const bridge = (i, side) => cq.Workplane("XY")
  .box(segment, leafEdge, thickness, {centered: false})
  .translate([start(i), side > 0 ? 0 : -leafEdge, 0]);
const plate = (side) => cq.Workplane("XY")
  .box(length, leafWidth, thickness, {centered: [true, false, false]})
  .translate([0, side > 0 ? leafEdge : -leafEdge - leafWidth, 0]);

// Each leaf's pieces go on one stack and are fused in a single boolean.
const leafA = cq.Workplane("XY").add(plate(-1));
const leafB = cq.Workplane("XY").add(plate(1));
for (let i = 0; i < knuckles; i++) {
  const leaf = i % 2 === 0 ? leafA : leafB;
  leaf.add(knuckle(i)).add(bridge(i, i % 2 === 0 ? -1 : 1));
}
// The pin runs the whole length inside leaf A's knuckles; leaf B's knuckles are bored around it.
const pinSolid = cq.Workplane("YZ").workplane({offset: -length / 2}).center(0, r).circle(pin / 2).extrude(length);
const pinBore = cq.Workplane("YZ").workplane({offset: -length / 2 - 1}).center(0, r)
  .circle(pin / 2 + clearance).extrude(length + 2);
const a = leafA.add(pinSolid).combine();
const b = leafB.combine().cut(pinBore);

// Two countersunk holes in the middle of each leaf, from the top. ">Z[-1]" keeps to planar faces,
// so the knuckles (whose centres also lie at z = r) are not picked with the leaf's top.
const screwY = leafEdge + leafWidth / 2;
const screwX = length / 3;
const drill = (leaf, y) => leaf
  .faces(">Z[-1]").workplane({origin: [0, 0, 0]})
  .pushPoints([[-screwX, y], [screwX, y]])
  .cskHole(screwHole, screwHead, 90);

show(drill(a, -screwY), "leaf A", {color: "#e69138"});
show(drill(b, screwY), "leaf B", {color: "#6fa8dc"});
