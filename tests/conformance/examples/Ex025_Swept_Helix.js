// Port of CadQuery examples/Ex025_Swept_Helix.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex025_Swept_Helix", () => {
  const r = 0.5;
  const p = 0.4;
  const h = 2.4;
  const wire = cq.Wire.makeHelix(p, h, r);
  const helix = cq.Workplane({ obj: wire });
  const result = cq.Workplane("XZ").center(r, 0).polyline([[-0.15, 0.1], [0.0, 0.05], [0, 0.35], [-0.15, 0.3]]).close()
    .sweep(helix, { isFrenet: true });
  show(result, "thread");

  // The Frenet frame of a helix turns about its axis and rises with the pitch, so the profile
  // (radius 0.35..0.5, z 0.05..0.35) keeps its shape: z spans 0.05..2.75.
  check("Ex025: one solid", () => result.solids().size(), 1);
  checkTrue("Ex025: valid", () => result.val().isValid());
  check("Ex025: height", () => bboxSize(result)[2], h + 0.3, 1e-3);
  check("Ex025: outer diameter", () => bboxSize(result)[0], 2 * r, 1e-3);
});
