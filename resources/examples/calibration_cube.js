// @prompt: A 20 mm calibration cube to check my printer's dimensional accuracy, with a small chamfer on the bottom edges against elephant's foot
// @category: primitives
// @complexity: 1
// @techniques: box, centered option, edge selector, chamfer
// The chamfer removes a c²/2 prism along each of the four bottom edges; neighbouring prisms
// overlap in a c³/3 corner piece: 20³ - 4·(0.8²/2)·20 + 4·0.8³/3 = 7975.083
// @expect: bbox.size = [20, 20, 20]
// @expect: volume = 7975.083 ± 0.01%
// @expect: solids = 1
// @expect: faces = 10
// @expect: faces_by_type.PLANE = 10
/* [Size] */
// Edge length of the cube
const size = 20;          // [10:1:50]
// Bottom chamfer that hides the squashed first layer
const chamfer = 0.8;      // [0.2:0.1:2]

// Sitting on the bed (z from 0) and centred in X and Y, so the slicer's origin is the cube's centre.
const cube = cq.Workplane("XY")
  .box(size, size, size, {centered: [true, true, false]})
  .edges("<Z")            // the four bottom edges only
  .chamfer(chamfer);

show(cube, "calibration cube", {color: "#e0a030"});
