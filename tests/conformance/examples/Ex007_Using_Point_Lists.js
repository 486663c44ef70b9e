// Port of CadQuery examples/Ex007_Using_Point_Lists.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex007_Using_Point_Lists", () => {
  const plate_radius = 2.0;
  const hole_pattern_radius = 0.25;
  const thickness = 0.125;
  let r = cq.Workplane("front").circle(plate_radius);
  r = r.pushPoints([[1.5, 0], [0, 1.5], [-1.5, 0], [0, -1.5]]);
  r = r.circle(hole_pattern_radius);
  const result = r.extrude(thickness);
  show(result, "plate");

  check("Ex007: size", () => bboxSize(result), [4, 4, 0.125], 1e-6);
  check("Ex007: volume", () => result.val().Volume(), (Math.PI * 4 - 4 * Math.PI * 0.0625) * 0.125, 1e-6);
  check("Ex007: faces", () => result.faces().size(), 7);
});
