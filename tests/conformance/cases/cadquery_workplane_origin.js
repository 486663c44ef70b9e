// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): text, workplane
// centre options, findSolid, slot2D, tags, copyWorkplane, workplaneFromTagged, orientation on
// a vertex, tag selectors, isInside, parametricCurve. Expected numbers are CadQuery's; each
// testCase names the CadQuery test.

testCase("test_cadquery.py::testText", () => {
  const box = cq.Workplane("XY").box(4, 4, 0.5);
  const o1 = box.faces(">Z").workplane().text("CQ 2.0", 0.5, -0.05, { halign: "left", valign: "bottom", font: "Sans" });
  checkTrue("testText: engraved text removes volume", () => box.val().Volume() > o1.val().Volume());
  const o2 = box.faces(">Z").workplane().text("CQ 2.0", 0.5, 0.05, { combine: true, font: "Sans" });
  checkTrue("testText: embossed text adds volume", () => box.val().Volume() < o2.val().Volume());
  check("testText: 5 top faces", () => o2.faces(">Z").vals().length, 5);
  const o3 = box.faces(">Z").workplane().text("CQ 2.0", 0.5, 0.05, { combine: false, halign: "right", valign: "top", font: "Sans" });
  check("testText: 5 letter solids", () => o3.solids().vals().length, 5);
});

testCase("test_cadquery.py::testTextAlignment", () => {
  // CadQuery uses its bundled OpenSans via fontPath; the system "Sans" font stands in.
  const lb = cq.Workplane().text("I", 10, 0, { halign: "left", valign: "bottom", font: "Sans" }).val().BoundingBox();
  checkTrue("testTextAlignment: left/bottom xmin >= 0", () => lb.xmin >= 0);
  checkTrue("testTextAlignment: left/bottom ymin >= 0", () => lb.ymin >= 0);
  const c = cq.Workplane().text("I", 10, 0, { halign: "center", valign: "center", font: "Sans" }).val().BoundingBox();
  check("testTextAlignment: centred x", () => c.center.x, 0, places(0));
  check("testTextAlignment: centred y", () => c.center.y, 0, places(0));
  const rt = cq.Workplane().text("I", 10, 0, { halign: "right", valign: "top", font: "Sans" }).val().BoundingBox();
  checkTrue("testTextAlignment: right/top xmax <= 0", () => rt.xmax <= 0);
  checkTrue("testTextAlignment: right/top ymax <= 0", () => rt.ymax <= 0);
});

testCase("test_cadquery.py::testTextMissingFont", () => {
  checkThrows("testTextMissingFont: unknown font", () => cq.Workplane().text("A", 10, 0, { font: "NonexistentFontXYZ123" }));
  checkTrue("testTextMissingFont: Sans works", () => cq.Workplane().text("A", 10, 0, { font: "Sans" }).val().isValid());
});

testCase("test_cadquery.py::testParametricCurve", () => {
  const k = 4, r = 1;
  const f = (t) => [r * (k + 1) * Math.cos(t) - r * Math.cos((k + 1) * t), r * (k + 1) * Math.sin(t) - r * Math.sin((k + 1) * t)];
  const closed = cq.Workplane("XY").parametricCurve(f, { start: 0, stop: 2 * Math.PI }).extrude(3);
  checkTrue("testParametricCurve: closed valid", () => closed.solids().val().isValid());
  check("testParametricCurve: closed faces", () => closed.faces().vals().length, 3);
});

testCase("test_cadquery.py::testIsInsideSolid", () => {
  const s = cq.Workplane("XY").box(10, 10, 10).val();
  checkTrue("testIsInsideSolid: origin", () => s.isInside([0, 0, 0]));
  checkTrue("testIsInsideSolid: corner outside", () => s.isInside([10, 10, 10]) === false);
  checkTrue("testIsInsideSolid: vector inside", () => s.isInside(cq.Vector(3, 3, 3)));
  checkTrue("testIsInsideSolid: vector outside", () => s.isInside(cq.Vector(30, 30, 30)) === false);
  checkTrue("testIsInsideSolid: near surface with tolerance", () => s.isInside([0, 0, 4.99], 0.1));
  checkTrue("testIsInsideSolid: on surface", () => s.isInside([0, 0, 5]));
  checkTrue("testIsInsideSolid: just outside with tolerance", () => s.isInside([0, 0, 5.01], 0.1));
  checkTrue("testIsInsideSolid: outside tolerance", () => s.isInside([0, 0, 5.1], 0.1) === false);
  const two = cq.Workplane("XY").box(10, 10, 10).moveTo(50, 50).box(10, 10, 10).val();
  checkTrue("testIsInsideSolid: compound first", () => two.isInside([0, 0, 0]));
  checkTrue("testIsInsideSolid: compound second", () => two.isInside([50, 50, 0]));
  checkTrue("testIsInsideSolid: compound outside", () => two.isInside([50, 56, 0]) === false);
  const hollow = cq.Workplane("XY").box(100, 100, 100).cut(cq.Workplane("XY").box(10, 10, 10)).val();
  checkTrue("testIsInsideSolid: void", () => hollow.isInside([0, 0, 0]) === false);
  checkTrue("testIsInsideSolid: material", () => hollow.isInside([40, 40, 40]));
  checkTrue("testIsInsideSolid: beyond", () => hollow.isInside([55, 55, 55]) === false);
});

testCase("test_cadquery.py::testWorkplaneCenterOptions", () => {
  const pts = [[0, 0], [90, 0], [90, 30], [30, 30], [30, 60], [0.0, 60]];
  let r = cq.Workplane("XY").polyline(pts).close().extrude(10.0);
  const origin = (wp, face, opts) => wp.faces(face).workplane(opts).plane.origin.toTuple();
  check("testWorkplaneCenterOptions: XY ProjectedOrigin", () => origin(r, ">Z", { centerOption: "ProjectedOrigin" }), [0, 0, 10], places(9));
  check("testWorkplaneCenterOptions: XY CenterOfMass", () => origin(r, ">Z", { centerOption: "CenterOfMass" }), [37.5, 22.5, 10], places(9));
  check("testWorkplaneCenterOptions: XY CenterOfBoundBox", () => origin(r, ">Z", { centerOption: "CenterOfBoundBox" }), [45, 30, 10], places(9));
  check("testWorkplaneCenterOptions: origin tuple", () => origin(r, ">Z", { centerOption: "ProjectedOrigin", origin: [30, 10, 20] }), [30, 10, 10], places(9));
  check("testWorkplaneCenterOptions: origin Vector", () => origin(r, ">Z", { centerOption: "ProjectedOrigin", origin: cq.Vector(30, 10, 20) }), [30, 10, 10], places(9));
  checkThrows("testWorkplaneCenterOptions: undefined option", () => r.faces(">Z").workplane({ centerOption: "undefined" }));
  const r2 = r.faces(">Z").workplane({ centerOption: "ProjectedOrigin" }).center(30, 0).hole(90);
  check("testWorkplaneCenterOptions: after center()", () => origin(r2, ">Z", { centerOption: "ProjectedOrigin" }), [30, 0, 10], places(9));
  check("testWorkplaneCenterOptions: explicit origin", () => origin(r2, ">Z", { centerOption: "ProjectedOrigin", origin: [0, 0, 0] }), [0, 0, 10], places(9));
  r = cq.Workplane("YZ").polyline(pts).close().extrude(10.0);
  check("testWorkplaneCenterOptions: YZ ProjectedOrigin", () => origin(r, ">X", { centerOption: "ProjectedOrigin" }), [10, 0, 0], places(9));
  check("testWorkplaneCenterOptions: YZ CenterOfMass", () => origin(r, ">X", { centerOption: "CenterOfMass" }), [10, 37.5, 22.5], places(9));
  check("testWorkplaneCenterOptions: YZ CenterOfBoundBox", () => origin(r, ">X", { centerOption: "CenterOfBoundBox" }), [10, 45, 30], places(9));
  r = cq.Workplane("XZ").polyline(pts).close().extrude(10.0);
  check("testWorkplaneCenterOptions: XZ ProjectedOrigin", () => origin(r, "<Y", { centerOption: "ProjectedOrigin" }), [0, -10, 0], places(9));
  check("testWorkplaneCenterOptions: XZ CenterOfMass", () => origin(r, "<Y", { centerOption: "CenterOfMass" }), [37.5, -10, 22.5], places(9));
  check("testWorkplaneCenterOptions: XZ CenterOfBoundBox", () => origin(r, "<Y", { centerOption: "CenterOfBoundBox" }), [45, -10, 30], places(9));
});

testCase("test_cadquery.py::testFindSolid", () => {
  const r = cq.Workplane("XY").pushPoints([[-2, 0], [2, 0]]).box(1, 1, 1, { combine: false });
  check("testFindSolid: 2 objects", () => r.size(), 2);
  check("testFindSolid: val is a Solid", () => r.val().ShapeType(), "Solid");
  const s = r.findSolid();
  check("testFindSolid: 2 solids found", () => s.Solids().length, 2);
  check("testFindSolid: found a Compound", () => s.ShapeType(), "Compound");
  checkThrows("testFindSolid: none", () => cq.Workplane().hLine(1).close().findSolid());
});

testCase("test_cadquery.py::testSlot2D", () => {
  check("testSlot2D: extruded", () => cq.Workplane("XY").slot2D(4, 1, 0).extrude(1).val().Volume(), 3.785398163, places(9));
  const box = cq.Workplane("XY").box(5, 5, 1);
  check("testSlot2D: cut through", () => box.faces(">Z").workplane().slot2D(4, 1, 0).cutThruAll().val().Volume(), 21.214601837, places(9));
  check("testSlot2D: cut blind", () => box.faces(">Z").workplane().slot2D(4, 1, 0).cutBlind(-0.5).val().Volume(), 23.107300918, places(9));
  check("testSlot2D: rotated end point", () => cq.Workplane("XY").slot2D(4, 1, 45).extrude(1).faces(">Z").edges(">X").first().val().endPoint().toTuple(),
        [0.707106781, 1.414213562, 1.0], places(9));
});

testCase("test_cadquery.py::testTag", () => {
  const r = cq.Workplane("XY").pushPoints([[-2, 0], [2, 0]]).box(1, 1, 1, { combine: false }).tag("2 solids").union(cq.Workplane("XY").box(6, 1, 1));
  check("testTag: union is one object", () => r.size(), 1);
  // Python's private _getTagged(name); the tag= argument of the selection methods reads the same object.
  check("testTag: tagged stack", () => r.solids({ tag: "2 solids" }).size(), 2);
  checkThrows("testTag: unknown tag", () => r.solids({ tag: "3 solids" }));
});

testCase("test_cadquery.py::testCopyWorkplane", () => {
  const obj0 = cq.Workplane("XY").box(1, 1, 10).faces(">Z").workplane();
  check("testCopyWorkplane: center", () => cq.Workplane("XY").copyWorkplane(obj0).box(1, 1, 1).val().Center().toTuple(), [0, 0, 5], places(9));
});

testCase("test_cadquery.py::testWorkplaneFromTagged", () => {
  const r = cq.Workplane("XY").box(10, 10, 1, { centered: [true, true, false] }).faces(">Z").workplane().tag("base")
    .center(3, 0).rect(2, 2).extrude(4).faces(">Z").workplane().circle(1).extrude(6)
    .workplaneFromTagged("base").center(-3, 0).circle(1).extrude(11);
  check("testWorkplaneFromTagged: top", () => r.faces(">Z").val().Center().toTuple(), [-3, 0, 12], places(9));
});

testCase("test_cadquery.py::testWorkplaneOrientationOnVertex", () => {
  const parent = cq.Workplane("XY").rect(10.0, 10.0).extrude(10);
  check("testWorkplaneOrientationOnVertex: parent xDir", () => parent.plane.xDir.toTuple(), [1, 0, 0]);
  check("testWorkplaneOrientationOnVertex: parent zDir", () => parent.plane.zDir.toTuple(), [0, 0, 1]);
  const child = parent.faces("<Y").vertices("<XZ").workplane();
  check("testWorkplaneOrientationOnVertex: child xDir", () => child.plane.xDir.toTuple(), [1, 0, 0]);
  check("testWorkplaneOrientationOnVertex: child zDir", () => child.plane.zDir.toTuple(), [0, -1, 0]);
});

testCase("test_cadquery.py::testTagSelectors", () => {
  const r0 = cq.Workplane("XY").box(1, 1, 1).tag("box").sphere(1);
  check("testTagSelectors: sphere faces", () => r0.faces().size(), 1);
  check("testTagSelectors: box vertices", () => r0.vertices({ tag: "box" }).size(), 8);
  check("testTagSelectors: box faces", () => r0.faces({ tag: "box" }).size(), 6);
  check("testTagSelectors: box edges", () => r0.edges({ tag: "box" }).size(), 12);
  check("testTagSelectors: box wires", () => r0.wires({ tag: "box" }).size(), 6);
  const r1 = cq.Workplane("XY").pushPoints([[1, 0], [-1, 0]]).box(1, 1, 1).tag("boxes").sphere(1);
  check("testTagSelectors: solids", () => r1.solids().size(), 1);
  check("testTagSelectors: tagged solids", () => r1.solids({ tag: "boxes" }).size(), 2);
  check("testTagSelectors: shells", () => r1.shells().size(), 1);
  check("testTagSelectors: tagged shells", () => r1.shells({ tag: "boxes" }).size(), 2);
});
