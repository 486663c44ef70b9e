// Port of CadQuery examples/Ex019_Counter_Sunk_Holes.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex019_Counter_Sunk_Holes", () => {
  const result = cq.Workplane(cq.Plane.XY()).box(4, 2, 0.5).faces(">Z").workplane().rect(3.5, 1.5, { forConstruction: true })
    .vertices().cskHole(0.125, 0.25, 82.0, { depth: null });
  show(result, "plate");

  const rc = 0.125, rh = 0.0625, h = (rc - rh) / Math.tan(41 * Math.PI / 180);
  const hole = Math.PI * rh * rh * (0.5 - h) + Math.PI * h * (rc * rc + rc * rh + rh * rh) / 3;
  check("Ex019: faces", () => result.faces().size(), 14);
  check("Ex019: cone faces", () => result.faces("%CONE").size(), 4);
  check("Ex019: volume", () => result.val().Volume(), 4 * 2 * 0.5 - 4 * hole, 1e-6);
});
