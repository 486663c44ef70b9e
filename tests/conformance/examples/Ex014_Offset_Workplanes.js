// Port of CadQuery examples/Ex014_Offset_Workplanes.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex014_Offset_Workplanes", () => {
  let result = cq.Workplane("front").box(3, 2, 0.5);
  result = result.faces("<X").workplane({ offset: 0.75 });
  result = result.circle(1.0).extrude(0.5);
  show(result, "part");

  // The disc sits 0.75 beyond the <X face, so it stays a separate solid.
  check("Ex014: solids", () => result.solids().size(), 2);
  check("Ex014: volume", () => result.solids().vals().reduce((s, v) => s + v.Volume(), 0), 3 + Math.PI * 0.5, 1e-6);
  check("Ex014: bounding box", () => bboxTuple(result), [-2.75, -1, -1, 1.5, 1, 1], 1e-6);
});
