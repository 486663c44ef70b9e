// @expect-error: limit|api
show(cq.Workplane("XY").polygon(50000000, 10).extrude(1));
