// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): extrude and
// cutBlind up to faces ("next", "last", a Face), both, taper, close(). Expected numbers are
// CadQuery's; each testCase names the CadQuery test.

testCase("test_cadquery.py::testExtrudeUntilFace", () => {
  const ref = () => cq.Workplane("XY").box(10, 10, 10).center(20, 0).box(10, 10, 10);
  const refExtrude = ref().faces(">X[1]").workplane().rect(1, 1).extrude(10);
  const nbFaces = ref().faces().size();
  const next = ref().faces(">X[1]").workplane().rect(1, 1).extrude("next");
  check("testExtrudeUntilFace: next == 10 mm", () => next.val().Volume(), refExtrude.val().Volume(), places(7));
  check("testExtrudeUntilFace: next adds 4 faces", () => next.faces().size() - nbFaces, 4);
  const both = ref().faces(">X[1]").workplane({ centerOption: "CenterOfMass", offset: 5 }).polygon(5, 3).extrude("next", { both: true });
  checkTrue("testExtrudeUntilFace: both valid", () => both.val().isValid());
  const taper = ref().faces(">X[1]").workplane({ centerOption: "CenterOfMass" }).polygon(5, 3).extrude("next", { taper: 5 });
  checkTrue("testExtrudeUntilFace: taper smaller", () => taper.val().Volume() < both.val().Volume());
  checkTrue("testExtrudeUntilFace: taper valid", () => taper.val().isValid());
  const multi = ref().faces(">X[1]").workplane({ centerOption: "CenterOfMass" }).pushPoints([[0, 0], [3, 3]]).rect(2, 3).extrude("next");
  check("testExtrudeUntilFace: several wires, one solid", () => multi.solids().size(), 1);
  checkTrue("testExtrudeUntilFace: several wires valid", () => multi.val().isValid());
  const ref2 = ref().workplane().move(10, 0).box(5, 5, 5);
  check("testExtrudeUntilFace: last", () => ref2.faces(">X[1]").workplane({ centerOption: "CenterOfMass" }).circle(2).extrude("last").solids().size(), 1);
  checkThrows("testExtrudeUntilFace: bad keyword", () => ref().faces(">X[1]").workplane().rect(1, 1).extrude("test"));
  const face = cq.Workplane("XZ", { origin: [0, 30, 0] }).transformed([20, 0, 0]).box(10, 10, 10).faces("<Y").val();
  const toFace = cq.Workplane().box(5, 5, 5).faces(">Y").workplane().circle(2).extrude({ until: face });
  check("testExtrudeUntilFace: up to an oblique face", () => toFace.faces(">Y").val().Area(), 13.372852288495501, places(5));
  const aside = () => cq.Workplane().box(5, 5, 5).faces(">X").workplane({ offset: 10 }).transformed([90, 0, 0]).circle(2);
  checkThrows("testExtrudeUntilFace: next misses", () => aside().extrude({ until: "next" }));
  checkThrows("testExtrudeUntilFace: next both misses", () => aside().extrude({ until: "next", both: true }));
  checkThrows("testExtrudeUntilFace: next without a solid", () => cq.Workplane().circle(2).extrude({ until: "next", both: true }));
  checkThrows("testExtrudeUntilFace: next with combine false", () => aside().extrude({ until: "next", combine: false }));
  checkThrows("testExtrudeUntilFace: face missed", () => {
    const wp = cq.Workplane().box(5, 5, 5).faces(">X");
    const f0 = wp.val();
    wp.workplane({ offset: 10 }).transformed([90, 0, 0]).circle(2).extrude({ until: f0, combine: false });
  });
  const part = cq.Workplane().tag("base").box(10, 1, 1, { centered: true }).faces(">Z").workplane()
    .box(1, 1, 10, { centered: [true, true, false] }).faces(">Z").workplane().box(10, 1, 1, { centered: [true, true, false] })
    .workplaneFromTagged("base").center(3, 0).circle(0.4).extrude("next");
  check("testExtrudeUntilFace: section of the T", () => part.faces("<Z").workplane().section(-5).faces().size(), 2);
});

testCase("test_cadquery.py::testCutBlindUntilFace", () => {
  const ref = cq.Workplane("XY").box(40, 10, 2).pushPoints([[-20, 0, 5], [0, 0, 5], [20, 0, 5]]).box(10, 10, 10);
  const regular = ref.faces(">X[2]").workplane({ centerOption: "CenterOfMass" }).rect(2, 2).cutBlind(-10);
  const last = ref.faces(">X[2]").workplane({ centerOption: "CenterOfMass" }).rect(2, 2).cutBlind("last");
  check("testCutBlindUntilFace: last == 10 mm", () => last.val().Volume(), regular.val().Volume(), places(7));
  const last4 = ref.faces(">X[4]").workplane({ centerOption: "CenterOfMass" }).rect(2, 2).cutBlind("last");
  const next4 = ref.faces(">X[4]").workplane({ centerOption: "CenterOfMass" }).rect(2, 2).cutBlind("next");
  checkTrue("testCutBlindUntilFace: last cuts more than next", () => last4.val().Volume() < next4.val().Volume());
  const four = ref.faces(">X[4]").workplane({ centerOption: "CenterOfMass", offset: 0 }).rect(2.5, 2.5, { forConstruction: true })
    .vertices().rect(1, 1).cutBlind("last");
  check("testCutBlindUntilFace: 4 cuts, 50 faces", () => four.faces().size(), 50);
  checkThrows("testCutBlindUntilFace: bad keyword",
              () => cq.Workplane("XY").box(10, 10, 10).center(20, 0).box(10, 10, 10).faces(">X[1]").workplane().rect(1, 1).cutBlind("test"));
  const face = cq.Workplane("XZ", { origin: [0, 5, 0] }).transformed([20, 0, 0]).box(10, 10, 10).faces("<Y").val();
  const cut = cq.Workplane().box(5, 5, 5).faces(">Y").workplane().circle(2).cutBlind({ until: face });
  check("testCutBlindUntilFace: oblique bottom", () => cut.faces("<<Y[3]").val().Area(), 13.372852288495503, places(5));
});

testCase("test_cadquery.py::testExtrude", () => {
  const delta = (s) => s.faces(">Z").val().Center().sub(s.faces("<Z").val().Center()).toTuple();
  const one = cq.Workplane("XY").circle(1).extrude(1, { both: false });
  check("testExtrude: height", () => delta(one), [0, 0, 1], places(9));
  const both = cq.Workplane("XY").circle(1).extrude(1, { both: true });
  check("testExtrude: both, one solid", () => both.val().Solids().length, 1);
  check("testExtrude: both, height", () => delta(both), [0, 0, 2], places(9));
  checkThrows("testExtrude: faces on the stack are not wires", () => cq.Workplane().box(1, 1, 1).faces().circle(0.1).extrude(0.1));
  checkThrows("testExtrude: taper with inner wire", () => cq.Workplane().rect(2, 2).rect(1, 1).extrude(2, { taper: 4 }));
  const box = cq.Workplane().box(5, 5, 5);
  const r = box.faces(">Z").workplane({ invert: true }).circle(0.5).extrude(4, { combine: "cut" });
  checkTrue("testExtrude: combine cut", () => box.val().Volume() > r.val().Volume());
  const ref = cq.Workplane("XY").rect(40, 40).extrude(20, { both: true });
  const regular = ref.workplane({ offset: -20 }).rect(20, 20).extrude(40, { combine: "s" });
  const wp = ref.workplane().rect(20, 20).extrude(20, { both: true, combine: "s" });
  check("testExtrude: both + cut faces", () => wp.faces().size(), 10);
  check("testExtrude: both + cut volume", () => wp.val().Volume(), regular.val().Volume(), places(7));
});

testCase("test_cadquery.py::testTaperedExtrudeCutBlind", () => {
  const areaDelta = (s) => s.faces(">Z").val().Area() - s.faces("<Z").val().Area();
  checkTrue("testTaperedExtrudeCutBlind: positive taper shrinks", () => areaDelta(cq.Workplane("XY").circle(1).extrude(1, { taper: 5 })) < 0);
  checkTrue("testTaperedExtrudeCutBlind: negative taper grows", () => areaDelta(cq.Workplane("XY").circle(1).extrude(1, { taper: -5 })) > 0);
  const s = cq.Workplane("XY").rect(2, 2).extrude(2).faces(">Z").workplane().rect(1, 1).cutBlind(-1, { taper: 5 });
  checkTrue("testTaperedExtrudeCutBlind: tapered pocket bottom", () => s.faces(">Z[-2]").val().Area() < 1);
});

testCase("test_cadquery.py::testTaperedExtrudeHeight", () => {
  check("testTaperedExtrudeHeight: positive", () => cq.Workplane("XY").rect(100, 100).extrude(100, { taper: 20 }).val().BoundingBox().zlen, 100, places(7));
  check("testTaperedExtrudeHeight: negative", () => cq.Workplane("XY").rect(100, 100).extrude(100, { taper: -20 }).val().BoundingBox().zlen, 100, places(7));
});

testCase("test_cadquery.py::testClose", () => {
  const a = cq.Workplane(cq.Plane.XY()).sagittaArc([10, 0], 2).close().extrude(2);
  const b = cq.Workplane(cq.Plane.XY()).sagittaArc([10, 0], 2).sagittaArc([0, 0], 2).close().extrude(2);
  check("testClose: two arcs = twice one", () => b.val().Volume(), a.val().Volume() * 2, places(7));
  const t = 3.0, L = 10.0, w = 5.0;
  const o1 = cq.Workplane("XY", { origin: [0, 0, -t / 2] }).moveTo(L / 2, 0).threePointArc([0, w / 2], [-L / 2, 0])
    .threePointArc([0, -w / 2], [L / 2, 0]).close().extrude(t);
  const ox = 8.0, oy = -19.5;
  const o2 = cq.Workplane("YZ", { origin: [ox, oy, -t / 2] }).moveTo(ox + L / 2, oy).sagittaArc([ox - L / 2, oy], w / 2)
    .sagittaArc([ox + L / 2, oy], w / 2).close().extrude(t);
  check("testClose: same lens", () => o2.val().Volume(), o1.val().Volume(), places(7));
});
