// Port of CadQuery examples/Ex001_Simple_Block.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex001_Simple_Block", () => {
  const length = 80.0;
  const height = 60.0;
  const thickness = 10.0;
  const result = cq.Workplane("XY").box(length, height, thickness);
  show(result, "block");

  check("Ex001: size", () => bboxSize(result), [80, 60, 10], 1e-6);
  check("Ex001: volume", () => result.val().Volume(), 80 * 60 * 10, 1e-6);
  check("Ex001: faces", () => result.faces().size(), 6);
});
