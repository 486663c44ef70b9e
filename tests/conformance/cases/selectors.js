// Ported from CadQuery tests/test_selectors.py (CadQuery/cadquery @ d6729f5): string
// selectors, direction/parallel/perpendicular/type filters, Nth selectors, box, nearest,
// radius/length/area selectors and their combinations. Expected numbers are CadQuery's; each
// testCase names the CadQuery test. Python's `a & b`, `a + b`, `a - b`, `-a` on selectors are
// `.and(b)`, `.or(b)`, `.sub(b)`, `.not()` in Partsmith.

const unitCube = () => cq.Workplane().rect(1, 1).extrude(1).val();                       // makeUnitCube()
const cornerCube = () => cq.Workplane().box(1, 1, 1, { centered: false }).val();          // makeUnitCube(False)
const unitSquareWire = () => cq.Workplane().polyline([[0, 0], [1, 0], [1, 1], [0, 1]]).close().val();  // makeUnitSquareWire()
const CQ = (shape) => cq.Workplane("XY").add(shape);
const S = () => cq.selectors;

testCase("test_selectors.py::testWorkplaneCenter", () => {
  const s = cq.Workplane(cq.Plane.XY());
  check("testWorkplaneCenter: origin", () => s.plane.origin.toTuple(), [0, 0, 0], places(3));
  check("testWorkplaneCenter: moved", () => s.center(-2.0, -2.0).plane.origin.toTuple(), [-2, -2, 0], places(3));
});

testCase("test_selectors.py::testVertices", () => {
  const c = CQ(unitSquareWire());
  check("testVertices: vertices", () => c.vertices().size(), 4);
  check("testVertices: edges", () => c.edges().size(), 4);
  check("testVertices: edges of vertices", () => c.vertices().edges().size(), 0);
  check("testVertices: vertices of edges", () => c.edges().vertices().size(), 4);
  check("testVertices: wires", () => c.wires().size(), 1);
  check("testVertices: faces", () => c.faces().size(), 0);
  check("testVertices: faces of vertices", () => c.vertices().faces().size(), 0);
  check("testVertices: faces of edges", () => c.edges().faces().size(), 0);
  check("testVertices: faces of vertices of edges", () => c.edges().vertices().faces().size(), 0);
});

testCase("test_selectors.py::testEnd", () => {
  const c = CQ(unitSquareWire());
  check("selectors testEnd: vertices", () => c.vertices().size(), 4);
  check("selectors testEnd: end()", () => c.vertices().end().size(), 1);
});

testCase("test_selectors.py::testAll", () => {
  const c = CQ(unitCube());
  check("testAll: faces", () => c.faces().size(), 6);
  check("testAll: all()", () => c.faces().all().length, 6);
  check("testAll: vertices of the first", () => c.faces().all()[0].vertices().size(), 4);
});

testCase("test_selectors.py::testFirst", () => {
  const c = CQ(unitCube());
  check("testFirst: a Vertex", () => c.vertices().first().val().ShapeType(), "Vertex");
  check("testFirst: first().first().first()", () => c.vertices().first().first().first().val().ShapeType(), "Vertex");
});

testCase("test_selectors.py::testCompounds", () => {
  const c = CQ(unitSquareWire());
  check("testCompounds: compounds", () => c.compounds().size(), 0);
  check("testCompounds: shells", () => c.shells().size(), 0);
  check("testCompounds: solids", () => c.solids().size(), 0);
});

testCase("test_selectors.py::testSolid", () => {
  const c = CQ(cornerCube());
  check("testSolid: solids", () => c.solids().size(), 1);
  check("testSolid: faces", () => c.faces().size(), 6);
  check("testSolid: edges", () => c.edges().size(), 12);
  check("testSolid: vertices", () => c.vertices().size(), 8);
  check("testSolid: compounds", () => c.compounds().size(), 0);
  check("testSolid: edges of first face", () => c.faces().first().edges().size(), 4);
  check("testSolid: first face", () => c.faces().first().size(), 1);
  check("testSolid: vertices of first face", () => c.faces().first().vertices().size(), 4);
  check("testSolid: edges of last face", () => c.faces().last().edges().size(), 4);
});

testCase("test_selectors.py::testFaceTypesFilter", () => {
  const c = CQ(unitCube());
  check("testFaceTypesFilter: %PLANE", () => c.faces("%PLANE").size(), 6);
  check("testFaceTypesFilter: %plane", () => c.faces("%plane").size(), 6);
  check("testFaceTypesFilter: %sphere", () => c.faces("%sphere").size(), 0);
  check("testFaceTypesFilter: %cone", () => c.faces("%cone").size(), 0);
  check("testFaceTypesFilter: %SPHERE", () => c.faces("%SPHERE").size(), 0);
});

testCase("test_selectors.py::testEdgeTypesFilter", () => {
  const c = cq.Workplane().ellipse(3, 4).circle(1).extrude(1);
  check("testEdgeTypesFilter: %Ellipse", () => c.edges("%Ellipse").size(), 2);
  check("testEdgeTypesFilter: %circle", () => c.edges("%circle").size(), 2);
  check("testEdgeTypesFilter: %LINE", () => c.edges("%LINE").size(), 2);
  check("testEdgeTypesFilter: %Bspline", () => c.edges("%Bspline").size(), 0);
  check("testEdgeTypesFilter: %Offset", () => c.edges("%Offset").size(), 0);
  check("testEdgeTypesFilter: %HYPERBOLA", () => c.edges("%HYPERBOLA").size(), 0);
});

testCase("test_selectors.py::testPerpendicularDirFilter", () => {
  const c = CQ(unitCube());
  check("testPerpendicularDirFilter: edges #Z", () => c.edges("#Z").size(), 8);
  checkTrue("testPerpendicularDirFilter: edge tangents", () => c.edges("#Z").vals().every((e) => Math.abs(e.tangentAt(0).dot(cq.Vector(0, 0, 1))) < 1e-7));
  check("testPerpendicularDirFilter: faces #Z", () => c.faces("#Z").size(), 4);
  checkTrue("testPerpendicularDirFilter: face normals", () => c.faces("#Z").vals().every((f) => Math.abs(f.normalAt().dot(cq.Vector(0, 0, 1))) < 1e-7));
});

testCase("test_selectors.py::testFaceDirFilter", () => {
  const c = CQ(unitCube());
  for (const [sel, center] of [["+Z", [0, 0, 1]], ["-Z", [0, 0, 0]], ["+X", [0.5, 0, 0.5]], ["-X", [-0.5, 0, 0.5]],
                               ["+Y", [0, 0.5, 0.5]], ["-Y", [0, -0.5, 0.5]]]) {
    check("testFaceDirFilter: " + sel + " count", () => c.faces(sel).size(), 1);
    check("testFaceDirFilter: " + sel + " center", () => c.faces(sel).val().Center().toTuple(), center, places(3));
  }
  check("testFaceDirFilter: XY", () => c.faces("XY").size(), 0);
  check("testFaceDirFilter: X", () => c.faces("X").size(), 1);
  check("testFaceDirFilter: X == +X", () => c.faces("X").val().Center().toTuple(), c.faces("+X").val().Center().toTuple(), 1e-9);
});

testCase("test_selectors.py::testBaseDirSelector", () => {
  const loose = cq.selectors.ParallelDirSelector(cq.Vector(0, 0, 1), 10);
  const c = cq.Workplane(unitCube());
  check("testBaseDirSelector: vertices", () => c.vertices(loose).size(), 0);
  const ball = cq.Workplane().sphere(1);
  check("testBaseDirSelector: curved edges", () => ball.edges(loose).size(), 0);
  check("testBaseDirSelector: curved faces", () => ball.faces(cq.selectors.ParallelDirSelector(ball.faces().val().normalAt(), 10)).size(), 0);
  check("testBaseDirSelector: solids", () => c.solids(loose).size(), 0);
});

testCase("test_selectors.py::testParallelPlaneFaceFilter", () => {
  const c = CQ(cornerCube());
  check("testParallelPlaneFaceFilter: |Z", () => c.faces("|Z").size(), 2);
  check("testParallelPlaneFaceFilter: ParallelDirSelector", () => c.faces(cq.selectors.ParallelDirSelector(cq.Vector(0, 0, 1))).size(), 2);
  check("testParallelPlaneFaceFilter: -Z direction too", () => c.faces(cq.selectors.ParallelDirSelector(cq.Vector(0, 0, -1))).size(), 2);
  check("testParallelPlaneFaceFilter: vertices", () => c.faces("|Z").vertices().size(), 8);
  checkTrue("testParallelPlaneFaceFilter: centres", () => c.faces("|Z").vals().every((f) => Math.abs(f.Center().x - 0.5) < 1e-7 && Math.abs(f.Center().y - 0.5) < 1e-7));
});

testCase("test_selectors.py::testParallelEdgeFilter", () => {
  const c = CQ(unitCube());
  for (const [sel, v] of [["|X", [1, 0, 0]], ["|Y", [0, 1, 0]], ["|Z", [0, 0, 1]]]) {
    check("testParallelEdgeFilter: " + sel, () => c.edges(sel).size(), 4);
    checkTrue("testParallelEdgeFilter: " + sel + " tangents", () => c.edges(sel).vals().every((e) => e.tangentAt(0).cross(v).length() < 1e-7));
  }
});

testCase("test_selectors.py::testCenterNthSelector", () => {
  const sel = (v, n) => cq.selectors.CenterNthSelector(cq.Vector(v), n);
  checkThrows("testCenterNthSelector: empty", () => cq.Workplane().solids(sel([0, 0, 1], 0)));
  const c = cq.Workplane(unitCube());
  check("testCenterNthSelector: bottom", () => c.faces(sel([0, 0, 1], 0)).val().Center().toTuple(), [0, 0, 0], places(3));
  check("testCenterNthSelector: sides", () => c.faces(sel([0, 0, 1], 1)).size(), 4);
  check("testCenterNthSelector: top", () => c.faces(sel([0, 0, 1], 2)).val().Center().toTuple(), [0, 0, 1], places(3));
  checkThrows("testCenterNthSelector: z out of range", () => c.faces(sel([0, 0, 1], 3)));
  check("testCenterNthSelector: left", () => c.faces(sel([1, 0, 0], 0)).val().Center().toTuple(), [-0.5, 0, 0.5], places(3));
  check("testCenterNthSelector: middle", () => c.faces(sel([1, 0, 0], 1)).size(), 4);
  check("testCenterNthSelector: right", () => c.faces(sel([1, 0, 0], 2)).val().Center().toTuple(), [0.5, 0, 0.5], places(3));
  check("testCenterNthSelector: diagonal 0", () => c.faces(sel([1, 1, 1], 0)).size(), 3);
  check("testCenterNthSelector: diagonal 1", () => c.faces(sel([1, 1, 1], 1)).size(), 3);
  checkThrows("testCenterNthSelector: diagonal out of range", () => c.faces(sel([1, 1, 1], 2)));
  for (const [i, z] of [[0, 0], [1, 0.5], [2, 1]]) {
    check("testCenterNthSelector: edges " + i, () => c.edges(sel([0, 0, 1], i)).size(), 4);
    checkTrue("testCenterNthSelector: edges " + i + " z", () => c.edges(sel([0, 0, 1], i)).vals().every((e) => Math.abs(e.Center().z - z) < 1e-7));
  }
  check("testCenterNthSelector: vertices 1", () => c.vertices(sel([0, 0, 1], 1)).size(), 4);
  checkThrows("testCenterNthSelector: vertices out of range", () => c.vertices(sel([0, 0, 1], 3)));
  checkTrue("testCenterNthSelector: >>X[-1] == <<(2,0,1)[0]", () => c.faces(">>X[-1]").val().isSame(c.faces("<<(2,0,1)[0]").val()));
  checkTrue("testCenterNthSelector: >>X[-1] == <<X[0]", () => c.faces(">>X[-1]").val().isSame(c.faces("<<X[0]").val()));
  checkTrue("testCenterNthSelector: >>X[-1] == >>X", () => c.faces(">>X[-1]").val().isSame(c.faces(">>X").val()));
  const prism = cq.Workplane().rect(2, 2).extrude(1, { taper: 30 });
  check("testCenterNthSelector: tapered >>Z[-2]", () => prism.edges(">>Z[-2]").vals().length, 4);
  checkThrows("testCenterNthSelector: >Z[-2] needs parallel edges", () => prism.edges(">Z[-2]"));
  const part = cq.Workplane().rect(10, 10, { centered: false }).extrude(1).faces(">Z").workplane({ centerOption: "CenterOfMass" }).move(-3, 0).hole(2);
  check("testCenterNthSelector: hole edge", () => part.faces(">Z").edges(sel([1, 0, 0], 1)).size(), 1);
  check("testCenterNthSelector: hole radius", () => part.faces(">Z").edges(sel([1, 0, 0], 1)).val().radius(), 1, places(7));
  checkTrue("testCenterNthSelector: hole face not planar", () => part.faces(sel([1, 0, 0], 1)).val().geomType() !== "PLANE");
  const two = cq.Workplane().box(1, 1, 1).add(cq.Workplane("XY", { origin: [10, 10, 10] }).box(1, 1, 1));
  check("testCenterNthSelector: two solids", () => two.solids().size(), 2);
  for (const d of [[0, 0, 1], [0, 1, 0], [1, 0, 0]]) {
    check("testCenterNthSelector: first solid along " + d, () => two.solids(sel(d, 0)).val().Center().toTuple(), [0, 0, 0], places(3));
    check("testCenterNthSelector: second solid along " + d, () => two.solids(sel(d, 1)).val().Center().toTuple(), [10, 10, 10], places(3));
  }
});

testCase("test_selectors.py::testMaxDistance", () => {
  const c = CQ(unitCube());
  check("testMaxDistance: >Z", () => c.faces(">Z").size(), 1);
  check("testMaxDistance: vertices", () => c.faces(">Z").vertices().size(), 4);
  checkTrue("testMaxDistance: vertex z", () => c.faces(">Z").vertices().vals().every((v) => Math.abs(v.Z - 1) < 5e-4));
  check("testMaxDistance: edges", () => c.edges(">Z").vals().length, 4);
  checkTrue("testMaxDistance: edge z", () => c.edges(">Z").vals().every((e) => Math.abs(e.Center().z - 1) < 1e-7));
});

testCase("test_selectors.py::testMinDistance", () => {
  const c = CQ(unitCube());
  check("testMinDistance: <Z", () => c.faces("<Z").size(), 1);
  check("testMinDistance: vertices", () => c.faces("<Z").vertices().size(), 4);
  checkTrue("testMinDistance: vertex z", () => c.faces("<Z").vertices().vals().every((v) => Math.abs(v.Z) < 5e-4));
  check("testMinDistance: edges", () => c.edges("<Z").vals().length, 4);
  checkTrue("testMinDistance: edge z", () => c.edges("<Z").vals().every((e) => Math.abs(e.Center().z) < 1e-7));
});

testCase("test_selectors.py::testNthDistance", () => {
  const c = cq.Workplane("XY").pushPoints([[-2, 0], [2, 0]]).box(1, 1, 1);
  const nth = (v, n) => cq.selectors.DirectionNthSelector(cq.Vector(v), n);
  check("testNthDistance: +X 1", () => c.faces(nth([1, 0, 0], 1)).val().Center().x, -1.5, places(7));
  check("testNthDistance: -X 1", () => c.faces(nth([-1, 0, 0], 1)).val().Center().x, 1.5, places(7));
  check("testNthDistance: +X -2", () => c.faces(nth([1, 0, 0], -2)).val().Center().x, 1.5, places(7));
  check("testNthDistance: +X -1", () => c.faces(nth([1, 0, 0], -1)).val().Center().x, 2.5, places(7));
  check("testNthDistance: >(1,0,0)[1]", () => c.faces(">(1,0,0)[1]").val().Center().x, -1.5, places(7));
  check("testNthDistance: >X[1]", () => c.faces(">X[1]").val().Center().x, -1.5, places(7));
  check("testNthDistance: >(-1,0,0)[1]", () => c.faces(">(-1,0,0)[1]").val().Center().x, 1.5, places(7));
  check("testNthDistance: <X[1]", () => c.faces("<X[1]").val().Center().x, 1.5, places(7));
  check("testNthDistance: >X[-2]", () => c.faces(">X[-2]").val().Center().x, 1.5, places(7));
  check("testNthDistance: >X[-1]", () => c.faces(">X[-1]").val().Center().x, 2.5, places(7));
  check("testNthDistance: >X[-1] normal", () => c.faces(">X[-1]").val().normalAt().cross(cq.Vector(1, 0, 0)).length(), 0, places(7));
  const steps = cq.Workplane("XY").box(1, 4, 1, { centered: [false, true, false] }).faces("<Z").box(2, 2, 2, { centered: [true, true, false] })
    .faces(">Z").box(1, 1, 1, { centered: [true, true, false] });
  check("testNthDistance: >Z[1] count", () => steps.faces(">Z[1]").vals().length, 2);
  check("testNthDistance: >Z[1] z", () => steps.faces(">Z[1]").val().Center().z, 1, places(7));
  check("testNthDistance: <Z[2] count", () => steps.faces("<Z[2]").vals().length, 2);
  check("testNthDistance: <Z[2] z", () => steps.faces("<Z[2]").val().Center().z, 1, places(7));
  check("testNthDistance: <Z[-2] count", () => steps.faces("<Z[-2]").vals().length, 2);
  check("testNthDistance: <Z[-2] z", () => steps.faces("<Z[-2]").val().Center().z, 1, places(7));
  check("testNthDistance: <Z[-1] == <Z", () => steps.faces("<Z[-1]").vals()[0].Center().toTuple(), steps.faces("<Z").vals()[0].Center().toTuple(), places(3));
  check("testNthDistance: >Z[-1] == >Z", () => steps.faces(">Z[-1]").vals()[0].Center().toTuple(), steps.faces(">Z").vals()[0].Center().toTuple(), places(3));
  const twisted = cq.Workplane().box(1, 1, 1, { centered: [true, true, false] }).transformed({ rotate: [45, 0, 0], offset: [0, 0, 3] }).box(1, 1, 1);
  check("testNthDistance: twisted >Z[-1]", () => twisted.faces(">Z[-1]").val().Center().toTuple(), [0, 0, 1], places(3));
  checkTrue("testNthDistance: twisted <(0, 1, 1)[-1]", () => twisted.faces("<(0, 1, 1)[-1]").val().Center().z > 1);
  check("testNthDistance: twisted >(0,1,1)[0] == <(0,1,1)[-1]", () => twisted.faces(">(0, 1, 1)[0]").vals()[0].Center().toTuple(),
        twisted.faces("<(0, 1, 1)[-1]").vals()[0].Center().toTuple(), places(3));
});

testCase("test_selectors.py::testNearestToPoint", () => {
  const c = CQ(cornerCube());
  check("testNearestToPoint: vertex", () => c.vertices(cq.selectors.NearestToPointSelector([0.1, 0.1, 0.1])).vals()[0].toTuple(), [0, 0, 0], places(3));
  check("testNearestToPoint: edge vertices", () => c.edges(cq.selectors.NearestToPointSelector([0.1, 0.1, 0.2])).vertices().vals().length, 2);
  check("testNearestToPoint: solid", () => c.solids(cq.selectors.NearestToPointSelector([0.1, 0.1, 0.2])).vals().length, 1);
});

testCase("test_selectors.py::testBox", () => {
  const c = CQ(cornerCube());
  const B = (a, b, bb) => cq.selectors.BoxSelector(a, b, bb);
  const vertexData = [
    [[0.9, 0.9, 0.9], [1.1, 1.1, 1.1], [1, 1, 1]], [[-0.1, 0.9, 0.9], [0.9, 1.1, 1.1], [0, 1, 1]],
    [[-0.1, -0.1, 0.9], [0.1, 0.1, 1.1], [0, 0, 1]], [[-0.1, -0.1, -0.1], [0.1, 0.1, 0.1], [0, 0, 0]],
    [[0.9, -0.1, -0.1], [1.1, 0.1, 0.1], [1, 0, 0]], [[0.9, 0.9, -0.1], [1.1, 1.1, 0.1], [1, 1, 0]],
    [[-0.1, 0.9, -0.1], [0.1, 1.1, 0.1], [0, 1, 0]], [[0.9, -0.1, 0.9], [1.1, 0.1, 1.1], [1, 0, 1]]];
  for (const [a, b, p] of vertexData) {
    check("testBox: vertex " + p, () => c.vertices(B(a, b)).vals().map((v) => v.toTuple()), [p], places(3));
    check("testBox: vertex " + p + " reversed corners", () => c.vertices(B(b, a)).vals().map((v) => v.toTuple()), [p], places(3));
  }
  check("testBox: 2 vertices", () => c.vertices(B([-0.1, -0.1, 0.9], [0.1, 1.1, 1.1])).vals().length, 2);
  check("testBox: 4 vertices", () => c.vertices(B([-0.1, -0.1, -0.1], [0.1, 1.1, 1.1])).vals().length, 4);
  const edgeData = [[[0.4, -0.1, -0.1], [0.6, 0.1, 0.1], [0.5, 0, 0]], [[-0.1, -0.1, 0.4], [0.1, 0.1, 0.6], [0, 0, 0.5]],
                    [[0.9, 0.9, 0.4], [1.1, 1.1, 0.6], [1, 1, 0.5]], [[0.4, 0.9, 0.9], [0.6, 1.1, 1.1], [0.5, 1, 1]]];
  for (const [a, b, p] of edgeData) {
    check("testBox: edge " + p, () => c.edges(B(a, b)).vals().map((e) => e.Center().toTuple()), [p], places(3));
    check("testBox: edge " + p + " reversed corners", () => c.edges(B(b, a)).vals().map((e) => e.Center().toTuple()), [p], places(3));
  }
  check("testBox: 2 edges", () => c.edges(B([-0.1, -0.1, -0.1], [0.6, 0.1, 0.6])).vals().length, 2);
  check("testBox: 3 edges", () => c.edges(B([-0.1, -0.1, -0.1], [1.1, 0.1, 0.6])).vals().length, 3);
  const faceData = [[[0.4, -0.1, 0.4], [0.6, 0.1, 0.6], [0.5, 0, 0.5]], [[0.9, 0.4, 0.4], [1.1, 0.6, 0.6], [1, 0.5, 0.5]],
                    [[0.4, 0.4, 0.9], [0.6, 0.6, 1.1], [0.5, 0.5, 1]], [[0.4, 0.4, -0.1], [0.6, 0.6, 0.1], [0.5, 0.5, 0]]];
  for (const [a, b, p] of faceData) {
    check("testBox: face " + p, () => c.faces(B(a, b)).vals().map((f) => f.Center().toTuple()), [p], places(3));
    check("testBox: face " + p + " reversed corners", () => c.faces(B(b, a)).vals().map((f) => f.Center().toTuple()), [p], places(3));
  }
  check("testBox: 2 faces", () => c.faces(B([0.4, 0.4, 0.4], [0.6, 1.1, 1.1])).vals().length, 2);
  check("testBox: 3 faces", () => c.faces(B([0.4, 0.4, 0.4], [1.1, 1.1, 1.1])).vals().length, 3);
  check("testBox: bounding box, 1 edge", () => c.edges(B([-0.1, -0.1, -0.1], [1.1, 0.1, 0.6], true)).vals().length, 1);
  check("testBox: bounding box, 0 faces", () => c.faces(B([0.4, 0.4, 0.4], [1.1, 1.1, 1.1], true)).vals().length, 0);
  check("testBox: bounding box, 1 face", () => c.faces(B([-0.1, 0.4, -0.1], [1.1, 1.1, 1.1], true)).vals().length, 1);
});

testCase("test_selectors.py::testRadiusNthSelector", () => {
  const R = (n, dmax) => cq.selectors.RadiusNthSelector(n, dmax);
  const part = cq.Workplane().box(10, 10, 1).edges(">(1, 1, 0) and |Z").fillet(1).edges(">(-1, 1, 0) and |Z").fillet(1)
    .edges(">(-1, -1, 0) and |Z").fillet(2).edges(">(1, -1, 0) and |Z").fillet(3).faces(">Z");
  check("testRadiusNthSelector: smallest radius", () => part.edges(R(0)).val().radius(), 1, places(7));
  check("testRadiusNthSelector: two smallest", () => part.edges(R(0)).vals().length, 2);
  check("testRadiusNthSelector: second", () => part.edges(R(1)).val().radius(), 2, places(7));
  check("testRadiusNthSelector: last", () => part.edges(R(-1)).val().radius(), 3, places(7));
  checkThrows("testRadiusNthSelector: out of range", () => part.edges(R(3)));
  check("testRadiusNthSelector: directionMax false", () => part.edges(R(0, false)).val().radius(), 3, places(7));
  const circles = cq.Workplane().circle(2).moveTo(10, 0).circle(2).moveTo(20, 0).circle(4).consolidateWires();
  check("testRadiusNthSelector: wires 0", () => circles.wires(R(0)).vals().length, 2);
  check("testRadiusNthSelector: wires 1", () => circles.wires(R(1)).vals().length, 1);
  check("testRadiusNthSelector: wire radius 0", () => circles.wires(R(0)).val().radius(), 2, places(7));
  check("testRadiusNthSelector: wire radius 1", () => circles.wires(R(1)).val().radius(), 4, places(7));
});

testCase("test_selectors.py::testLengthNthSelector", () => {
  const L = (n) => cq.selectors.LengthNthSelector(n);
  checkThrows("testLengthNthSelector_EmptyEdgesList", () => cq.Workplane().edges(L(0)));
  checkThrows("testLengthNthSelector_Faces", () => cq.Workplane().box(1, 1, 1).faces(L(0)));
  check("testLengthNthSelector_EdgesOfUnitCube", () => cq.Workplane(unitCube()).edges(L(0)).size(), 12);
  const w1 = cq.Workplane().box(1, 2, 3).edges(L(1));
  check("testLengthNthSelector_EdgesOf123Cube: count", () => w1.size(), 4);
  check("testLengthNthSelector_EdgesOf123Cube: lengths", () => w1.vals().map((e) => e.Length()), [2, 2, 2, 2], places(5));
  const w2 = cq.Workplane().box(10, 10, 1).faces(">Z").workplane().rarray(4, 4, 2, 2).hole(1).faces(">Z");
  check("testLengthNthSelector_PlateWithHoles: rims", () => w2.wires(L(0)).size(), 4);
  check("testLengthNthSelector_PlateWithHoles: rim lengths", () => w2.wires(L(0)).vals().map((e) => e.Length()), [Math.PI, Math.PI, Math.PI, Math.PI], places(5));
  check("testLengthNthSelector_PlateWithHoles: perimeter", () => w2.wires(L(1)).size(), 1);
  check("testLengthNthSelector_PlateWithHoles: perimeter length", () => w2.wires(L(1)).val().Length(), 40, places(5));
});

testCase("test_selectors.py::testAreaNthSelector", () => {
  const A = (n) => cq.selectors.AreaNthSelector(n);
  checkThrows("testAreaNthSelector_Vertices", () => cq.Workplane("XY").box(10, 10, 10).vertices(A(0)));
  checkThrows("testAreaNthSelector_Edges", () => cq.Workplane("XY").box(10, 10, 10).edges(A(0)));
  const top = cq.Workplane("XY").rect(50, 50).extrude(50).faces(">Z").shell(-5, "intersection").faces(">Z").wires(A(-1));
  check("testAreaNthSelector_NestedWires: outer count", () => top.vals().length, 1);
  check("testAreaNthSelector_NestedWires: outer area", () => cq.Face.makeFromWires(top.val()).Area(), 2500, places(7));
  const lid = top.toPending().workplane().offset2D(-2).extrude(1).faces(">Z[-2]");
  check("testAreaNthSelector_NestedWires: lid outer", () => cq.Face.makeFromWires(lid.wires(A(-1)).val()).Area(), 2500, places(7));
  check("testAreaNthSelector_NestedWires: lid middle", () => cq.Face.makeFromWires(lid.wires(A(1)).val()).Area(), 46 * 46, places(7));
  check("testAreaNthSelector_NestedWires: lid inner", () => cq.Face.makeFromWires(lid.wires(A(0)).val()).Area(), 40 * 40, places(7));
  const cyl = cq.Workplane("XY").circle(10).extrude(50);
  checkThrows("testAreaNthSelector_NonplanarWire: index 1", () => cyl.wires(A(1)));
  check("testAreaNthSelector_NonplanarWire: flat ends", () => cyl.wires(A(0)).vals().length, 2);
  check("testAreaNthSelector_NonplanarWire: areas", () => cyl.wires(A(0)).vals().map((w) => cq.Face.makeFromWires(w).Area()), [100 * Math.PI, 100 * Math.PI], places(5));
  const faces = cq.Workplane("XY").box(10, 20, 30).faces(A(1));
  check("testAreaNthSelector_Faces: count", () => faces.vals().length, 2);
  check("testAreaNthSelector_Faces: areas", () => faces.vals().map((f) => f.Area()), [300, 300], places(7));
  let sizes = [10, 20, 30];
  const shells = cq.Workplane().rarray(10, 1, 3, 1).eachpoint((loc) => { const s = sizes.shift(); return cq.Workplane().box(s, s, s).val().located(loc); });
  check("testAreaNthSelector_Shells: count", () => shells.shells(A(0)).vals().length, 1);
  check("testAreaNthSelector_Shells: area", () => shells.shells(A(0)).val().Area(), 600, places(7));
  sizes = [10, 20, 20];
  const solids = cq.Workplane().rarray(30, 1, 3, 1).eachpoint((loc) => { const s = sizes.shift(); return cq.Workplane().box(s, s, s).val().located(loc); });
  check("testAreaNthSelector_Solids: count", () => solids.solids(A(1)).vals().length, 2);
  check("testAreaNthSelector_Solids: areas", () => solids.solids(A(1)).vals().map((s) => s.Area()), [2400, 2400], places(5));
});

testCase("test_selectors.py::testAndSelector", () => {
  const c = CQ(unitCube());
  const Str = (s) => cq.selectors.StringSyntaxSelector(s);
  const BS = cq.selectors.BoxSelector([-2, -2, 0.1], [2, 2, 2]);
  check("testAndSelector: AndSelector", () => c.edges(cq.selectors.AndSelector(Str("|X"), BS)).vals().length, 2);
  check("testAndSelector: .and()", () => c.edges(Str("|X").and(BS)).vals().length, 2);
  check("testAndSelector: string and", () => c.vertices(">X and >Y").vals().length, 2);
});

testCase("test_selectors.py::testSumSelector", () => {
  const c = CQ(unitCube());
  const Str = (s) => cq.selectors.StringSyntaxSelector(s);
  check("testSumSelector: SumSelector faces", () => c.faces(cq.selectors.SumSelector(Str(">Z"), Str("<Z"))).vals().length, 2);
  check("testSumSelector: SumSelector edges", () => c.edges(cq.selectors.SumSelector(Str("|X"), Str("|Y"))).vals().length, 8);
  check("testSumSelector: .or() faces", () => c.faces(Str(">Z").or(Str("<Z"))).vals().length, 2);
  check("testSumSelector: .or() edges", () => c.edges(Str("|X").or(Str("|Y"))).vals().length, 8);
  check("testSumSelector: string or faces", () => c.faces(">Z or <Z").vals().length, 2);
  check("testSumSelector: string or edges", () => c.edges("|X or |Y").vals().length, 8);
});

testCase("test_selectors.py::testSubtractSelector", () => {
  const c = CQ(unitCube());
  const Str = (s) => cq.selectors.StringSyntaxSelector(s);
  check("testSubtractSelector: SubtractSelector", () => c.faces(cq.selectors.SubtractSelector(Str("#Z"), Str(">X"))).vals().length, 3);
  check("testSubtractSelector: .sub()", () => c.faces(Str("#Z").sub(Str(">X"))).vals().length, 3);
  check("testSubtractSelector: exc", () => c.faces("#Z exc >X").vals().length, 3);
});

testCase("test_selectors.py::testInverseSelector", () => {
  const c = CQ(unitCube());
  const Str = (s) => cq.selectors.StringSyntaxSelector(s);
  check("testInverseSelector: InverseSelector faces", () => c.faces(cq.selectors.InverseSelector(Str(">Z"))).vals().length, 5);
  check("testInverseSelector: InverseSelector edges", () => c.faces(">Z").edges(cq.selectors.InverseSelector(Str(">X"))).vals().length, 3);
  check("testInverseSelector: .not() faces", () => c.faces(Str(">Z").not()).vals().length, 5);
  check("testInverseSelector: .not() edges", () => c.faces(">Z").edges(Str(">X").not()).vals().length, 3);
  check("testInverseSelector: string not faces", () => c.faces("not >Z").vals().length, 5);
  check("testInverseSelector: string not edges", () => c.faces(">Z").edges("not >X").vals().length, 3);
});

testCase("test_selectors.py::testComplexStringSelector", () => {
  check("testComplexStringSelector: 4 vertices", () => CQ(unitCube()).vertices("(>X and >Y) or (<X and <Y)").vals().length, 4);
});

testCase("test_selectors.py::testFaceCount", () => {
  check("testFaceCount: faces", () => CQ(unitCube()).faces().size(), 6);
  check("testFaceCount: |Z", () => CQ(unitCube()).faces("|Z").size(), 2);
});

testCase("test_selectors.py::testVertexFilter", () => {
  const v = CQ(cornerCube()).faces("+Z").vertices("<XY");
  check("testVertexFilter: one vertex", () => v.size(), 1);
  check("testVertexFilter: at", () => v.val().toTuple(), [0, 0, 1], places(3));
});

testCase("test_selectors.py::testGrammar", () => {
  // CadQuery parses each expression with its grammar; here each must select without a parse
  // error on a unit cube (an empty result is fine, an index out of range is not a syntax error).
  const c = CQ(unitCube());
  const exprs = ["+X ", "-Y", "|(1,0,0)", "|(-1, -0.1 , 2. )", "#(1.,1.4114,-0.532)", "%Plane", ">XZ", "<Z[-2]", "<<Z[2]",
                 ">>(1,1,0)", "|XY", "<YZ[0]", "front", "back", "left", "right", "top", "bottom",
                 "not |(1,1,0) and >(0,0,1) or XY except >(1,1,1)[-1]", "(not |(1,1,0) and >(0,0,1)) exc XY and (Z or X)",
                 "not ( <X or >X or <Y or >Y )"];
  const parses = (e) => {
    try { c.faces(e); } catch (err) { return String(err && err.message).indexOf("bad selector") < 0; }
    return true;
  };
  for (const e of exprs) checkTrue("testGrammar: " + e.trim(), () => parses(e));
});

testCase("test_selectors.py::testShape", () => {
  const w = cq.Workplane().box(3, 2, 1);
  const s = w.val();
  check("testShape: solids()", () => s.solids().ShapeType(), "Solid");
  check("testShape: faces(>Z)", () => s.faces(">Z").Center().toTuple(), w.faces(">Z").val().Center().toTuple(), places(6));
  check("testShape: wires(>Z) type", () => s.wires(">Z").ShapeType(), "Wire");
  check("testShape: edges(>Z) type", () => s.edges(">Z").ShapeType(), "Compound");
  check("testShape: edges(>Z).edges(>X)", () => s.edges(">Z").edges(">X").Center().toTuple(), w.edges(">Z").edges(">X").val().Center().toTuple(), places(6));
  check("testShape: vertex type", () => s.vertices(">Z").vertices(">X and >Y").ShapeType(), "Vertex");
  check("testShape: shells(>Z) type", () => s.shells(">Z").ShapeType(), "Shell");
  check("testShape: DirectionMinMaxSelector", () => s.faces(cq.selectors.DirectionMinMaxSelector(cq.Vector(0, 0, 1))).Center().toTuple(),
        w.faces(">Z").val().Center().toTuple(), places(6));
});
