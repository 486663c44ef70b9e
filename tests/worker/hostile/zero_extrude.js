// @expect-error: api|geometry
// @expect-message: extrude
show(cq.Workplane("XY").rect(10, 10).extrude(0));
