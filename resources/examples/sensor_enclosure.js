// @prompt: A wall-mounted sensor enclosure 100 x 70 x 40 mm with screw-down lid, corner screw bosses, ventilation slots on both long sides, a hole for an M16 cable gland, mounting ears with screw holes, and a gasket groove in the lid
// @category: enclosures with lids
// @complexity: 9
// @techniques: box, fillet, shell, rarray, bosses merged into walls, hole with depth, ears with holes, slot2D vents cut through both walls at once, YZ workplane gland hole, lid with cskHole, rect ring groove cutBlind, two shown parts
// Two solids: the enclosure and the lid beside it (10 mm gap along Y). Width along X is the box
// plus two 12 mm ears. The volume is measured (74546.8 mm³) and held to ±1 % as a regression check.
// @expect: solids = 2
// @expect: bbox.size = [124, 150, 40]
// @expect: volume = 74546.8 ± 1%
// Four boss holes, two ear holes, the gland hole and the lid's four screw holes:
// @expect: holes.length = 11
/* [Enclosure] */
// Outside length
const length = 100;        // [60:1:200]
// Outside width
const width = 70;          // [40:1:150]
// Outside height without the lid
const height = 40;         // [20:1:100]
// Wall thickness
const wall = 2.5;          // [1.6:0.1:4]
/* [Vents] */
// Vent slots per side
const ventCount = 6;       // [0:1:12]
// Vent slot width
const ventWidth = 3;       // [1.5:0.5:6]
/* [Mounting] */
// Length of the mounting ears beyond the box
const earLength = 12;      // [8:1:25]
// Mounting screw hole (M4)
const earHole = 4.5;       // [3:0.1:6]
// Cable gland hole (16.2 mm for M16)
const glandHole = 16.2;    // [8:0.1:30]
/* [Lid] */
// Lid thickness
const lidThickness = 3;    // [2:0.5:6]
// Gasket cord diameter (groove width)
const gasket = 2;          // [1:0.5:4]

const boss = 8;
// Boss centres reach 1 mm into both walls, so they fuse with the walls along a face.
const bx = length / 2 - wall - boss / 2 + 1, by = width / 2 - wall - boss / 2 + 1;

const body = cq.Workplane("XY")
  .box(length, width, height, {centered: [true, true, false]})
  .edges("|Z").fillet(4)
  .faces(">Z").shell(-wall);
const bosses = cq.Workplane("XY").workplane({offset: wall})
  .rarray(2 * bx, 2 * by, 2, 2).circle(boss / 2).extrude(height - wall);
const ears = cq.Workplane("XY")
  .rarray(length + earLength - 2, 1, 2, 1)
  .box(earLength + 2, 30, 4, {centered: [true, true, false]});   // 1 mm into the wall each side
const shellWithBosses = body.union(bosses).union(ears)
  .faces(">Z").workplane()
  .rarray(2 * bx, 2 * by, 2, 2)
  .hole(2.5, 15);
const mounted = shellWithBosses
  .faces(">Z[-2]").workplane({origin: [0, 0, 0]})
  .rarray(length + earLength, 1, 2, 1)   // hole centres mid-way along the free part of each ear
  .hole(earHole);

// Openings, cut in one boolean: vents through both long walls at once (the cutter crosses the
// empty inside), and the gland hole through the +X end wall, centred on it.
const vents = cq.Workplane("XZ")
  .rarray(length * 0.6 / Math.max(ventCount - 1, 1), 1, ventCount, 1)
  .slot2D(height * 0.45, ventWidth, 90)
  .extrude(width, {both: true, combine: false})
  .translate([0, 0, height / 2]);
const gland = cq.Workplane("YZ").workplane({offset: length / 2 - 2 * wall})
  .center(0, height / 2).circle(glandHole / 2).extrude(3 * wall, {combine: false});
const openings = cq.Workplane("XY").add(gland);
if (ventCount > 0) openings.add(vents);
const enclosure = mounted.cut(openings);

// Lid: a rounded plate with countersunk holes over the bosses and a gasket groove on its
// underside, running inside the wall line.
const groove = (l, w) => cq.Workplane("XY").rect(l, w).rect(l - 2 * gasket, w - 2 * gasket);
const lid = cq.Workplane("XY")
  .box(length, width, lidThickness, {centered: [true, true, false]})
  .edges("|Z").fillet(4)
  .faces(">Z").workplane()
  .rarray(2 * bx, 2 * by, 2, 2)
  .cskHole(3.4, 6.5, 90)
  .cut(groove(length - wall, width - wall).extrude(gasket * 0.75))
  .translate([0, width + 10, 0]);

show(enclosure, "enclosure", {color: "#6d9eeb"});
show(lid, "lid", {color: "#cfe2f3"});
