// Port of CadQuery examples/Ex011_Mirroring_Symmetric_Geometry.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex011_Mirroring_Symmetric_Geometry", () => {
  let r = cq.Workplane("front").hLine(1.0);
  r = r.vLine(0.5).hLine(-0.25).vLine(-0.25).hLineTo(0.0);
  const result = r.mirrorY().extrude(0.25);
  show(result, "part");

  check("Ex011: size", () => bboxSize(result), [2, 0.5, 0.25], 1e-6);
  check("Ex011: volume", () => result.val().Volume(), 2 * (1 * 0.25 + 0.25 * 0.25) * 0.25, 1e-6);
  check("Ex011: faces", () => result.faces().size(), 10);
});
