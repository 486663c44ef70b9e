// @expect-error: geometry
// @expect-message: fillet
show(cq.Workplane("XY").box(10, 10, 10).edges("|Z").fillet(6));
