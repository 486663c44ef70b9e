// Port of CadQuery examples/Ex026_Case_Seam_Lip.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex026_Case_Seam_Lip", () => {
  const AreaNthSelector = cq.selectors.AreaNthSelector;
  const case_bottom = cq.Workplane("XY").rect(20, 20).extrude(10).edges("|Z or <Z").fillet(2).faces(">Z").shell(2)
    .faces(">Z").wires(AreaNthSelector(-1)).toPending().workplane().offset2D(-1).extrude(1)
    .faces(">Z[-2]").wires(AreaNthSelector(0)).toPending().workplane().cutBlind(2);
  const case_top = cq.Workplane("XY").move(25).rect(20, 20).extrude(5).edges("|Z or >Z").fillet(2).faces("<Z").shell(2)
    .faces("<Z").wires(AreaNthSelector(-1)).toPending().workplane().offset2D(-1).cutBlind(-1);
  show(case_bottom, "case_bottom");
  show(case_top, "case_top", { alpha: 0.5 });

  // shell(2) grows the walls outwards: 24 x 24; the bottom gains a 1 mm lip above z=10.
  check("Ex026: bottom one solid", () => case_bottom.solids().size(), 1);
  checkTrue("Ex026: bottom valid", () => case_bottom.val().isValid());
  check("Ex026: bottom bounding box", () => bboxTuple(case_bottom), [-12, -12, -2, 12, 12, 11], 1e-6);
  check("Ex026: top one solid", () => case_top.solids().size(), 1);
  checkTrue("Ex026: top valid", () => case_top.val().isValid());
  check("Ex026: top bounding box", () => bboxTuple(case_top), [13, -12, 0, 37, 12, 7], 1e-6);
});
