// @expect-error: limit
// @expect-message: recursion
function nest(n) { return nest(n + 1) + 1; }
show(cq.Workplane("XY").box(nest(0), 1, 1));
