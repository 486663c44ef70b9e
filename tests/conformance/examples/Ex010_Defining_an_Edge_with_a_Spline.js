// Port of CadQuery examples/Ex010_Defining_an_Edge_with_a_Spline.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex010_Defining_an_Edge_with_a_Spline", () => {
  const s = cq.Workplane("XY");
  const sPnts = [[2.75, 1.5], [2.5, 1.75], [2.0, 1.5], [1.5, 1.0], [1.0, 1.25], [0.5, 1.0], [0, 1.0]];
  const r = s.lineTo(3.0, 0).lineTo(3.0, 1.0).spline(sPnts, { includeCurrent: true }).close();
  const result = r.extrude(0.5);
  show(result, "part");

  check("Ex010: x extent", () => bboxSize(result)[0], 3, 1e-6);
  check("Ex010: thickness", () => bboxSize(result)[2], 0.5, 1e-6);
  check("Ex010: faces (3 lines + 1 spline + 2 caps)", () => result.faces().size(), 6);
  check("Ex010: one B-spline side", () => result.edges("%BSPLINE").size(), 2);
  checkTrue("Ex010: valid", () => result.val().isValid());
});
