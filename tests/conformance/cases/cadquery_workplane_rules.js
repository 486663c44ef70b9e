// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): workplanes on
// faces, the context solid, combine, cut/intersect, bounding boxes, cutThruAll, 2D lines and
// arcs. Expected numbers are CadQuery's; each testCase names the CadQuery test.

const unitCube = () => cq.Workplane().rect(1, 1).extrude(1).val();  // tests/__init__.py makeUnitCube
const CQ = (shape) => cq.Workplane("XY").add(shape);

testCase("test_cadquery.py::testConcentricEllipses", () => {
  const e = cq.Workplane("XY").center(10, 20).ellipse(100, 10).center(0, 0).ellipse(50, 5);
  check("testConcentricEllipses: first vertex", () => { const v = e.vertices().vals()[0]; return [v.X, v.Y]; }, [60, 20], places(3));
});

testCase("test_cadquery.py::testAngledHoles", () => {
  const s = cq.Workplane("front").box(4.0, 4.0, 0.25).faces(">Z").workplane()
    .transformed({ offset: cq.Vector(0, -1.5, 1.0), rotate: cq.Vector(60, 0, 0) })
    .rect(1.5, 1.5, { forConstruction: true }).vertices().hole(0.25);
  check("testAngledHoles: 10 faces", () => s.faces().size(), 10);
});

testCase("test_cadquery.py::testTranslateSolid", () => {
  const c = CQ(unitCube());
  check("testTranslateSolid: z before", () => c.faces("<Z").vertices().item(0).val().Z, 0.0, places(3));
  const d = c.translate(cq.Vector(0, 0, 1.5));
  check("testTranslateSolid: z after", () => d.faces("<Z").vertices().item(0).val().Z, 1.5, places(3));
});

testCase("test_cadquery.py::testSolidReferencesCombine", () => {
  const c = CQ(unitCube());
  check("testSolidReferencesCombine: cube faces", () => c.faces().size(), 6);
  const r = c.faces(">Z").workplane().circle(0.125).extrude(0.5, true);
  check("testSolidReferencesCombine: boss faces", () => r.faces().size(), 8);
  check("testSolidReferencesCombine: original unchanged", () => c.faces().size(), 6);
});

testCase("test_cadquery.py::testSolidReferencesCombineTrue", () => {
  const s = cq.Workplane(cq.Plane.XY());
  const r = s.rect(2.0, 2.0).extrude(0.5);
  check("testSolidReferencesCombineTrue: r faces", () => r.faces().size(), 6);
  check("testSolidReferencesCombineTrue: s faces", () => s.faces().size(), 0);
  const t = r.faces(">Z").workplane().rect(0.25, 0.25).extrude(0.5, true);
  check("testSolidReferencesCombineTrue: t faces", () => t.faces().size(), 11);
  check("testSolidReferencesCombineTrue: r unchanged", () => r.faces().size(), 6);
});

testCase("test_cadquery.py::testSolidReferenceCombineFalse", () => {
  const r = cq.Workplane(cq.Plane.XY()).rect(2.0, 2.0).extrude(0.5);
  const t = r.faces(">Z").workplane().rect(0.25, 0.25).extrude(0.5, false);
  check("testSolidReferenceCombineFalse: t faces", () => t.faces().size(), 6);
  check("testSolidReferenceCombineFalse: r faces", () => r.faces().size(), 6);
});

testCase("test_cadquery.py::testSimpleWorkplane", () => {
  const r = cq.Workplane(cq.Plane.XY()).rect(2.0, 2.0).extrude(0.5).faces(">Z").workplane().circle(0.25).cutBlind(-1.0);
  check("testSimpleWorkplane: 7 faces", () => r.faces().size(), 7);
});

testCase("test_cadquery.py::testMultiFaceWorkplane", () => {
  const s = cq.Workplane("XY").box(1, 1, 1).faces(">Z").rect(1, 0.5).cutBlind(-0.2);
  const o = s.faces(">Z").workplane().val();
  check("testMultiFaceWorkplane: origin", () => [o.x, o.y, o.z], [0, 0, 0.5], places(3));
  checkThrows("testMultiFaceWorkplane: faces not coplanar", () => s.faces("+Y").workplane());
});

testCase("test_cadquery.py::testMultiWireWorkplane", () => {
  check("testMultiWireWorkplane: 7 faces", () => cq.Workplane(cq.Plane.XY()).rect(2.0, 2.0).circle(0.25).extrude(0.5).faces().size(), 7);
});

testCase("test_cadquery.py::testConstructionWire", () => {
  const r = cq.Workplane(cq.Plane.YZ()).rect(2.0, 2.0).rect(1.3, 1.3, { forConstruction: true }).vertices().circle(0.125).extrude(0.5);
  check("testConstructionWire: 10 faces", () => r.faces().size(), 10);
});

testCase("test_cadquery.py::testTwoWorkplanes", () => {
  const r = cq.Workplane(cq.Plane.XY()).rect(2.0, 2.0).rect(1.3, 1.3, { forConstruction: true }).vertices().circle(0.125).extrude(0.5);
  const t = r.faces(">Y").workplane().circle(0.125).cutBlind(-1.9);
  check("testTwoWorkplanes: 12 faces", () => t.faces().size(), 12);
});

testCase("test_cadquery.py::testCut", () => {
  const s = cq.Workplane(cq.Plane.XY());
  const current = s.rect(2.0, 2.0).extrude(0.5);
  const toCut = s.rect(1.0, 1.0).extrude(0.5);
  const res = current.cut(toCut.val());
  check("testCut: 10 faces", () => res.faces().size(), 10);
  checkThrows("testCut: a face is not a solid", () => current.cut(toCut.faces().val()));
  check("testCut: Workplane argument (Python a - b)", () => current.cut(toCut).faces().size(), 10);
  checkThrows("testCut: no context solid", () => cq.Workplane().hLine(1).vLine(1).close().cut(toCut.val()));
});

testCase("test_cadquery.py::testIntersect", () => {
  const s = cq.Workplane(cq.Plane.XY());
  const current = s.rect(2.0, 2.0).extrude(0.5);
  const tool = s.rect(1.0, 1.0).extrude(1);
  let res = current.intersect(tool.val());
  check("testIntersect: shape, faces", () => res.faces().size(), 6);
  check("testIntersect: shape, volume", () => res.val().Volume(), 0.5, places(7));
  res = current.intersect(tool);
  check("testIntersect: workplane, faces", () => res.faces().size(), 6);
  check("testIntersect: workplane, volume", () => res.val().Volume(), 0.5, places(7));
  const b1 = cq.Workplane("XY").box(1, 1, 1);
  const b2 = cq.Workplane("XY", { origin: [0, 0, 0.5] }).box(1, 1, 1);
  check("testIntersect: offset boxes", () => b1.intersect(b2).val().Volume(), 0.5, places(7));
  checkThrows("testIntersect: a face is not a solid", () => b1.intersect(b2.faces().val()));
  checkThrows("testIntersect: no context solid", () => cq.Workplane().intersect(tool));
});

testCase("test_cadquery.py::testBoundingBox", () => {
  const r = cq.Workplane("XY").moveTo(10, 0).lineTo(5, 0).threePointArc([3.9393, 0.4393], [3.5, 1.5])
    .threePointArc([3.0607, 2.5607], [2, 3]).lineTo(1.5, 3).threePointArc([0.4393, 3.4393], [0, 4.5])
    .lineTo(0, 13.5).threePointArc([0.4393, 14.5607], [1.5, 15]).lineTo(28, 15).lineTo(28, 13.5)
    .lineTo(24, 13.5).lineTo(24, 11.5).lineTo(27, 11.5).lineTo(27, 10).lineTo(22, 10).lineTo(22, 13.2)
    .lineTo(14.5, 13.2).lineTo(14.5, 10).lineTo(12.5, 10).lineTo(12.5, 13.2).lineTo(5.5, 13.2).lineTo(5.5, 2)
    .threePointArc([5.793, 1.293], [6.5, 1]).lineTo(10, 1).close().extrude(100);
  check("testBoundingBox: center", () => r.val().BoundingBox().center.toTuple(), [14.0, 7.5, 50.0], places(3));
  check("testBoundingBox: min/max", () => { const b = r.val().BoundingBox(); return [b.xmin, b.xmax, b.ymin, b.ymax, b.zmin, b.zmax]; },
        [0, 28, 0, 15, 0, 100], places(2));
});

testCase("test_cadquery.py::testCutThroughAll", () => {
  const r = cq.Workplane(cq.Plane.XY()).rect(2.0, 2.0).rect(1.3, 1.3, { forConstruction: true }).vertices().circle(0.125).extrude(0.5);
  let t = r.circle(0.5).cutThruAll();
  check("testCutThroughAll: 11 faces", () => t.faces().size(), 11);
  t = t.faces(">Y").workplane({ centerOption: "CenterOfMass" }).circle(0.125).cutThruAll();
  check("testCutThroughAll: 13 faces", () => t.faces().size(), 13);
  const R = 10.0;
  const sp = cq.Workplane().sphere(R).workplane().circle(R / 2).cutThruAll()
    .workplane().transformed({ rotate: [90, 0, 0] }).circle(R / 2).cutThruAll()
    .workplane().transformed({ rotate: [0, 90, 0] }).circle(R / 2).cutThruAll();
  checkTrue("testCutThroughAll: pierced sphere valid", () => sp.val().isValid());
  check("testCutThroughAll: pierced sphere faces", () => sp.faces().size(), 7);
  checkThrows("testCutThroughAll: open wire", () => cq.Workplane().box(1, 1, 1).faces(">Z").workplane().hLine(1).cutThruAll());
  checkThrows("testCutThroughAll: no solid", () => cq.Workplane().hLine(1).vLine(1).close().cutThruAll());
});

testCase("test_cadquery.py::testWorkplaneOnExistingSolid", () => {
  const c = CQ(unitCube()).faces(">Z").workplane().circle(0.25).circle(0.125).extrude(0.25);
  check("testWorkplaneOnExistingSolid: 10 faces", () => c.faces().size(), 10);
});

testCase("test_cadquery.py::testWorkplaneCenterMove", () => {
  const t = cq.Workplane("XY").box(1, 1, 1).faces(">Z").workplane().center(-0.5, -0.5).circle(0.25).extrude(0.2);
  check("testWorkplaneCenterMove: 9 faces", () => t.faces().size(), 9);
});

testCase("test_cadquery.py::testBasicLines", () => {
  const s = cq.Workplane(cq.Plane.XY());
  const r = s.lineTo(1.0, 0).lineTo(0, 1.0).close().wire().extrude(0.25);
  check("testBasicLines: s has no faces", () => s.faces().size(), 0);
  check("testBasicLines: prism faces", () => r.faces().size(), 5);
  const r1 = r.faces("+XY").workplane({ centerOption: "CenterOfMass" }).circle(0.08).cutThruAll();
  check("testBasicLines: hole through +XY face", () => r1.faces().size(), 6);
  const r2 = r1.faces("+Z").workplane({ centerOption: "CenterOfMass" }).circle(0.08).cutThruAll();
  check("testBasicLines: hole through +Z face", () => r2.faces().size(), 9);
});

testCase("test_cadquery.py::test2DDrawing", () => {
  const r = cq.Workplane(cq.Plane.XY()).lineTo(1.0, 0.0).lineTo(1.0, 1.0).threePointArc([1.0, 1.5], [0.0, 1.0])
    .lineTo(0.0, 0.0).moveTo(1.0, 0.0).lineTo(2.0, 0.0).lineTo(2.0, 2.0).threePointArc([2.0, 2.5], [0.0, 2.0])
    .lineTo(-2.0, 2.0).lineTo(-2.0, 0.0).close();
  check("test2DDrawing: one wire", () => r.wires().size(), 1);
  const r2 = cq.Workplane(cq.Plane.XY()).hLineTo(1.0).vLineTo(1.0).hLineTo(0.0).close();
  check("test2DDrawing: hLineTo wire", () => r2.wire().size(), 1);
  check("test2DDrawing: hLineTo edges", () => r2.edges().size(), 4);
  const r3 = cq.Workplane(cq.Plane.XY()).hLine(1.0).vLine(1.0).hLine(-1.0).close();
  check("test2DDrawing: hLine wire", () => r3.wire().size(), 1);
  check("test2DDrawing: hLine edges", () => r3.edges().size(), 4);
  const r4 = cq.Workplane(cq.Plane.XY()).move(1.0, 1.0).hLine(1.0).vLine(1.0).hLine(-1.0).close();
  check("test2DDrawing: moved wire", () => r4.wire().size(), 1);
  check("test2DDrawing: moved edges", () => r4.edges().size(), 4);
  check("test2DDrawing: nearest vertex", () => {
    const v = r4.vertices(cq.selectors.NearestToPointSelector([0.0, 0.0, 0.0])).first().val();
    return [v.X, v.Y];
  }, [1.0, 1.0]);
  const a1 = cq.Workplane(cq.Plane.YZ()).threePointArc([5, 1], [10, 0]);
  const a2 = cq.Workplane(cq.Plane.YZ()).sagittaArc([10, 0], -1);
  const a3 = cq.Workplane(cq.Plane.YZ()).threePointArc([6, 2], [12, 0]);
  const a4 = cq.Workplane(cq.Plane.YZ()).radiusArc([12, 0], -10);
  for (const [n, a] of [["a1", a1], ["a2", a2], ["a3", a3], ["a4", a4]])
    check("test2DDrawing: " + n + " is a circle", () => a.edges().first().val().geomType(), "CIRCLE");
  check("test2DDrawing: threePointArc == sagittaArc", () => a2.edges().first().val().Length(), a1.edges().first().val().Length(), 1e-9);
  check("test2DDrawing: threePointArc == radiusArc", () => a4.edges().first().val().Length(), a3.edges().first().val().Length(), 1e-9);
});

testCase("test_cadquery.py::testPolarLines", () => {
  const r = cq.Workplane(cq.Plane.XY()).polarLine(10, 45).polarLineTo(10, -45).polarLine(10, -180).polarLine(-10, -90).close();
  check("testPolarLines: one wire", () => r.wires().size(), 1);
  check("testPolarLines: 5 edges", () => r.wires().edges().size(), 5);
  check("testPolarLines: polarLineTo end", () => cq.Workplane().polarLineTo(1, 20).val().positionAt(1).toTuple(),
        [0.9396926207859084, 0.3420201433256687, 0.0], 1e-6);
  check("testPolarLines: polarLine end", () => cq.Workplane().move(1, 1).polarLine(1, 20).val().positionAt(1).toTuple(),
        [1.9396926207859084, 1.3420201433256687, 0.0], 1e-6);
});

testCase("test_cadquery.py::testLargestDimension", () => {
  check("testLargestDimension: box", () => cq.Workplane("XY").box(1, 1, 1).largestDimension(), 1.76, places(1));
  check("testLargestDimension: extrusion", () => cq.Workplane("XY").rect(1, 1).extrude(1).largestDimension(), 1.76, places(1));
  checkThrows("testLargestDimension: no solid", () => cq.Workplane("XY").largestDimension());
});

testCase("test_cadquery.py::testOccBottle", () => {
  const L = 20.0, w = 6.0, t = 3.0;
  const p = cq.Workplane(cq.Plane.XY()).center(-L / 2.0, 0).vLine(w / 2.0).threePointArc([L / 2.0, w / 2.0 + t], [L, w / 2.0])
    .vLine(-w / 2.0).mirrorX().extrude(30.0, true);
  const neck = p.faces(">Z").workplane().circle(3.0).extrude(2.0, true);
  const shelled = p.faces(">Z").shell(0.3);
  // CadQuery only checks that these run; the facts below follow from the geometry.
  checkTrue("testOccBottle: body valid", () => p.val().isValid());
  check("testOccBottle: body height", () => bboxSize(p)[2], 30, 1e-6);
  check("testOccBottle: neck height", () => bboxSize(neck)[2], 32, 1e-6);
  checkTrue("testOccBottle: shelled valid", () => shelled.val().isValid());
});

testCase("test_cadquery.py::testSplineShape", () => {
  const sPnts = [[2.75, 1.5], [2.5, 1.75], [2.0, 1.5], [1.5, 1.0], [1.0, 1.25], [0.5, 1.0], [0, 1.0]];
  const r = cq.Workplane(cq.Plane.XY()).lineTo(3.0, 0).lineTo(3.0, 1.0).spline(sPnts).close().extrude(0.5);
  checkTrue("testSplineShape: valid solid", () => r.val().isValid());
  check("testSplineShape: solids", () => r.solids().size(), 1);
});
