// @prompt: A round spacer 12 mm across and 8 mm tall for an M5 bolt
// @category: primitives
// @complexity: 1
// @techniques: circle, nested wires, extrude
// An annulus extruded: pi·(6² - 2.75²)·8 = 714.71
// @expect: bbox.size = [12, 12, 8]
// @expect: volume = 714.71 ± 0.05%
// @expect: holes.length = 1
// @expect: holes.0.diameter = 5.5
// @expect: holes.0.through = true
// @expect: faces_by_type.CYLINDER = 2
/* [Spacer] */
// Outside diameter
const outerDiameter = 12;  // [6:0.5:40]
// Bore: 5.5 mm is a loose fit for an M5 bolt
const bore = 5.5;          // [2:0.1:20]
// Height of the spacer
const height = 8;          // [1:0.5:50]

// Two concentric circles: the inner one becomes a hole in the face, so one extrude makes the tube.
const spacer = cq.Workplane("XY")
  .circle(outerDiameter / 2)
  .circle(bore / 2)
  .extrude(height);

show(spacer, "spacer", {color: "#b0b0b0"});
