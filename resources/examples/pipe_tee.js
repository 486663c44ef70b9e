// @prompt: A T-shaped pipe connector for 20 mm tube: a straight run 60 mm long and a branch 35 mm tall, 2.5 mm walls
// @category: boolean operations
// @complexity: 3
// @techniques: cylinder with direction, union, cut, boolean operations on Workplanes
// The volume involves the intersection of two cylinders; it was measured (14246.2 mm³) and is held
// to ±1 % as a regression check. The sizes follow from the parameters.
// @expect: bbox.size = [60, 25, 47.5]
// @expect: volume = 14246.2 ± 1%
// @expect: solids = 1
// @expect: faces_by_type.CYLINDER = 4
/* [Tube] */
// Outside diameter of the tube that slides in
const tube = 20;            // [6:0.5:60]
// Wall thickness
const wall = 2.5;           // [1:0.5:6]
/* [Lengths] */
// Length of the straight run
const runLength = 60;       // [20:1:200]
// Height of the branch above the run's axis
const branchHeight = 35;    // [15:1:150]

const outer = tube / 2 + wall;
const inner = tube / 2;

// Solid bodies first, bores afterwards: cutting the bores from the fused body keeps the
// junction open inside, which cutting each tube separately would not.
const run = cq.Workplane("XY").cylinder(runLength, outer, {direct: [1, 0, 0]});
const branch = cq.Workplane("XY").cylinder(branchHeight, outer, {centered: [true, true, false]});
const body = run.union(branch);

const runBore = cq.Workplane("XY").cylinder(runLength, inner, {direct: [1, 0, 0]});
const branchBore = cq.Workplane("XY").cylinder(branchHeight, inner, {centered: [true, true, false]});
const tee = body.cut(runBore).cut(branchBore);

show(tee, "tee", {color: "#5b9bd5"});
