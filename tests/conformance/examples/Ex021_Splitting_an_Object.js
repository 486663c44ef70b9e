// Port of CadQuery examples/Ex021_Splitting_an_Object.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex021_Splitting_an_Object", () => {
  const c = cq.Workplane("XY").box(1, 1, 1).faces(">Z").workplane().circle(0.25).cutThruAll();
  const result = c.faces(">Y").workplane(-0.5).split({ keepTop: true });
  show(result, "half");

  check("Ex021: volume", () => result.val().Volume(), (1 - Math.PI * 0.0625) / 2, 1e-6);
  check("Ex021: faces", () => result.faces().size(), 8);
  check("Ex021: bounding box", () => bboxTuple(result), [-0.5, 0, -0.5, 0.5, 0.5, 0.5], 1e-6);
});
