// @prompt: A 3D-printable spur gear, module 2 with 24 teeth and 8 mm thick, on a hub with an 8 mm bore and a keyway, and lightening holes in the web
// @category: mechanical components
// @complexity: 7
// @techniques: computed tooth outline, polyline, close, extrude, nested wires, polarArray, circle, box cut for a keyway
// Teeth are straight-flanked trapezoids approximating the involute (good enough for printed toy
// gears). The outline is straight lines, but the lightening holes and keyway make the volume a
// measured value (13259.1 mm³), held to ±1 %. The tip diameter is m·(z + 2) = 52 mm.
// @expect: bbox.size.2 = 14
// @expect: bbox.size.0 = 52 ± 0.2
// @expect: volume = 13259.1 ± 1%
// @expect: solids = 1
// The lightening holes; the keyed bore is not a full cylinder, so it is not reported as a hole.
// @expect: holes.length = 5
/* [Gear] */
// Number of teeth
const teeth = 24;          // [8:1:80]
// Module (pitch diameter / teeth)
const module = 2;          // [0.5:0.25:5]
// Face width
const thickness = 8;       // [2:0.5:30]
/* [Hub] */
// Hub diameter
const hubDiameter = 18;    // [8:0.5:40]
// Hub length beyond the gear face
const hubLength = 6;       // [0:0.5:20]
// Bore
const bore = 8;            // [2:0.1:20]
// Keyway width
const keyWidth = 2;        // [0:0.5:6]
/* [Web] */
// Number of lightening holes
const holes = 5;           // [0:1:8]
// Diameter of each lightening hole
const holeDiameter = 8;    // [2:0.5:20]

const pitchR = module * teeth / 2;
const tipR = pitchR + module;
const rootR = pitchR - 1.25 * module;
const step = 2 * Math.PI / teeth;
// Tooth half-widths as angles: half a tooth (a quarter pitch) at the pitch circle, narrower at
// the tip, wider at the root, which gives the flanks their 20° pressure-angle lean.
const tan20 = Math.tan(20 * Math.PI / 180);
const halfAt = (r) => (Math.PI * module / 4 + (pitchR - r) * tan20) / r;
const outline = [];
for (let i = 0; i < teeth; i++) {
  const a = i * step;
  const polar = (r, t) => [r * Math.cos(t), r * Math.sin(t)];
  outline.push(polar(rootR, a - halfAt(rootR)));
  outline.push(polar(tipR, a - halfAt(tipR)));
  outline.push(polar(tipR, a + halfAt(tipR)));
  outline.push(polar(rootR, a + halfAt(rootR)));
}

// One sketch for the gear body: the toothed outline with the bore and the lightening holes
// (halfway between hub and root circle) inside it. Extruding it once is much cheaper than
// cutting each hole afterwards.
const webR = (rootR + hubDiameter / 2) / 2;
let sketch = cq.Workplane("XY").polyline(outline).close().circle(bore / 2);
if (holes > 0) sketch = sketch.polarArray(webR, 90, 360, holes).circle(holeDiameter / 2);
const gear = sketch.extrude(thickness)
  .faces(">Z").workplane()
  .circle(hubDiameter / 2).circle(bore / 2)
  .extrude(hubLength);

// The keyway: a square slot from the bore's side outward, through the full height.
const keyway = cq.Workplane("XY")
  .center(bore / 2, 0)
  .box(keyWidth, keyWidth, 3 * (thickness + hubLength));
const finished = gear.cut(keyway);

show(finished, "gear", {color: "#f1c232"});
