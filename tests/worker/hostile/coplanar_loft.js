// @expect-error: api
// @expect-message: one plane
// Both sections on the same workplane: the loft used to return a flat "solid" of volume 0.
show(cq.Workplane("XY").rect(10, 10).workplane().circle(3).loft());
