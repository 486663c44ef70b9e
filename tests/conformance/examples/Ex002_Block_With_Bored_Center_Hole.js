// Port of CadQuery examples/Ex002_Block_With_Bored_Center_Hole.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex002_Block_With_Bored_Center_Hole", () => {
  const length = 80.0;
  const height = 60.0;
  const thickness = 10.0;
  const center_hole_dia = 22.0;
  const result = cq.Workplane("XY").box(length, height, thickness).faces(">Z").workplane().hole(center_hole_dia);
  show(result, "block");

  check("Ex002: size", () => bboxSize(result), [80, 60, 10], 1e-6);
  check("Ex002: volume", () => result.val().Volume(), 80 * 60 * 10 - Math.PI * 11 * 11 * 10, 1e-6);
  check("Ex002: faces", () => result.faces().size(), 7);
  check("Ex002: one cylindrical face", () => result.faces("%CYLINDER").size(), 1);
});
