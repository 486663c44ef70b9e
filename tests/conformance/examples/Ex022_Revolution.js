// Port of CadQuery examples/Ex022_Revolution.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex022_Revolution", () => {
  const rectangle_width = 10.0;
  const rectangle_length = 10.0;
  const angle_degrees = 360.0;
  const result = cq.Workplane("XY").rect(rectangle_width, rectangle_length, false).revolve();
  show(result, "cylinder");

  // The 10x10 square from (0,0) revolved about the local Y axis: a cylinder r=10, h=10 along Y.
  check("Ex022: volume", () => result.val().Volume(), Math.PI * 100 * 10, 1e-6);
  check("Ex022: bounding box", () => bboxTuple(result), [-10, 0, -10, 10, 10, 10], 1e-6);
  check("Ex022: faces", () => result.faces().size(), 3);
});
