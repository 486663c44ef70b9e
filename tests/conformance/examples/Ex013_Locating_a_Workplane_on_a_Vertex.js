// Port of CadQuery examples/Ex013_Locating_a_Workplane_on_a_Vertex.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex013_Locating_a_Workplane_on_a_Vertex", () => {
  let result = cq.Workplane("front").box(3, 2, 0.5);
  result = result.faces(">Z").vertices("<XY").workplane({ centerOption: "CenterOfMass" });
  result = result.circle(1.0).cutThruAll();
  show(result, "part");

  // A circle of radius 1 on the corner (-1.5, -1) takes a quarter cylinder out of the block.
  check("Ex013: volume", () => result.val().Volume(), 3 * 2 * 0.5 - Math.PI * 0.5 / 4, 1e-6);
  check("Ex013: faces", () => result.faces().size(), 7);
  check("Ex013: size", () => bboxSize(result), [3, 2, 0.5], 1e-6);
});
