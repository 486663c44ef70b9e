// @expect-error: api
// @expect-message: finite
show(cq.Workplane("XY").cylinder(1 / 0, 5));
