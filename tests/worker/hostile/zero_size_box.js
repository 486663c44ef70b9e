// @expect-error: api
// @expect-message: length
show(cq.Workplane("XY").box(0, 10, 10));
