// Port of CadQuery examples/Ex024_Sweep_With_Multiple_Sections.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex024_Sweep_With_Multiple_Sections", () => {
  let path = cq.Workplane("XZ").moveTo(-10, 0).lineTo(10, 0);
  const defaultSweep = cq.Workplane("YZ").workplane({ offset: -10.0 }).circle(2.0).workplane({ offset: 10.0 }).circle(1.0)
    .workplane({ offset: 10.0 }).circle(2.0).sweep(path, { multisection: true });
  const recttocircleSweep = cq.Workplane("YZ").workplane({ offset: -10.0 }).rect(2.0, 2.0).workplane({ offset: 8.0 }).circle(1.0)
    .workplane({ offset: 4.0 }).circle(1.0).workplane({ offset: 8.0 }).rect(2.0, 2.0).sweep(path, { multisection: true });
  const circletorectSweep = cq.Workplane("YZ").workplane({ offset: -10.0 }).circle(1.0).workplane({ offset: 7.0 }).rect(2.0, 2.0)
    .workplane({ offset: 6.0 }).rect(2.0, 2.0).workplane({ offset: 7.0 }).circle(1.0).sweep(path, { multisection: true });
  const specialSweep = cq.Workplane("YZ").circle(1.0).workplane({ offset: 10.0 }).rect(2.0, 2.0).sweep(path, { multisection: true });
  path = cq.Workplane("XZ").moveTo(-5, 4).lineTo(0, 4).threePointArc([4, 0], [0, -4]).lineTo(-5, -4);
  const arcSweep = cq.Workplane("YZ").workplane({ offset: -5 }).moveTo(0, 4).circle(1.5)
    .workplane({ offset: 5, centerOption: "CenterOfMass" }).circle(1.5).moveTo(0, -8).circle(1.0)
    .workplane({ offset: -5, centerOption: "CenterOfMass" }).circle(1.0).sweep(path, { multisection: true });
  show(defaultSweep, "defaultSweep");
  show(circletorectSweep.translate([0, 5, 0]), "circletorectSweep");
  show(recttocircleSweep.translate([0, 10, 0]), "recttocircleSweep");
  show(specialSweep.translate([0, 15, 0]), "specialSweep");
  show(arcSweep.translate([0, -5, 0]), "arcSweep");

  for (const [name, s] of [["defaultSweep", defaultSweep], ["recttocircleSweep", recttocircleSweep], ["circletorectSweep", circletorectSweep],
                           ["specialSweep", specialSweep], ["arcSweep", arcSweep]]) {
    check("Ex024: " + name + " one solid", () => s.solids().size(), 1);
  }
  check("Ex024: default sweep length", () => bboxSize(defaultSweep)[0], 20, 1e-6);
  check("Ex024: default sweep end radius", () => bboxSize(defaultSweep)[1], 4, 1e-3);
  check("Ex024: rect ends", () => recttocircleSweep.faces("<X").val().Area(), 4, 1e-6);
});
