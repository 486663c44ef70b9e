// @expect-error: limit
// @expect-message: box
show(cq.Workplane("XY").box(1e9, 10, 10));
