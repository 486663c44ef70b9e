// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): tangent arcs,
// helix, section, glue, fuzzy booleans, located/moved, offset2D, consolidateWires, end,
// cutEach, eachpoint, circumscribed polygons, ancestors/siblings, filter/map/sort/apply/invoke,
// item(), the boolean "operators", loft to a vertex, line from a vertex. Expected numbers are
// CadQuery's; each testCase names the CadQuery test.

testCase("test_cadquery.py::testTangentArcToPoint", () => {
  const s0 = cq.Workplane("XY").hLine(1).tangentArcPoint([1, 1], { relative: false }).hLineTo(0)
    .tangentArcPoint([0, 0], { relative: false }).close().extrude(1);
  check("testTangentArcToPoint: absolute area", () => s0.faces(">Z").val().Area(), 1 + Math.PI * 0.25, places(4));
  const s1 = cq.Workplane("XY").hLine(1).tangentArcPoint([0, 1], { relative: true }).hLineTo(0)
    .tangentArcPoint([0, -1], { relative: true }).close().extrude(1);
  check("testTangentArcToPoint: relative center", () => s1.val().Center().toTuple(), s0.val().Center().toTuple(), places(4));
  check("testTangentArcToPoint: relative volume", () => s1.val().Volume(), s0.val().Volume(), places(4));
  const s2 = cq.Workplane("XY").vLine(2).tangentArcPoint([1, 0]).tangentArcPoint([1, 0]).tangentArcPoint([1, 0]).vLine(-2).close().extrude(1);
  check("testTangentArcToPoint: three arcs", () => s2.faces(">Z").val().Area(), 2 * 3 + 0.5 * Math.PI * 0.25, places(4));
  const pts = [];
  for (let i = 0; i < 10; i++) { const a = i * 1.5 * Math.PI / 10; pts.push([Math.sin(a), Math.cos(a)]); }
  check("testTangentArcToPoint: after a spline", () => cq.Workplane("XY").spline(pts).tangentArcPoint([0, 1], { relative: false }).close().extrude(1).val().Volume(),
        Math.PI, places(1));
  check("testTangentArcToPoint: on XZ", () => cq.Workplane("XZ", { origin: [1, 1, 1] }).hLine(1).tangentArcPoint([1, 1]).val().endPoint().toTuple(), [3, 1, 2], places(4));
  check("testTangentArcToPoint: 3D end point", () => cq.Workplane("XY").lineTo(1, 1).tangentArcPoint([1, 1, 1]).wire().val().BoundingBox().zmax, 1, places(1));
});

testCase("test_cadquery.py::testMakeHelix", () => {
  check("testMakeHelix: height", () => cq.Wire.makeHelix(1.5, 10, 1.2).BoundingBox().zlen, 10, places(1));
});

testCase("test_cadquery.py::testUnionCompound", () => {
  const b1 = cq.Workplane("XY").box(10, 20, 30);
  const b2 = cq.Workplane("YZ").box(10, 20, 30);
  const tool = cq.Workplane("XY").box(15, 15, 15).translate([8, 8, 8]);
  const shapes = [];
  for (const o of b1.all()) shapes.push(...o.vals());
  for (const o of b2.all()) shapes.push(...o.vals());
  checkTrue("testUnionCompound: valid", () => cq.Workplane("XY").newObject(shapes).cut(tool).val().isValid());
});

testCase("test_cadquery.py::testSection", () => {
  const box = cq.Workplane("XY", { origin: [1, 2, 3] }).box(1, 1, 1);
  check("testSection: at origin", () => box.section().faces().val().Area(), 1, places(7));
  check("testSection: at 0.5", () => box.section(0.5).faces().val().Area(), 1, places(7));
  checkThrows("testSection: no solid", () => cq.Workplane("XY").hLine(1).section());
});

testCase("test_cadquery.py::testGlue", () => {
  const box1 = cq.Workplane("XY").rect(1, 1).extrude(2);
  const box2 = cq.Workplane("XY", { origin: [0, 1, 0] }).rect(1, 1).extrude(1);
  check("testGlue: two boxes", () => box1.union(box2, { glue: true }).faces().size(), 8);
  const obj = cq.Workplane("XY").rect(1, 1).extrude(2).moveTo(0, 2).rect(1, 1).extrude(2);
  check("testGlue: three boxes", () => obj.union(box2, { glue: true }).faces().size(), 10);
});

testCase("test_cadquery.py::testFuzzyBoolOp", () => {
  const eps = 1e-3;
  const box1 = cq.Workplane("XY").box(1, 1, 1);
  const box2 = cq.Workplane("XY", { origin: [1 + eps, 0.0] }).box(1, 1, 1);
  const box3 = cq.Workplane("XY", { origin: [2, 0, 0] }).box(1, 1, 1);
  check("testFuzzyBoolOp: exact union keeps the gap", () => box1.union(box2).solids().size(), 2);
  check("testFuzzyBoolOp: fuzzy union closes it", () => box1.union(box2, { tol: eps }).solids().size(), 1);
  check("testFuzzyBoolOp: fuzzy union of three", () => box1.union(box3).union(box2, { tol: eps }).solids().size(), 1);
  const box4 = cq.Workplane("XY", { origin: [eps, 0.0] }).box(1, 1, 1);
  check("testFuzzyBoolOp: fuzzy cut", () => box1.cut(box4, { tol: eps }).val().Volume(), 0, places(7));
  check("testFuzzyBoolOp: fuzzy intersect", () => box1.intersect(box4, { tol: eps }).val().Volume(), 1, places(7));
  check("testFuzzyBoolOp: Shape.cut tol", () => box1.val().cut(box4.val(), { tol: eps }).Volume(), 0, places(7));
  check("testFuzzyBoolOp: Shape.intersect tol", () => box1.val().intersect(box4.val(), { tol: eps }).Volume(), 1, places(7));
});

testCase("test_cadquery.py::testLocatedMoved", () => {
  const box = cq.Solid.makeBox(1, 1, 1, cq.Vector(-0.5, -0.5, -0.5));
  const loc = cq.Location(cq.Vector(1, 1, 1));
  const box1 = box.located(loc);
  check("testLocatedMoved: located", () => box1.Center().toTuple(), [1, 1, 1], places(6));
  check("testLocatedMoved: original unchanged", () => box.Center().toTuple(), [0, 0, 0], places(6));
  check("testLocatedMoved: moved twice", () => box1.moved(loc).Center().toTuple(), [2, 2, 2], places(6));
});

testCase("test_cadquery.py::testCenterOfBoundBox", () => {
  const obj = cq.Workplane().pushPoints([[0, 0], [2, 2]]).box(1, 1, 1);
  check("testCenterOfBoundBox: origin", () => obj.workplane({ centerOption: "CenterOfBoundBox" }).plane.origin.toTuple(), [1, 1, 0], places(6));
});

testCase("test_cadquery.py::testOffset2D", () => {
  check("testOffset2D: arc", () => cq.Workplane().rect(1, 1).offset2D(0.5, "arc").edges().size(), 8);
  check("testOffset2D: tangent", () => cq.Workplane().rect(1, 1).offset2D(0.5, "tangent").edges().size(), 4);
  check("testOffset2D: intersection", () => cq.Workplane().rect(1, 1).offset2D(0.5, "intersection").edges().size(), 4);
  check("testOffset2D: collapses", () => cq.Workplane().pushPoints([[0, 0], [0, 5]]).rect(1, 1).offset2D(-0.5).wires().size(), 0);
  check("testOffset2D: shrinks", () => cq.Workplane().pushPoints([[0, 0], [0, 5]]).rect(1, 1).offset2D(-0.25).wires().size(), 2);
  const r = 20, s = 7, t = 1.5;
  const pts = [[0, t / 2], [r / 2 - 1.5 * t, r / 2 - t], [s / 2, r / 2 - t], [s / 2, r / 2], [r / 2, r / 2],
               [r / 2, s / 2], [r / 2 - t, s / 2], [r / 2 - t, r / 2 - 1.5 * t], [t / 2, 0]];
  check("testOffset2D: splits into 4", () => cq.Workplane("XY").polyline(pts).mirrorX().mirrorY().offset2D(-0.9).extrude(1).solids().size(), 4);
  const w6 = cq.Workplane().hLine(1).vLine(1).close().offset2D(0.5, { forConstruction: true });
  check("testOffset2D: construction size", () => w6.size(), 1);
  check("testOffset2D: construction is a Wire", () => w6.val().ShapeType(), "Wire");
});

testCase("test_cadquery.py::testConsolidateWires", () => {
  check("testConsolidateWires: one wire", () => cq.Workplane().lineTo(0, 1).lineTo(1, 1).consolidateWires().size(), 1);
  check("testConsolidateWires: nothing", () => cq.Workplane().consolidateWires().size(), 0);
});

testCase("test_cadquery.py::testEnd", () => {
  checkThrows("testEnd: no parent", () => cq.Workplane().end());
  check("testEnd: empty", () => cq.Workplane().size(), 0);
  check("testEnd: end()", () => cq.Workplane().box(1, 1, 1).end().size(), 0);
  check("testEnd: end(2)", () => cq.Workplane().box(1, 1, 1).box(2, 2, 1).end(2).size(), 0);
});

testCase("test_cadquery.py::testCutEach", () => {
  const c = cq.Workplane().box(2, 2, 2).val();
  check("testCutEach: corners", () => cq.Workplane().box(3, 2, 2).vertices().cutEach((loc) => c.located(loc)).val().Volume(), 4, places(3));
  checkThrows("testCutEach: no solid", () => cq.Workplane().hLine(1).vLine(1).close().cutEach((loc) => c.located(loc)));
});

testCase("test_cadquery.py::testCutBlind", () => {
  checkThrows("testCutBlind: no solid", () => cq.Workplane().hLine(1).vLine(1).close().cutBlind(1));
});

testCase("test_cadquery.py::testPopPending", () => {
  checkThrows("testPopPending: no pending wires", () => cq.Workplane().circle(1).extrude(1).cutBlind(-1));
});

testCase("test_cadquery.py::testEachpoint", () => {
  const box = cq.Workplane().box(2, 1, 1).val();
  const ref = cq.Workplane().box(5, 5, 5);
  checkTrue("testEachpoint: combine true", () => ref.vertices().eachpoint((loc) => box.moved(loc), { combine: true }).val().Volume() > ref.val().Volume());
  checkTrue("testEachpoint: combine cut", () => ref.val().Volume() > ref.vertices().eachpoint((loc) => box.moved(loc), { combine: "cut" }).val().Volume());
  const plate = cq.Workplane("XY").box(10, 10, 1);
  const wire = cq.Wire.makeCircle(1, [0, 0, 0], [0, 0, 1]);
  const holes = Math.PI * 1 * 1 * 4;
  check("testEachpoint: wire, cutThruAll", () => plate.faces(">Z").rect(7, 7, { forConstruction: true }).vertices().eachpoint(wire).cutThruAll().val().Volume(),
        plate.val().Volume() - holes, places(7));
  check("testEachpoint: wire, local coordinates", () => plate.faces(">Z").rect(7, 7, { forConstruction: true }).vertices()
    .eachpoint(wire, { useLocalCoordinates: true }).cutThruAll().val().Volume(), plate.val().Volume() - holes, places(7));
  const cube = cq.Workplane().box(2, 2, 2);
  const sph = cq.Workplane().sphere(1.0);
  check("testEachpoint: workplane argument", () => cube.faces().eachpoint(sph, { combine: true }).val().Volume(),
        cube.val().Volume() + 3 * sph.val().Volume(), places(7));
  check("testEachpoint: workplane argument, local", () => cube.faces().eachpoint(sph, { combine: true, useLocalCoordinates: true }).val().Volume(),
        cube.val().Volume() + 3 * sph.val().Volume(), places(7));
  checkThrows("testEachpoint: a number is not a shape", () => cube.faces().eachpoint(42));
});

testCase("test_cadquery.py::testCircumscribedPolygon", () => {
  const a = 1;
  const R = (n) => a / Math.cos(Math.PI / n);
  const tri = cq.Workplane("XY").polygon(3, 2 * a, { circumscribed: true });
  check("testCircumscribedPolygon: triangle vertices", () => tri.vertices().vals().length, 3);
  check("testCircumscribedPolygon: triangle top", () => tri.vertices(">X").vertices(">Y").val().toTuple(), [a, a * Math.tan(Math.PI / 3), 0], 1e-6);
  check("testCircumscribedPolygon: triangle left", () => tri.vertices("<X").val().toTuple(), [-R(3), 0, 0], 1e-6);
  check("testCircumscribedPolygon: triangle bottom", () => tri.vertices(">X").vertices("<Y").val().toTuple(), [a, -a * Math.tan(Math.PI / 3), 0], 1e-6);
  const sq = cq.Workplane("XY").polygon(4, 2 * a, { circumscribed: true });
  check("testCircumscribedPolygon: square vertices", () => sq.vertices().vals().length, 4);
  check("testCircumscribedPolygon: square ++", () => sq.vertices(">X").vertices(">Y").val().toTuple(), [a, a, 0], 1e-6);
  check("testCircumscribedPolygon: square -+", () => sq.vertices("<X").vertices(">Y").val().toTuple(), [-a, a, 0], 1e-6);
  check("testCircumscribedPolygon: square --", () => sq.vertices("<X").vertices("<Y").val().toTuple(), [-a, -a, 0], 1e-6);
  check("testCircumscribedPolygon: square +-", () => sq.vertices(">X").vertices("<Y").val().toTuple(), [a, -a, 0], 1e-6);
});

testCase("test_cadquery.py::test_MergeTags", () => {
  const a = cq.Workplane().box(1, 1, 1);
  const b = cq.Workplane({ origin: [1, 0, 0] }).box(1, 1, 1).vertices(">X and >Y and >Z").tag("box_vertex").end(2);
  const merged = a.add(b);
  check("test_MergeTags: tag from the added workplane", () => merged.vertices({ tag: "box_vertex" }).val().Center().toTuple(), [1.5, 0.5, 0.5], 1e-6);
  const big = cq.Workplane().box(4, 4, 4);
  const small = cq.Workplane({ origin: [0, 0, 1] }).box(2, 2, 2).faces("<Z").tag("box2_face").end();
  const cut = big.cut(small);
  check("test_MergeTags: cut volume", () => cut.val().Volume(), 4 ** 3 - 2 ** 3, 1e-6 * 56);
  check("test_MergeTags: tag from the cut tool", () => cut.faces({ tag: "box2_face" }).wires().toPending().extrude(4).val().Volume(),
        4 ** 3 + 2 ** 3, 1e-6 * 72);
  const sphere = cq.Workplane().sphere(2);
  const cyl = cq.Workplane().cylinder(4, 1).tag("cyl");
  check("test_MergeTags: tag from the intersect tool", () => sphere.intersect(cyl).solids({ tag: "cyl" }).val().Solids().length, 1);
});

testCase("test_cadquery.py::test_iterators", () => {
  const w = cq.Workplane().box(1, 1, 1);
  check("test_iterators: ancestors of one edge", () => w.faces(">Z").edges(">X").ancestors("Face").size(), 2);
  check("test_iterators: ancestors of two edges", () => w.faces(">Z").edges(">X or <X").ancestors("Face").size(), 3);
  check("test_iterators: siblings", () => w.faces(">Z").siblings("Edge").size(), 4);
  check("test_iterators: siblings level 2", () => w.faces(">Z").siblings("Edge", 2).size(), 1);
  check("test_iterators: siblings of siblings", () => w.faces(">Z").siblings("Edge").siblings("Edge").size(), 2);
});

testCase("test_cadquery.py::test_map_apply_filter_sort", () => {
  const w = cq.Workplane().box(1, 1, 1).moveTo(3, 0).box(1, 1, 3).solids();
  check("test_map_apply_filter_sort: filter > 2", () => w.filter((s) => s.Volume() > 2).size(), 1);
  check("test_map_apply_filter_sort: filter > 5", () => w.filter((s) => s.Volume() > 5).size(), 0);
  check("test_map_apply_filter_sort: sort", () => w.sort((s) => -s.Volume()).item(-1).val().Volume(), 1, 1e-6);
  check("test_map_apply_filter_sort: apply", () => w.apply((objs) => []).size(), 0);
  check("test_map_apply_filter_sort: map", () => w.map((s) => s.faces(">Z")).faces().size(), 2);
});

testCase("test_cadquery.py::test_getitem", () => {
  const w = cq.Workplane().rarray(2, 0, 5, 1).box(1, 1, 1, { combine: false });
  check("test_getitem: w[0]", () => w.item(0).solids().size(), 1);
  check("test_getitem: w[-1]", () => w.item(-1).solids().size(), 1);
});

testCase("test_cadquery.py::test_invoke", () => {
  const w = cq.Workplane().rarray(2, 0, 5, 1).box(1, 1, 1, { combine: false });
  check("test_invoke: arity 0", () => w.invoke(() => 1).size(), 5);
  check("test_invoke: arity 1 without return", () => w.invoke((x) => null).size(), 5);
  check("test_invoke: arity 1", () => w.invoke((x) => x.newObject([x.val()])).size(), 1);
  checkThrows("test_invoke: arity 2", () => w.invoke((x, y) => 1));
});

testCase("test_cadquery.py::test_bool_operators", () => {
  const w1 = cq.Workplane().box(1, 1, 2), w2 = cq.Workplane().box(2, 2, 1);
  check("test_bool_operators: union (+)", () => w1.union(w2).val().Volume(), 5, 1e-6);
  check("test_bool_operators: cut (-)", () => w1.cut(w2).val().Volume(), 1, 1e-6);
  check("test_bool_operators: intersect (*)", () => w1.intersect(w2).val().Volume(), 1, 1e-6);
  check("test_bool_operators: split (/)", () => w1.split(w2).solids().size(), 3);
});

testCase("test_cadquery.py::test_line_from_vertex", () => {
  check("test_line_from_vertex: edge", () => cq.Workplane().rect(1, 1).vertices(">(1,1,0)").line(1, 0).val().ShapeType(), "Edge");
  checkThrows("test_line_from_vertex: not from a solid", () => cq.Workplane().box(1, 1, 1).line(1, 0));
});
