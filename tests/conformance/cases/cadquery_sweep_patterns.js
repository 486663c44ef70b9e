// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): sweep,
// multisection sweep, twistExtrude, rarray, polarArray, nested profiles. Expected numbers are
// CadQuery's; each testCase names the CadQuery test it comes from.

testCase("test_cadquery.py::testSweep", () => {
  const pts = [[0, 0], [0, 1], [1, 2], [2, 4]];
  let path = cq.Workplane("XZ").spline(pts);
  const fe = (label, r, f, e) => {
    check(label + " faces", () => r.faces().size(), f);
    check(label + " edges", () => r.edges().size(), e);
  };
  fe("testSweep: circle along spline", cq.Workplane("XY").circle(1.0).sweep(path), 3, 3);
  fe("testSweep: along path.val()", cq.Workplane("XY").circle(1.0).sweep(path.val()), 3, 3);
  fe("testSweep: makeSolid false", cq.Workplane("XY").circle(1.0).sweep(path, { makeSolid: false }), 1, 3);
  fe("testSweep: isFrenet", cq.Workplane("XY").circle(1.0).sweep(path, { isFrenet: true }), 3, 3);
  fe("testSweep: makeSolid false isFrenet", cq.Workplane("XY").circle(1.0).sweep(path, { makeSolid: false, isFrenet: true }), 1, 3);
  fe("testSweep: rect", cq.Workplane("XY").rect(1.0, 1.0).sweep(path), 6, 12);
  check("testSweep: fixed normal", () => cq.Workplane().circle(0.5).sweep(path, { normal: cq.Vector(0, 0, 1) }).faces(">Z").val().normalAt().toTuple(),
        [0, 0, 1], places(6));
  path = cq.Workplane("XZ").polyline(pts);
  fe("testSweep: polyline transformed", cq.Workplane("XY").circle(0.1).sweep(path, { transition: "transformed" }), 5, 7);
  path = cq.Workplane("XZ").polyline(pts);
  fe("testSweep: polyline transformed with hole", cq.Workplane("XY").circle(0.2).circle(0.1).sweep(path, { transition: "transformed" }), 8, 14);
  for (const t of ["transformed", "right", "round"]) {
    checkTrue("testSweep: nested profiles valid, transition " + t,
              () => cq.Workplane("XY").circle(0.2).rect(0.2, 0.1).rect(0.1, 0.2).sweep(cq.Workplane("XZ").polyline(pts), { transition: t }).solids().val().isValid());
  }
  checkTrue("testSweep: four nested profiles valid",
            () => cq.Workplane("XY").circle(0.2).rect(0.2, 0.1).rect(0.1, 0.2).circle(0.1).sweep(cq.Workplane("XZ").polyline(pts)).solids().val().isValid());
  fe("testSweep: along an arc", cq.Workplane("XY").circle(0.1).sweep(cq.Workplane("XZ").threePointArc([1.0, 1.5], [0.0, 1.0])), 3, 3);
  const spine = () => cq.Workplane("YZ").spline([[0, 0], [20, 100]], { tangents: [[0, 1, 0], [0, 1, 0]] });
  const aux = () => cq.Workplane("XY").spline([[0, 20, 0], [20, 0, 100]], { tangents: [[0, 0, 1], [0, 0, 1]] });
  check("testSweep: auxSpine twists the section 45 degrees", () => {
    const withAux = cq.Workplane("XY").rect(10, 20).sweep(spine(), { auxSpine: aux() });
    return withAux.faces("<Z").wires().val().tangentAt(0.0).getAngle(withAux.faces(">Z").wires().val().tangentAt(0.0));
  }, Math.PI / 4, places(6));
  checkThrows("testSweep: open profile", () => cq.Workplane().hLine(1).vLine(1).sweep(spine()));
  checkThrows("testSweep: auxSpine must be a wire", () => cq.Workplane("XY").rect(10, 20).sweep(spine(), { auxSpine: cq.Workplane().box(1, 1, 1) }));
  const box = cq.Workplane().box(10, 10, 10, { centered: false });
  const cut = box.vertices(">Z and >X and >Y").workplane({ centerOption: "CenterOfMass" }).circle(1.5)
    .sweep(cq.Workplane("YZ").lineTo(10, 10), { combine: "cut" });
  checkTrue("testSweep: combine cut", () => box.val().Volume() > cut.val().Volume());
  const box2 = cq.Workplane().box(10, 10, 10, { centered: false });
  const add = box2.vertices(">Z and >X and >Y").workplane({ centerOption: "CenterOfMass" }).circle(1.5)
    .sweep(cq.Workplane("YZ").lineTo(10, 10), { combine: true });
  checkTrue("testSweep: combine true", () => add.val().Volume() > box2.val().Volume());
});

testCase("test_cadquery.py::testMultisectionSweep", () => {
  const path = cq.Workplane("XZ").moveTo(-10, 0).lineTo(10, 0);
  const defaultSweep = () => cq.Workplane("YZ").workplane({ offset: -10.0 }).circle(2.0).workplane({ offset: 10.0 }).circle(1.0)
    .workplane({ offset: 10.0 }).circle(2.0).sweep(path, { multisection: true });
  const rectToCircle = () => cq.Workplane("YZ").workplane({ offset: -10.0 }).rect(2.0, 2.0).workplane({ offset: 8.0 }).circle(1.0)
    .workplane({ offset: 4.0 }).circle(1.0).workplane({ offset: 8.0 }).rect(2.0, 2.0).sweep(path, { multisection: true });
  const circleToRect = () => cq.Workplane("YZ").workplane({ offset: -10.0 }).circle(1.0).workplane({ offset: 7.0 }).rect(2.0, 2.0)
    .workplane({ offset: 6.0 }).rect(2.0, 2.0).workplane({ offset: 7.0 }).circle(1.0).sweep(path, { multisection: true });
  const special = () => cq.Workplane("YZ").circle(1.0).workplane({ offset: 10.0 }).rect(2.0, 2.0).sweep(path, { multisection: true });
  const arcPath = cq.Workplane("XZ").moveTo(-5, 4).lineTo(0, 4).threePointArc([4, 0], [0, -4]).lineTo(-5, -4);
  const arcSweep = () => cq.Workplane("YZ").workplane({ offset: -5 }).moveTo(0, 4).circle(1.5)
    .workplane({ offset: 5, centerOption: "CenterOfMass" }).circle(1.5).moveTo(0, -8).circle(1.0)
    .workplane({ offset: -5, centerOption: "CenterOfMass" }).circle(1.0).sweep(arcPath, { multisection: true });
  const spine = () => cq.Workplane("YZ").spline([[0, 0], [20, 100]], { tangents: [[0, 1, 0], [0, 1, 0]] });
  const normalSweep = () => cq.Workplane().rect(10, 10).workplane({ offset: 100 }).rect(10, 20).sweep(spine(), { multisection: true, normal: [0, 1, 1] });
  check("testMultisectionSweep: normal, bottom face", () => normalSweep().faces("<Z").val().normalAt().toTuple(), cq.Vector(0, -1, -1).normalized().toTuple(), places(6));
  check("testMultisectionSweep: normal, top face", () => normalSweep().faces(">Z").val().normalAt().toTuple(), cq.Vector(0, 1, 1).normalized().toTuple(), places(6));
  check("testMultisectionSweep: default 1 solid", () => defaultSweep().solids().size(), 1);
  check("testMultisectionSweep: circle to rect 1 solid", () => circleToRect().solids().size(), 1);
  check("testMultisectionSweep: rect to circle 1 solid", () => rectToCircle().solids().size(), 1);
  check("testMultisectionSweep: special 1 solid", () => special().solids().size(), 1);
  check("testMultisectionSweep: arc 1 solid", () => arcSweep().solids().size(), 1);
});

testCase("test_cadquery.py::testTwistExtrude", () => {
  check("testTwistExtrude: 6 faces", () => cq.Workplane("XY").rect(10, 10).twistExtrude(10, 45, false).faces().size(), 6);
});

testCase("test_cadquery.py::testTwistExtrudeCombineCut", () => {
  const box = cq.Workplane().box(10, 10, 10);
  const cut = box.faces(">Z").workplane({ invert: true }).rect(1.5, 5).twistExtrude(10, 90, { combine: "cut" });
  checkTrue("testTwistExtrudeCombineCut: volume removed", () => box.val().Volume() > cut.val().Volume());
});

testCase("test_cadquery.py::testTwistExtrudeCombine", () => {
  check("testTwistExtrudeCombine: 6 faces", () => cq.Workplane("XY").rect(10, 10).twistExtrude(10, 45).faces().size(), 6);
});

testCase("test_cadquery.py::testRectArray", () => {
  const xs = 8.0, ys = 8.0, nx = 3, ny = 3;
  const s = cq.Workplane("XY").box(40, 40, 5, { centered: [true, true, true] }).faces(">Z").workplane()
    .rarray(xs, ys, nx, ny, true).circle(2.0).extrude(2.0);
  check("testRectArray: faces", () => s.faces().size(), 6 + nx * ny * 2);
  checkThrows("testRectArray: zero spacing", () => cq.Workplane().rarray(0, 0, nx, ny, true));
  const has = (wp, p) => wp.vals().some((v) => __conformanceEqual(v.toTuple(), p, 1e-9));
  for (const [xo, x0, x1] of [[true, -xs, xs], [false, 0, xs * 2]]) {
    for (const [yo, y0, y1] of [[true, -ys, ys], [false, 0, ys * 2]]) {
      const r = cq.Workplane().rarray(xs, ys, nx, ny, { center: [xo, yo] });
      checkTrue("testRectArray: lower corner, center " + xo + "," + yo, () => has(r, [x0, y0, 0]));
      checkTrue("testRectArray: upper corner, center " + xo + "," + yo, () => has(r, [x1, y1, 0]));
    }
  }
  for (const v of [true, false]) {
    const s0 = cq.Workplane().rarray(xs, ys, nx, ny, { center: v });
    const s1 = cq.Workplane().rarray(xs, ys, nx, ny, { center: [v, v] });
    checkTrue("testRectArray: center=" + v + " same points as [" + v + "," + v + "]", () => s0.vals().every((p) => has(s1, p.toTuple())));
    check("testRectArray: center=" + v + " same count", () => s0.size(), s1.size());
  }
});

testCase("test_cadquery.py::testPolarArray", () => {
  const r = 10;
  const pos = (wp, i) => wp.vals()[i].toTuple()[0];
  const ang = (wp, i) => wp.vals()[i].toTuple()[1][2];
  let s = cq.Workplane("XY").polarArray(r, 0, 180, 3);
  check("testPolarArray: 0..180 count", () => s.size(), 3);
  check("testPolarArray: 0..180 first", () => pos(s, 0).slice(0, 2), [r, 0], places(7));
  s = cq.Workplane("XY").polarArray(r, 0, 360, 4);
  check("testPolarArray: 0..360 count", () => s.size(), 4);
  check("testPolarArray: 0..360 first", () => pos(s, 0).slice(0, 2), [r, 0], places(7));
  s = cq.Workplane("XY").polarArray(r, 0, 90, 3, { fill: false });
  check("testPolarArray: fill false count", () => s.size(), 3);
  check("testPolarArray: fill false third", () => pos(s, 2).slice(0, 2), [-r, 0], places(7));
  s = cq.Workplane("XY").polarArray(r, 90, 180, 3);
  check("testPolarArray: start 90 count", () => s.size(), 3);
  check("testPolarArray: start 90 first", () => pos(s, 0).slice(0, 2), [0, r], places(7));
  s = cq.Workplane().polarArray(r, 0, 180, 3);
  check("testPolarArray: rotate first angle", () => ang(s, 0), 0, places(7));
  check("testPolarArray: rotate second angle", () => ang(s, 1), 90, places(7));
  s = cq.Workplane().polarArray(r, 0, 180, 3, { rotate: false });
  check("testPolarArray: no rotate first angle", () => ang(s, 0), 0, places(7));
  check("testPolarArray: no rotate second angle", () => ang(s, 1), 0, places(7));
  checkThrows("testPolarArray: count 0", () => cq.Workplane().polarArray(r, 20, 180, 0));
  s = cq.Workplane().polarArray(r, 20, 0, 1);
  check("testPolarArray: single item", () => s.size(), 1);
  check("testPolarArray: single item position", () => pos(s, 0), cq.Workplane().polarLine(r, 20).val().positionAt(1).toTuple(), 1e-6);
  s = cq.Workplane().center(2, -4).polarArray(2, 10, 50, 3).rect(1.0, 0.5).extrude(1);
  check("testPolarArray: 3 rotated solids", () => s.solids().size(), 3);
  check("testPolarArray: rotated corner", () => s.vertices(">Y and >Z").val().toTuple(), [3.0334936490538906, -1.7099364905389036, 1.0], 1e-6);
});

testCase("test_cadquery.py::testNestedCircle", () => {
  const s = cq.Workplane("XY").box(40, 40, 5).pushPoints([[10, 0], [0, 10]]).circle(4).circle(2).extrude(4);
  check("testNestedCircle: 14 faces", () => s.faces().size(), 14);
});
