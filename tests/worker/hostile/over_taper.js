// @expect-error: api
// @expect-message: taper below
// The taper closes the circle 0.53 mm up: the extrusion used to stop there silently.
show(cq.Workplane("XY").circle(3).extrude(5, { taper: 80 }));
