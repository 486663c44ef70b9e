// Port of CadQuery examples/Ex006_Moving_the_Current_Working_Point.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex006_Moving_the_Current_Working_Point", () => {
  const circle_radius = 3.0;
  const thickness = 0.25;
  let result = cq.Workplane("front").circle(circle_radius);
  result = result.center(1.5, 0.0).rect(0.5, 0.5);
  result = result.center(-1.5, 1.5).circle(0.25);
  result = result.extrude(thickness);
  show(result, "plate");

  check("Ex006: size", () => bboxSize(result), [6, 6, 0.25], 1e-6);
  check("Ex006: volume", () => result.val().Volume(), (Math.PI * 9 - 0.25 - Math.PI * 0.0625) * 0.25, 1e-6);
  check("Ex006: faces", () => result.faces().size(), 8);
});
