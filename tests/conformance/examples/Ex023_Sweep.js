// Port of CadQuery examples/Ex023_Sweep.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex023_Sweep", () => {
  const pts = [[0, 1], [1, 2], [2, 4]];
  let path = cq.Workplane("XZ").spline(pts);
  const defaultSweep = cq.Workplane("XY").circle(1.0).sweep(path);
  const frenetShell = cq.Workplane("XY").circle(1.0).sweep(path, { makeSolid: true, isFrenet: true });
  const defaultRect = cq.Workplane("XY").rect(1.0, 1.0).sweep(path);
  path = cq.Workplane("XZ").polyline(pts, { includeCurrent: true });
  const plineSweep = cq.Workplane("XY").circle(1.0).sweep(path);
  path = cq.Workplane("XZ").threePointArc([1.0, 1.5], [0.0, 1.0]);
  const arcSweep = cq.Workplane("XY").circle(0.5).sweep(path);
  show(defaultSweep, "defaultSweep");
  show(frenetShell.translate([5, 0, 0]), "frenetShell");
  show(defaultRect.translate([10, 0, 0]), "defaultRect");
  show(plineSweep, "plineSweep");
  show(arcSweep.translate([20, 0, 0]), "arcSweep");

  for (const [name, s] of [["defaultSweep", defaultSweep], ["frenetShell", frenetShell], ["defaultRect", defaultRect],
                           ["plineSweep", plineSweep], ["arcSweep", arcSweep]]) {
    check("Ex023: " + name + " one solid", () => s.solids().size(), 1);
    checkTrue("Ex023: " + name + " valid", () => s.val().isValid());
  }
  check("Ex023: circle sweep faces", () => defaultSweep.faces().size(), 3);
  check("Ex023: rect sweep faces", () => defaultRect.faces().size(), 6);
  // The polyline starts at the origin and ends at (2, 0, 4); the unit circle is swept along it.
  check("Ex023: polyline sweep top", () => plineSweep.faces(">Z").val().Center().toTuple(), [2, 0, 4], 1e-6);
});
