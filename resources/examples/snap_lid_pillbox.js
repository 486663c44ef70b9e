// @prompt: A round pill box 50 mm across with a lid that snaps on over a bead around the rim
// @category: snap-fits and hinges
// @complexity: 6
// @techniques: polyline half-sections with the snap bead and groove drawn in, revolve, two shown parts, translate
// Two solids: the box and its lid, printed open side up beside it (10 mm gap along X). Both
// sections are straight lines, so by Pappus (2·pi · area · centroid radius) the volume is analytic:
// box 11322.22 + lid 6381.46 = 17703.68. Width: box bead 2·25.8, lid 2·27 and the gap: 114.8.
// @expect: solids = 2
// @expect: bbox.size = [114.8, 54, 30]
// @expect: volume = 17703.68 ± 0.05%
// @expect: faces_by_type.CONE = 4
/* [Box] */
// Outside diameter of the box
const diameter = 50;       // [25:1:120]
// Height of the box
const height = 30;         // [10:1:80]
// Wall thickness
const wall = 1.8;          // [1:0.2:4]
/* [Snap] */
// Radius of the snap bead on the rim (and the groove in the lid)
const bead = 0.8;          // [0.3:0.1:1.5]
// Radial play between box and lid
const play = 0.2;          // [0:0.05:0.6]
// Height of the lid's skirt
const skirt = 8;           // [4:0.5:20]

const R = diameter / 2;
// Box half-section in XZ (local x = radius, local y = height): floor and wall, open at the top,
// with a V-shaped bead on the outside of the wall halfway down the lid's skirt. The 45° flanks
// let the lid ride over it and snap behind it. Revolved about Z.
const beadZ = height - skirt / 2;
const boxWithBead = cq.Workplane("XZ")
  .polyline([
    [0, 0], [R, 0],
    [R, beadZ - bead], [R + bead, beadZ], [R, beadZ + bead],
    [R, height], [R - wall, height], [R - wall, wall], [0, wall],
  ])
  .close()
  .revolve();

// Lid, printed upside down: a cap whose skirt slides over the wall with `play`, and a matching
// V groove inside the skirt, as far from the lid's inside face as the bead is below the rim.
const lidInner = R + play;
const lidOuter = lidInner + wall;
const grooveZ = wall + skirt / 2;
const lidSection = cq.Workplane("XZ")
  .polyline([
    [0, 0], [lidOuter, 0], [lidOuter, wall + skirt], [lidInner, wall + skirt],
    [lidInner, grooveZ + bead], [lidInner + bead, grooveZ], [lidInner, grooveZ - bead],
    [lidInner, wall], [0, wall],
  ])
  .close()
  .revolve();
const lid = lidSection.translate([R + lidOuter + 10, 0, 0]);

show(boxWithBead, "box", {color: "#f6b26b"});
show(lid, "lid", {color: "#fce5cd"});
