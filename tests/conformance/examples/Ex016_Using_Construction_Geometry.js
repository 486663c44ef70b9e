// Port of CadQuery examples/Ex016_Using_Construction_Geometry.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex016_Using_Construction_Geometry", () => {
  const result = cq.Workplane("front").box(2, 2, 0.5).faces(">Z").workplane().rect(1.5, 1.5, { forConstruction: true })
    .vertices().hole(0.125);
  show(result, "part");

  check("Ex016: volume", () => result.val().Volume(), 2 * 2 * 0.5 - 4 * Math.PI * 0.0625 * 0.0625 * 0.5, 1e-6);
  check("Ex016: faces", () => result.faces().size(), 10);
  check("Ex016: hole positions", () => result.faces("%CYLINDER").vals().map((f) => [Math.abs(f.Center().x), Math.abs(f.Center().y)]),
        [[0.75, 0.75], [0.75, 0.75], [0.75, 0.75], [0.75, 0.75]], 1e-6);
});
