// @expect-error: api
// @expect-message: crosses itself
// An outline whose edges cross off-centre: the crossing loops do not cancel out, so it used
// to extrude into an invalid solid reported as a success.
show(cq.Workplane("XY").polyline([[0, 0], [10, 0], [10, 10], [5, -5], [0, 10]]).close().extrude(5));
