// Port of CadQuery examples/Ex017_Shelling_to_Create_Thin_Features.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex017_Shelling_to_Create_Thin_Features", () => {
  const result = cq.Workplane("front").box(2, 2, 2).faces("+Z").shell(0.05);
  show(result, "cup");

  // Outward shell, open top: wall slabs on 5 faces, quarter cylinders on 8 edges, octants at 4 corners.
  const d = 0.05;
  check("Ex017: volume", () => result.val().Volume(), 20 * d + 8 * 2 * Math.PI * d * d / 4 + 4 * Math.PI * d * d * d / 6, 1e-5);
  check("Ex017: faces", () => result.faces().size(), 23);
  check("Ex017: bounding box", () => bboxTuple(result), [-1.05, -1.05, -1.05, 1.05, 1.05, 1], 1e-6);
});
