// Port of CadQuery examples/Ex018_Making_Lofts.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex018_Making_Lofts", () => {
  const result = cq.Workplane("front").box(4.0, 4.0, 0.25).faces(">Z").circle(1.5).workplane({ offset: 3.0 })
    .rect(0.75, 0.5).loft({ combine: true });
  show(result, "part");

  // The circle is centred on the selected top face (z=0.125); the rectangle 3 above it.
  check("Ex018: solids", () => result.solids().size(), 1);
  check("Ex018: bounding box", () => bboxTuple(result), [-2, -2, -0.125, 2, 2, 3.125], 1e-6);
  check("Ex018: top face", () => result.faces(">Z").val().Area(), 0.75 * 0.5, 1e-6);
});
