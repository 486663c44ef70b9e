// Port of CadQuery examples/Ex020_Rounding_Corners_with_Fillets.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex020_Rounding_Corners_with_Fillets", () => {
  const result = cq.Workplane("XY").box(3, 3, 0.5).edges("|Z").fillet(0.125);
  show(result, "plate");

  check("Ex020: volume", () => result.val().Volume(), 3 * 3 * 0.5 - (4 - Math.PI) * 0.125 * 0.125 * 0.5, 1e-6);
  check("Ex020: faces", () => result.faces().size(), 10);
  check("Ex020: size", () => bboxSize(result), [3, 3, 0.5], 1e-6);
});
