// @prompt: A desk cable organiser block with five channels for 6 mm cables that clip in from the top through a narrower opening
// @category: organisers and containers
// @complexity: 4
// @techniques: box, fillet, XZ workplane, computed points, pushPoints, circle, rect, extrude both, cut
// Each channel is a 6.4 mm circle plus a 4.5 mm entry slot to the top, cut through the 20 mm
// depth; the overlap of slot and circle makes the volume a measured value (20628.8 mm³),
// held to ±0.5 %. The sizes follow from the parameters.
// @expect: bbox.size = [80, 20, 16]
// @expect: volume = 20628.8 ± 0.5%
// @expect: solids = 1
// @expect: faces_by_type.CYLINDER = 9
/* [Channels] */
// Number of cables
const count = 5;           // [1:1:12]
// Cable diameter (the channel adds clearance)
const cable = 6;           // [2:0.5:15]
// Width of the opening the cable is pressed through (narrower than the cable holds it)
const opening = 4.5;       // [1:0.5:12]
// Spacing between channels
const spacing = 14;        // [8:0.5:30]
/* [Block] */
// Depth of the block (along the cables)
const depth = 20;          // [8:1:60]
// Height of the block
const height = 16;         // [8:1:40]
// Corner radius of the block's ends
const cornerRadius = 4;    // [0.5:0.5:8]

const channel = cable + 0.4;
const length = count * spacing + 10;
const axisZ = height - channel / 2 - 3;   // 3 mm of material over the widest part of the channel

const block = cq.Workplane("XY")
  .box(length, depth, height, {centered: [true, true, false]})
  .edges("|Y").fillet(cornerRadius);

// Channels are drawn on the XZ plane (local y is world Z) and cut along Y in both directions.
// The entry slot runs from the channel centre up past the top face.
const centres = Array.from({length: count}, (_, i) => [(i - (count - 1) / 2) * spacing, axisZ]);
const slots = centres.map(([x, z]) => [x, (z + height + 1) / 2]);
const organiser = block
  .cut(cq.Workplane("XZ").pushPoints(centres).circle(channel / 2).extrude(depth, {both: true}))
  .cut(cq.Workplane("XZ").pushPoints(slots).rect(opening, height + 1 - axisZ).extrude(depth, {both: true}));

show(organiser, "cable organiser", {color: "#674ea7"});
