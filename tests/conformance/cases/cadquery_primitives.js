// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): sphere,
// cylinder, wedge, quick-start countersinks, twisted lofts, unions and combine. Expected
// numbers are CadQuery's; each testCase names the CadQuery test.

const product3 = (pairs) => {
  const out = [];
  for (const a of pairs) for (const b of pairs) for (const c of pairs) out.push([a, b, c]);
  return out;
};

testCase("test_cadquery.py::testSphereDefaults", () => {
  const s = cq.Workplane("XY").sphere(10);
  check("testSphereDefaults: solids", () => s.solids().size(), 1);
  check("testSphereDefaults: faces", () => s.faces().size(), 1);
});

testCase("test_cadquery.py::testSphereCustom", () => {
  const s = cq.Workplane("XY").sphere(10, { angle1: 0, angle2: 90, angle3: 360, centered: [false, false, false] });
  check("testSphereCustom: solids", () => s.solids().size(), 1);
  check("testSphereCustom: faces", () => s.faces().size(), 2);
  const R = 10;
  for (const [x, y, z] of product3([[true, 0], [false, R]])) {
    check("testSphereCustom: center for centered " + [x[0], y[0], z[0]],
          () => cq.Workplane().sphere(R, { centered: [x[0], y[0], z[0]] }).val().Center().toTuple(), [x[1], y[1], z[1]], places(3));
  }
  for (const v of [true, false])
    check("testSphereCustom: centered=" + v + " same as triple", () => cq.Workplane().sphere(R, { centered: v }).val().Center().toTuple(),
          cq.Workplane().sphere(R, { centered: [v, v, v] }).val().Center().toTuple(), places(3));
});

testCase("test_cadquery.py::testSpherePointList", () => {
  const s = cq.Workplane("XY").rect(4.0, 4.0, { forConstruction: true }).vertices().sphere(0.25, { combine: false });
  check("testSpherePointList: solids", () => s.solids().size(), 4);
  check("testSpherePointList: faces", () => s.faces().size(), 4);
});

testCase("test_cadquery.py::testSphereCombine", () => {
  const s = cq.Workplane("XY").rect(4.0, 4.0, { forConstruction: true }).vertices().sphere(2.25, { combine: true });
  check("testSphereCombine: solids", () => s.solids().size(), 1);
  check("testSphereCombine: faces", () => s.faces().size(), 4);
});

testCase("test_cadquery.py::testCylinderDefaults", () => {
  const s = cq.Workplane("XY").cylinder(20, 10);
  check("testCylinderDefaults: size", () => s.size(), 1);
  check("testCylinderDefaults: solids", () => s.solids().size(), 1);
  check("testCylinderDefaults: faces", () => s.faces().size(), 3);
  check("testCylinderDefaults: vertices", () => s.vertices().size(), 2);
  check("testCylinderDefaults: center", () => s.val().Center().toTuple(), [0, 0, 0], places(3));
});

testCase("test_cadquery.py::testCylinderCentering", () => {
  const r = 10, h = 40;
  const opts = [[true, false], [0, r], [0, r], [0, h / 2]];
  for (const xo of [0, 1]) for (const yo of [0, 1]) for (const zo of [0, 1]) {
    const c = [opts[0][xo], opts[0][yo], opts[0][zo]];
    check("testCylinderCentering: center for " + c, () => cq.Workplane("XY").cylinder(h, r, { centered: c }).val().Center().toTuple(),
          [opts[1][xo], opts[2][yo], opts[3][zo]], places(3));
  }
  for (const v of [true, false])
    check("testCylinderCentering: centered=" + v + " same as triple", () => cq.Workplane("XY").cylinder(h, r, { centered: v }).val().Center().toTuple(),
          cq.Workplane("XY").cylinder(h, r, { centered: [v, v, v] }).val().Center().toTuple(), places(3));
});

testCase("test_cadquery.py::testCylinderCenteringAndDirection", () => {
  const r = 10, h = 40;
  const dirs = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, 0, 0], [0, -1, 0], [0, 0, -1]];
  const centered = [[true, true, true], [false, false, false], [true, false, false], [false, true, false], [false, false, true], [true, true, false]];
  const expected = [[0, 0, 0], [r, 0.5 * h, r], [0, r, 0.5 * h], [-0.5 * h, 0, -r], [r, 0, -r], [0, 0, -0.5 * h]];
  for (let i = 0; i < dirs.length; i++)
    check("testCylinderCenteringAndDirection: direct " + dirs[i], () => cq.Workplane("XY").cylinder(h, r, { centered: centered[i], direct: dirs[i] }).val().Center().toTuple(),
          expected[i], places(3));
});

testCase("test_cadquery.py::testWedgeDefaults", () => {
  const s = cq.Workplane("XY").wedge(10, 10, 10, 5, 5, 5, 5);
  check("testWedgeDefaults: solids", () => s.solids().size(), 1);
  check("testWedgeDefaults: faces", () => s.faces().size(), 5);
  check("testWedgeDefaults: vertices", () => s.vertices().size(), 5);
});

testCase("test_cadquery.py::testWedgeCentering", () => {
  const s = cq.Workplane("XY").wedge(10, 10, 10, 5, 5, 5, 5, { centered: [false, false, false] });
  check("testWedgeCentering: solids", () => s.solids().size(), 1);
  check("testWedgeCentering: faces", () => s.faces().size(), 5);
  check("testWedgeCentering: vertices", () => s.vertices().size(), 5);
  const x = 10, y = 11, z = 12;
  for (const [xo, xv] of [[true, -x / 2], [false, 0]])
    for (const [yo, yv] of [[true, -y / 2], [false, 0]])
      for (const [zo, zv] of [[true, -z / 2], [false, 0]])
        check("testWedgeCentering: corner " + [xo, yo, zo],
              () => cq.Workplane().wedge(x, y, z, 2, 2, x - 2, z - 2, { centered: [xo, yo, zo] }).vertices("<X and <Y and <Z").val().toTuple(),
              [xv, yv, zv], places(3));
  for (const v of [true, false])
    check("testWedgeCentering: centered=" + v + " same as triple",
          () => cq.Workplane().wedge(x, y, z, 2, 2, x - 2, z - 2, { centered: v }).vertices(">X and >Z").val().toTuple(),
          cq.Workplane().wedge(x, y, z, 2, 2, x - 2, z - 2, { centered: [v, v, v] }).vertices(">X and >Z").val().toTuple(), places(3));
});

testCase("test_cadquery.py::testWedgePointList", () => {
  const s = cq.Workplane("XY").rect(4.0, 4.0, { forConstruction: true }).vertices().wedge(10, 10, 10, 5, 5, 5, 5, { combine: false });
  check("testWedgePointList: solids", () => s.solids().size(), 4);
  check("testWedgePointList: faces", () => s.faces().size(), 20);
  check("testWedgePointList: vertices", () => s.vertices().size(), 20);
});

testCase("test_cadquery.py::testWedgeCombined", () => {
  const s = cq.Workplane("XY").rect(4.0, 4.0, { forConstruction: true }).vertices().wedge(10, 10, 10, 5, 5, 5, 5, { combine: true });
  check("testWedgeCombined: solids", () => s.solids().size(), 1);
  check("testWedgeCombined: faces", () => s.faces().size(), 12);
  check("testWedgeCombined: vertices", () => s.vertices().size(), 16);
});

for (const [name, plane, face] of [["testQuickStartXY", "XY", ">Z"], ["testQuickStartYZ", "YZ", ">X"], ["testQuickStartXZ", "XZ", ">Y"]]) {
  testCase("test_cadquery.py::" + name, () => {
    const s = cq.Workplane(cq.Plane.named(plane)).box(2, 4, 0.5).faces(face).workplane()
      .rect(1.5, 3.5, { forConstruction: true }).vertices().cskHole(0.125, 0.25, 82, { depth: null });
    check(name + ": solids", () => s.solids().size(), 1);
    check(name + ": faces", () => s.faces().size(), 14);
  });
}

testCase("test_cadquery.py::testDoubleTwistedLoft", () => {
  const s = cq.Workplane("XY").polygon(8, 20.0).workplane({ offset: 4.0 }).transformed({ rotate: cq.Vector(0, 0, 15.0) }).polygon(8, 20).loft();
  const s2 = cq.Workplane("XY").polygon(8, 20.0).workplane({ offset: -4.0 }).transformed({ rotate: cq.Vector(0, 0, 15.0) }).polygon(8, 20).loft();
  const s3 = s.union(s2);
  // CadQuery only builds it; the two lofts meet in the z=0 octagon.
  check("testDoubleTwistedLoft: height", () => bboxSize(s3)[2], 8, 1e-6);
  check("testDoubleTwistedLoft: one solid", () => s3.solids().size(), 1);
});

testCase("test_cadquery.py::testTwistedLoft", () => {
  const s = cq.Workplane("XY").polygon(8, 20.0).workplane({ offset: 4.0 }).transformed({ rotate: cq.Vector(0, 0, 15.0) }).polygon(8, 20).loft();
  check("testTwistedLoft: faces", () => s.faces().size(), 10);
  check("testTwistedLoft: solids", () => s.solids().size(), 1);
});

testCase("test_cadquery.py::testUnions", () => {
  let s = cq.Workplane("XY").rect(0.5, 0.5).extrude(5.0);
  for (let i = 0; i < 15; i++) s = s.union(cq.Workplane("XY").center(10.0 * i, 0).rect(0.5, 0.5).extrude(5.0));
  check("testUnions: 15 separate bars", () => s.solids().size(), 15);
  const base = cq.Workplane(cq.Plane.XY());
  const current = base.rect(2.0, 2.0).extrude(0.5);
  const toUnion = base.rect(1.0, 1.0).extrude(1.0);
  const res = current.union(toUnion);
  check("testUnions: 11 faces", () => res.faces().size(), 11);
  checkThrows("testUnions: a face is not a solid", () => res.union(toUnion.faces().val()));
});

testCase("test_cadquery.py::testCombine", () => {
  const s = cq.Workplane(cq.Plane.XY());
  const o1 = s.rect(2.0, 2.0).extrude(0.5).faces(">Z").rect(1.0, 1.0).extrude(0.5);
  o1.combine();
  check("testCombine: faces", () => o1.faces().size(), 11);
  const a = s.rect(2.0, 2.0).extrude(0.5);
  const b = s.rect(1.0, 1.0).extrude(0.5).translate([0, 0, 0.5]);
  check("testCombine: glue", () => a.add(b).combine({ glue: true, tol: null }).faces().size(), 11);
});

testCase("test_cadquery.py::testUnionNoArgs", () => {
  const s = cq.Workplane(cq.Plane.XY());
  const a = s.rect(2.0, 2.0).extrude(0.5);
  const b = s.rect(1.0, 1.0).extrude(0.5).translate([0, 0, 0.5]);
  check("testUnionNoArgs: faces", () => a.add(b).union({ glue: true, tol: null }).faces().size(), 11);
});

testCase("test_cadquery.py::testCombineSolidsInLoop", () => {
  const s = cq.Workplane("XY").rect(0.5, 0.5).extrude(5.0);
  for (let i = 0; i < 15; i++) s.add(cq.Workplane("XY").center(10.0 * i, 0).rect(0.5, 0.5).extrude(5.0));
  // CadQuery only times it; bar 0 overlaps the first bar, the other 14 stay apart.
  check("testCombineSolidsInLoop: solids", () => s.combine().solids().size(), 15);
});
