// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): mirrorX/Y,
// fillet, chamfer, holes, split, shell, boxes on point lists, centering. Expected numbers
// are CadQuery's; each testCase names the CadQuery test.

const unitCube = () => cq.Workplane().rect(1, 1).extrude(1).val();  // tests/__init__.py makeUnitCube
const cube = (size) => cq.Workplane().rect(size, size).extrude(size).val();  // makeCube(size)
const CQ = (shape) => cq.Workplane("XY").add(shape);

testCase("test_cadquery.py::testSimpleMirror", () => {
  const s = cq.Workplane("XY").lineTo(2, 2).threePointArc([3, 1], [2, 0]).mirrorX().extrude(0.25);
  check("testSimpleMirror: 6 faces", () => s.faces().size(), 6);
});

const mirrorPoints = (withOrigin) => {
  const r = 20, s = 7, t = 1.5;
  const pts = [[0, t / 2], [r / 2 - 1.5 * t, r / 2 - t], [s / 2, r / 2 - t], [s / 2, r / 2], [r / 2, r / 2],
               [r / 2, s / 2], [r / 2 - t, s / 2], [r / 2 - t, r / 2 - 1.5 * t], [t / 2, 0]];
  return withOrigin ? [[0, 0]].concat(pts) : pts;
};

testCase("test_cadquery.py::testUnorderedMirror", () => {
  const pts = mirrorPoints(true);
  const r = cq.Workplane("XY").polyline(pts).mirrorX();
  check("testUnorderedMirror: wires", () => r.wires().size(), 1);
  check("testUnorderedMirror: edges", () => r.edges().size(), 18);
  const r2 = cq.Workplane("XY").polyline(pts.slice(1), { includeCurrent: true }).mirrorX();
  check("testUnorderedMirror: includeCurrent wires", () => r2.wires().size(), 1);
  check("testUnorderedMirror: includeCurrent edges", () => r2.edges().size(), 18);
});

testCase("test_cadquery.py::testChainedMirror", () => {
  const r = cq.Workplane("XY").polyline(mirrorPoints(false)).mirrorX().mirrorY().extrude(1).faces(">Z");
  check("testChainedMirror: wires", () => r.wires().size(), 1);
  check("testChainedMirror: edges", () => r.edges().size(), 32);
});

testCase("test_cadquery.py::testIbeam", () => {
  const L = 100.0, H = 20.0, W = 20.0, t = 1.0;
  const pts = [[0, 0], [0, H / 2], [W / 2, H / 2], [W / 2, H / 2 - t], [t / 2, H / 2 - t], [t / 2, t - H / 2],
               [W / 2, t - H / 2], [W / 2, -H / 2], [0, -H / 2]];
  const res = cq.Workplane(cq.Plane.XY()).polyline(pts).mirrorY().extrude(L);
  // CadQuery only builds it; the I-beam's section area is 2·W·t + (H-2t)·t.
  check("testIbeam: volume", () => res.val().Volume(), (2 * W * t + (H - 2 * t) * t) * L, 1e-6);
});

testCase("test_cadquery.py::testCone", () => {
  check("testCone: 2 faces", () => CQ(cq.Solid.makeCone(0, 1.0, 2.0)).faces().size(), 2);
});

testCase("test_cadquery.py::testFillet", () => {
  const c = CQ(unitCube()).faces(">Z").workplane().circle(0.25).extrude(0.25, true).edges("|Z").fillet(0.2);
  check("testFillet: 12 faces", () => c.faces().size(), 12);
  checkThrows("testFillet: no solid", () => cq.Workplane().hLine(1).vLine(1).close().fillet(0.1));
});

testCase("test_cadquery.py::testChamfer", () => {
  check("testChamfer: 10 faces", () => CQ(unitCube()).faces(">Z").chamfer(0.1).faces().size(), 10);
  checkThrows("testChamfer: no solid", () => cq.Workplane().hLine(1).vLine(1).close().chamfer(0.1));
});

testCase("test_cadquery.py::testChamferAsymmetrical", () => {
  const c = CQ(unitCube()).faces(">Z").chamfer(0.1, 0.2);
  check("testChamferAsymmetrical: 10 faces", () => c.faces().size(), 10);
  check("testChamferAsymmetrical: top edge", () => c.edges(">Z").vals()[0].Length(), 0.6, places(3));
  check("testChamferAsymmetrical: vertical edge", () => c.edges("|Z").vals()[0].Length(), 0.9, places(3));
});

testCase("test_cadquery.py::testChamferCylinder", () => {
  check("testChamferCylinder: 4 faces", () => cq.Workplane("XY").circle(1).extrude(1).faces(">Z").chamfer(0.1).faces().size(), 4);
});

testCase("test_cadquery.py::testCounterBores", () => {
  const pnts = [[-1.0, -1.0], [0.0, 0.0], [1.0, 1.0]];
  const c = CQ(cube(3.0)).faces(">Z").workplane().pushPoints(pnts).cboreHole(0.1, 0.25, 0.25, 0.75);
  check("testCounterBores: blind, 18 faces", () => c.faces().size(), 18);
  const c2 = CQ(cube(3.0)).faces(">Z").workplane().pushPoints(pnts).cboreHole(0.1, 0.25, 0.25);
  check("testCounterBores: through, 15 faces", () => c2.faces().size(), 15);
});

testCase("test_cadquery.py::testCounterSinks", () => {
  const r = cq.Workplane(cq.Plane.XY()).rect(2.0, 4.0).extrude(0.5).faces(">Z").workplane()
    .rect(1.5, 3.5, { forConstruction: true }).vertices().cskHole(0.125, 0.25, 82, { depth: null });
  // CadQuery only builds it; each through countersink adds a cone and a cylinder face.
  check("testCounterSinks: faces", () => r.faces().size(), 6 + 4 * 2);
  checkTrue("testCounterSinks: valid", () => r.val().isValid());
});

const piercedCube = () => CQ(unitCube()).faces(">Z").workplane().circle(0.25).cutThruAll();

testCase("test_cadquery.py::testSplitKeepingHalf", () => {
  const c = piercedCube();
  check("testSplitKeepingHalf: 7 faces", () => c.faces().size(), 7);
  check("testSplitKeepingHalf: half has 8 faces", () => c.faces(">Y").workplane(-0.5).split({ keepTop: true }).faces().size(), 8);
});

testCase("test_cadquery.py::testSplitKeepingBoth", () => {
  const r = piercedCube().faces(">Y").workplane(-0.5).split({ keepTop: true, keepBottom: true });
  check("testSplitKeepingBoth: 2 solids", () => r.solids().size(), 2);
  check("testSplitKeepingBoth: first 8 faces", () => r.solids().item(0).faces().size(), 8);
  check("testSplitKeepingBoth: second 8 faces", () => r.solids().item(1).faces().size(), 8);
});

testCase("test_cadquery.py::testSplitKeepingBottom", () => {
  const r = piercedCube().faces(">Y").workplane(-0.5).split({ keepTop: false, keepBottom: true });
  check("testSplitKeepingBottom: 1 solid", () => r.solids().size(), 1);
  check("testSplitKeepingBottom: 8 faces", () => r.solids().item(0).faces().size(), 8);
});

testCase("test_cadquery.py::testSplitError", () => {
  const w = cq.Workplane().hLine(1).vLine(1).close();
  checkThrows("testSplitError: no solid", () => w.split({ keepTop: true }));
  checkThrows("testSplitError: keep nothing", () => w.split({ keepTop: false, keepBottom: false }));
});

testCase("test_cadquery.py::testBoxDefaults", () => {
  check("testBoxDefaults: 1 solid", () => cq.Workplane("XY").box(2, 3, 4).solids().size(), 1);
});

testCase("test_cadquery.py::testSimpleShell", () => {
  check("testSimpleShell: open box faces", () => cq.Workplane("XY").box(2, 2, 2).faces("+Z").shell(0.05).faces().size(), 23);
  check("testSimpleShell: ellipse intersection", () => cq.Workplane().ellipse(4, 2).extrude(4).faces(">Z").shell(+2, { kind: "intersection" }).faces().size(), 5);
  check("testSimpleShell: ellipse arc", () => cq.Workplane().ellipse(4, 2).extrude(4).faces(">Z").shell(+2, { kind: "arc" }).faces().size(), 6);
  checkThrows("testSimpleShell: no solid", () => cq.Workplane().hLine(1).vLine(1).close().shell(1));
});

testCase("test_cadquery.py::testClosedShell", () => {
  const s1 = cq.Workplane("XY").box(2, 2, 2).shell(-0.1);
  check("testClosedShell: inward faces", () => s1.faces().size(), 12);
  checkTrue("testClosedShell: inward valid", () => s1.val().isValid());
  const s2 = cq.Workplane("XY").box(2, 2, 2).shell(0.1);
  check("testClosedShell: outward faces", () => s2.faces().size(), 32);
  checkTrue("testClosedShell: outward valid", () => s2.val().isValid());
  const pts = [[1.0, 0.0], [0.3, 0.2], [0.0, 0.0], [0.3, -0.1], [1.0, -0.03]];
  checkTrue("testClosedShell: thin wedge valid", () => cq.Workplane().polyline(pts).close().extrude(1).shell(-0.05).val().isValid());
});

testCase("test_cadquery.py::testTopFaceFillet", () => {
  check("testTopFaceFillet: 10 faces", () => cq.Workplane("XY").box(1, 1, 1).faces("+Z").edges().fillet(0.1).faces().size(), 10);
});

testCase("test_cadquery.py::testBoxPointList", () => {
  const s = cq.Workplane("XY").rect(4.0, 4.0, { forConstruction: true }).vertices().box(0.25, 0.25, 0.25, { combine: true });
  check("testBoxPointList: combined solids", () => s.solids().size(), 4);
  check("testBoxPointList: combined one object", () => s.size(), 1);
  const s2 = cq.Workplane("XY").rect(4.0, 4.0, { forConstruction: true }).vertices().box(0.25, 0.25, 0.25, { combine: false });
  check("testBoxPointList: separate objects", () => s2.size(), 4);
  check("testBoxPointList: separate solids", () => s2.solids().size(), 4);
});

testCase("test_cadquery.py::testBoxCombine", () => {
  const s = cq.Workplane("XY").box(4, 4, 0.5).faces(">Z").workplane().rect(3, 3, { forConstruction: true }).vertices()
    .box(0.25, 0.25, 0.25, { combine: true });
  check("testBoxCombine: 1 solid", () => s.solids().size(), 1);
  check("testBoxCombine: 26 faces", () => s.faces().size(), 26);
});

testCase("test_cadquery.py::testBoxCentered", () => {
  const x = 10, y = 11, z = 12;
  for (const [xo, xv] of [[true, -x / 2], [false, 0]])
    for (const [yo, yv] of [[true, -y / 2], [false, 0]])
      for (const [zo, zv] of [[true, -z / 2], [false, 0]]) {
        const s = cq.Workplane().box(x, y, z, { centered: [xo, yo, zo] }).vertices("<X and <Y and <Z");
        check("testBoxCentered: corner " + [xo, yo, zo], () => s.val().toTuple(), [xv, yv, zv], places(3));
      }
  for (const v of [true, false]) {
    check("testBoxCentered: centered=" + v + " same as triple",
          () => cq.Workplane().box(x, y, z, { centered: v }).vertices(">X and >Y and >Z").val().toTuple(),
          cq.Workplane().box(x, y, z, { centered: [v, v, v] }).vertices(">X and >Y and >Z").val().toTuple(), places(3));
  }
});
