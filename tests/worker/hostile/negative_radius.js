// @expect-error: api
// @expect-message: radius
show(cq.Workplane("XY").circle(-5).extrude(3));
