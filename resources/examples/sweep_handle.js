// @prompt: A round drawer pull handle, 96 mm between the screw holes, 10 mm thick bar standing 30 mm proud, with M4 screw holes in the feet
// @category: revolve/loft/sweep
// @complexity: 5
// @techniques: path with lineTo and threePointArc, sweep, pushPoints, cylinder bosses, union, hole from below
// Bar: pi·5²·(2·20 + 76 + pi/2·10·2) = 11577.8 (legs, top, two quarter tori by Pappus); each foot
// adds pi·(6² - 5²)·6 = 207.3 around the bar; each tapped hole removes pi·1.65²·12 = 102.6:
// 11577.8 + 2·207.3 - 2·102.6 = 11787.4
// @expect: bbox.size = [108, 12, 35]
// @expect: volume = 11787.4 ± 0.1%
// @expect: holes.length = 2
// @expect: holes.0.diameter = 3.3
// @expect: holes.0.through = false
/* [Handle] */
// Distance between the screw holes (standard spacings: 64, 96, 128 mm)
const span = 96;           // [32:32:256]
// Height of the bar's centre line above the drawer front
const height = 30;         // [15:1:60]
// Bar diameter
const bar = 10;            // [6:0.5:20]
// Radius of the path's corners
const bend = 10;           // [3:0.5:25]
/* [Feet] */
// Diameter of the feet
const foot = 12;           // [8:0.5:25]
// Height of the feet
const footHeight = 6;      // [2:0.5:20]
// Tapping hole for the screw (3.3 mm for M4)
const tapDrill = 3.3;      // [2:0.1:6]
// Depth of the tapping hole
const tapDepth = 12;       // [4:0.5:30]

// Centre line in the XZ plane: up one leg, round the corner, across, round, down the other leg.
const x = span / 2, r = bend, k = 1 - Math.SQRT1_2;
const path = cq.Workplane("XZ")
  .moveTo(-x, 0)
  .lineTo(-x, height - r)
  .threePointArc([-x + r * k, height - r * k], [-x + r, height])
  .lineTo(x - r, height)
  .threePointArc([x - r * k, height - r * k], [x, height - r])
  .lineTo(x, 0);

// The section sits where the path starts, square to it (the path leaves the XY plane upward).
// moveTo rather than center(): the workplane origin stays at the handle's middle, which the
// drilling below relies on.
const barSolid = cq.Workplane("XY").moveTo(-x, 0).circle(bar / 2).sweep(path);

// Feet: short cylinders under both ends, fused with the bar.
const feet = cq.Workplane("XY")
  .pushPoints([[-x, 0], [x, 0]])
  .circle(foot / 2)
  .extrude(footHeight);
const handle = barSolid.union(feet);

// Tapped holes from the underside; both bottom faces lie in one plane, so one workplane serves.
const drilled = handle
  .faces("<Z").workplane()
  .pushPoints([[-x, 0], [x, 0]])
  .hole(tapDrill, tapDepth);

show(drilled, "handle", {color: "#b7b7b7"});
