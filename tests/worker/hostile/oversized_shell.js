// @expect-error: geometry
// @expect-message: shell
show(cq.Workplane("XY").box(10, 10, 10).faces(">Z").shell(-6));
