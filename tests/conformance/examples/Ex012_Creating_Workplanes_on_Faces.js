// Port of CadQuery examples/Ex012_Creating_Workplanes_on_Faces.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex012_Creating_Workplanes_on_Faces", () => {
  let result = cq.Workplane("front").box(2, 3, 0.5);
  result = result.faces(">Z").workplane().hole(0.5);
  show(result, "part");

  check("Ex012: volume", () => result.val().Volume(), 2 * 3 * 0.5 - Math.PI * 0.25 * 0.25 * 0.5, 1e-6);
  check("Ex012: faces", () => result.faces().size(), 7);
});
