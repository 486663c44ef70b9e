// @expect-error: limit
// @expect-message: diameter
show(cq.Workplane("XY").polygon(3, 1e-9).extrude(1));
