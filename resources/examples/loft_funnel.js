// @prompt: A kitchen funnel with a 100 mm mouth narrowing to a 14 mm spout 30 mm long, walls 1.6 mm thick
// @category: revolve/loft/sweep
// @complexity: 5
// @techniques: circle, workplane offset, ruled loft through three sections, cut, trigonometry for a constant wall
// Outside and inside are cylinders and cone frustums, so the volume is analytic:
// outer pi·7²·30 + frustum(7 → 50, 60) minus the inner spout and frustum = 22285.99
// @expect: bbox.size = [100, 100, 90]
// @expect: volume = 22285.99 ± 0.1%
// @expect: solids = 1
// @expect: faces_by_type.PLANE = 2
/* [Funnel] */
// Diameter of the mouth
const mouth = 100;         // [40:1:200]
// Height of the cone
const coneHeight = 60;     // [20:1:150]
// Outside diameter of the spout
const spout = 14;          // [6:0.5:40]
// Length of the spout
const spoutLength = 30;    // [5:1:100]
// Wall thickness, measured square to the wall
const wall = 1.6;          // [0.8:0.2:4]

// A ruled loft joins its sections with straight lines: spout end -> spout top -> mouth gives a
// cylinder and a cone, where a smooth loft would bulge between the sections.
const rs = spout / 2, rm = mouth / 2, top = spoutLength + coneHeight;
const outer = cq.Workplane("XY")
  .circle(rs)
  .workplane({offset: spoutLength}).circle(rs)
  .workplane({offset: coneHeight}).circle(rm)
  .loft({ruled: true});

// The inside is the same shape moved inward by the wall: on the cone that is wall / cos(half angle)
// radially, and the inner cone meets the inner spout a little higher than the outer one does.
// It runs 1 mm past both ends so the cut opens them.
const tanA = (rm - rs) / coneHeight;
const cosA = 1 / Math.sqrt(1 + tanA * tanA);
const ri = rs - wall;
const kink = spoutLength + wall * (1 / cosA - 1) / tanA;
const inner = cq.Workplane("XY").workplane({offset: -1})
  .circle(ri)
  .workplane({offset: kink + 1}).circle(ri)
  .workplane({offset: top + 1 - kink}).circle(rm + tanA - wall / cosA)
  .loft({ruled: true});

const funnel = outer.cut(inner);

show(funnel, "funnel", {color: "#76a5af"});
