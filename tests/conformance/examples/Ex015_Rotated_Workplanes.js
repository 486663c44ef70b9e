// Port of CadQuery examples/Ex015_Rotated_Workplanes.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex015_Rotated_Workplanes", () => {
  const result = cq.Workplane("front").box(4.0, 4.0, 0.25).faces(">Z").workplane()
    .transformed({ offset: [0, -1.5, 1.0], rotate: [60, 0, 0] }).rect(1.5, 1.5, { forConstruction: true }).vertices().hole(0.25);
  show(result, "part");

  check("Ex015: faces", () => result.faces().size(), 10);
  check("Ex015: size", () => bboxSize(result), [4, 4, 0.25], 1e-6);
  checkTrue("Ex015: material removed", () => result.val().Volume() < 4 * 4 * 0.25);
});
