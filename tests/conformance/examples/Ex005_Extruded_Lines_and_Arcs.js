// Port of CadQuery examples/Ex005_Extruded_Lines_and_Arcs.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex005_Extruded_Lines_and_Arcs", () => {
  const width = 2.0;
  const thickness = 0.25;
  const result = cq.Workplane("front").lineTo(width, 0).lineTo(width, 1.0).threePointArc([1.0, 1.5], [0.0, 1.0])
    .sagittaArc([-0.5, 1.0], 0.2).radiusArc([-0.7, -0.2], -1.5).close().extrude(thickness);
  show(result, "plate");

  check("Ex005: thickness", () => bboxSize(result)[2], 0.25, 1e-6);
  check("Ex005: right edge at x=2", () => bbox(result).xmax, 2, 1e-6);
  check("Ex005: top of the arc through (1, 1.5)", () => bbox(result).ymax, 1.5, 1e-3);
  check("Ex005: faces (6 edges + 2 caps)", () => result.faces().size(), 8);
  check("Ex005: curved side faces", () => result.faces("%CYLINDER").size(), 3);
});
