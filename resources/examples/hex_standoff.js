// @prompt: An M3 hex standoff, 5.5 mm across the flats and 10 mm long, with a tapping hole right through
// @category: primitives
// @complexity: 2
// @techniques: polygon circumscribed, extrude, face workplane, hole
// Hexagon area (sqrt(3)/2)·5.5² = 26.197 mm², less the 2.5 mm hole, times 10:
// (26.1973 - pi·1.25²)·10 = 212.886
// @expect: bbox.size = [5.5, 6.3509, 10]
// @expect: volume = 212.886 ± 0.05%
// @expect: holes.length = 1
// @expect: holes.0.diameter = 2.5
// @expect: holes.0.depth = 10
// @expect: faces_by_type.PLANE = 8
/* [Standoff] */
// Length of the standoff
const length = 10;         // [3:0.5:40]
// Distance across the flats (the spanner size)
const acrossFlats = 5.5;   // [3:0.5:12]
// Tapping hole for the thread (2.5 mm for M3)
const tapDrill = 2.5;      // [1:0.1:6]

// circumscribed: the diameter is the inscribed circle, i.e. the distance across the flats.
const standoff = cq.Workplane("XY")
  .polygon(6, acrossFlats, {circumscribed: true})
  .extrude(length)
  .faces(">Z").workplane()
  .hole(tapDrill);

show(standoff, "standoff", {color: "#c8a85a"});
