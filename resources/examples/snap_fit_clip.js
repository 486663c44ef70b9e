// @prompt: A cantilever snap-fit hook for a 3 mm thick panel, 10 mm wide, with a 1.2 mm catch, a lead-in ramp and a rounded root so it does not crack
// @category: snap-fits and hinges
// @complexity: 4
// @techniques: lineTo chain, threePointArc, close, extrude both
// One closed profile extruded 10 mm. Shoelace area of the outline with a sharp root is 75.3 mm²;
// the 1 mm root round adds (1 - pi/4)·1² = 0.2146: 75.5146·10 = 755.15
// @expect: bbox.size = [12, 10, 22.5]
// @expect: volume = 755.15 ± 0.05%
// @expect: solids = 1
// @expect: faces_by_type.CYLINDER = 1
/* [Beam] */
// Free length of the flexing beam (longer = softer)
const beamLength = 14;     // [6:0.5:30]
// Beam thickness
const beamThickness = 1.8; // [0.8:0.1:4]
// Width of the clip
const width = 10;          // [4:0.5:30]
// Root radius against stress concentration
const rootRadius = 1;      // [0.2:0.1:3]
/* [Catch] */
// How far the catch sticks out beyond the beam
const overhang = 1.2;      // [0.4:0.1:3]
// Thickness of the panel the hook snaps behind
const panel = 3;           // [1:0.5:8]
// Height of the lead-in ramp
const ramp = 4;            // [1:0.5:10]
/* [Base] */
// Length of the base the beam stands on
const baseLength = 12;     // [5:0.5:40]
// Base thickness
const baseThickness = 3;   // [1.5:0.5:10]

// Drawn in XZ (local y is world Z); the beam rises at x = 0..beamThickness.
const catchZ = baseThickness + beamLength;   // underside of the catch, where the panel rests
const top = catchZ + panel / 2 + ramp;
const r = rootRadius;
const c = [beamThickness + r, baseThickness + r];    // centre of the root round
const s = Math.SQRT1_2;

const clip = cq.Workplane("XZ")
  .moveTo(0, 0)
  .lineTo(baseLength, 0)
  .lineTo(baseLength, baseThickness)
  .lineTo(beamThickness + r, baseThickness)
  .threePointArc([c[0] - r * s, c[1] - r * s], [beamThickness, baseThickness + r])
  .lineTo(beamThickness, catchZ)
  .lineTo(beamThickness + overhang, catchZ)                 // the retaining face is square to the beam
  .lineTo(beamThickness + overhang, catchZ + panel / 2)
  .lineTo(beamThickness, top)                               // ramp that pushes the beam aside
  .lineTo(0, top)
  .close()
  .extrude(width / 2, {both: true});

show(clip, "snap hook", {color: "#e06666"});
