// @expect-error: api
// @expect-message: finite
const width = 0 / 0;
show(cq.Workplane("XY").box(width, 10, 10));
