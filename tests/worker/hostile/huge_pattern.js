// @expect-error: limit|timeout
show(cq.Workplane("XY").rarray(1, 1, 10000, 10000).box(0.5, 0.5, 0.5));
