// @prompt: A control knob 30 mm across and 16 mm tall for a 6 mm D-shaft, with a rounded top edge, a chamfered bottom edge and a pointer groove on top
// @category: fillets and chamfers
// @complexity: 4
// @techniques: cylinder, face and edge selectors, fillet, chamfer, intersect for a D-shaped bore, cut, cutBlind
// All analytic: cylinder pi·15²·16 = 11309.73; by Pappus the top round removes (1 - pi/4)·3² at
// radius 15 - 0.670 (-173.90) and the chamfer 1²/2 at radius 15 - 1/3 (-46.08); the D bore is
// (pi·3² - 5.528)·12 (-272.96) and the groove 10·1.5·1 (-15): 10801.80
// @expect: bbox.size = [30, 30, 16]
// @expect: volume = 10801.80 ± 0.05%
// @expect: solids = 1
// @expect: faces_by_type.TORUS = 1
// @expect: faces_by_type.CONE = 1
/* [Knob] */
// Knob diameter
const diameter = 30;       // [15:1:60]
// Knob height
const height = 16;         // [8:1:40]
// Radius of the rounded top edge
const topRound = 3;        // [0.5:0.5:6]
// Chamfer on the bottom edge
const bottomChamfer = 1;   // [0.2:0.2:2]
/* [Shaft] */
// Shaft diameter
const shaft = 6;           // [3:0.1:10]
// Across the flat of the D (4.5 mm on a 6 mm shaft)
const flat = 4.5;          // [2:0.1:10]
// Depth of the shaft bore
const boreDepth = 12;      // [4:0.5:30]
/* [Pointer] */
// Width of the pointer groove
const grooveWidth = 1.5;   // [0.5:0.1:4]
// Depth of the pointer groove
const grooveDepth = 1;     // [0.2:0.1:3]

const radius = diameter / 2;
const body = cq.Workplane("XY")
  .cylinder(height, radius, {centered: [true, true, false]})
  .faces(">Z").edges().fillet(topRound)       // the top face has one edge: its rim
  .faces("<Z").edges().chamfer(bottomChamfer);

// The D bore: a round bore trimmed by a box whose left side is the flat.
const dBore = cq.Workplane("XY")
  .cylinder(boreDepth, shaft / 2, {centered: [true, true, false]})
  .intersect(cq.Workplane("XY").center(shaft / 2 - flat, 0)
    .box(shaft, shaft, boreDepth, {centered: [false, true, false]}));

// The pointer groove runs from near the centre to where the round starts, over the flat side.
const grooveStart = 2;
const grooveLength = radius - topRound - grooveStart;
const knob = body.cut(dBore)
  .faces(">Z").workplane()
  .center(-(grooveStart + grooveLength / 2), 0)
  .rect(grooveLength, grooveWidth)
  .cutBlind(-grooveDepth);

show(knob, "knob", {color: "#3d3d3d"});
