// Port of CadQuery examples/Ex004_Extruded_Cylindrical_Plate.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex004_Extruded_Cylindrical_Plate", () => {
  const circle_radius = 50.0;
  const thickness = 13.0;
  const rectangle_width = 13.0;
  const rectangle_length = 19.0;
  const result = cq.Workplane("front").circle(circle_radius).rect(rectangle_width, rectangle_length).extrude(thickness);
  show(result, "plate");

  check("Ex004: size", () => bboxSize(result), [100, 100, 13], 1e-6);
  check("Ex004: volume", () => result.val().Volume(), (Math.PI * 50 * 50 - 13 * 19) * 13, 1e-6);
  check("Ex004: faces", () => result.faces().size(), 7);
});
