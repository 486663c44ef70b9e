// Port of CadQuery examples/Ex009_Polylines.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex009_Polylines", () => {
  const L = 100.0, H = 20.0, W = 20.0, t = 1.0;
  const pts = [[0, H / 2.0], [W / 2.0, H / 2.0], [W / 2.0, H / 2.0 - t], [t / 2.0, H / 2.0 - t], [t / 2.0, t - H / 2.0],
               [W / 2.0, t - H / 2.0], [W / 2.0, H / -2.0], [0, H / -2.0]];
  const result = cq.Workplane("front").polyline(pts).mirrorY().extrude(L);
  show(result, "beam");

  check("Ex009: size", () => bboxSize(result), [20, 20, 100], 1e-6);
  check("Ex009: volume", () => result.val().Volume(), (2 * W * t + (H - 2 * t) * t) * L, 1e-6);
  check("Ex009: faces", () => result.faces().size(), 14);
});
