// Ported from CadQuery tests/test_sketch.py (CadQuery/cadquery @ d6729f5): face-based and
// edge-based Sketch, modes, locations, modifiers, selection, val/vals, filter/sort/map/apply.
// Expected numbers are CadQuery's; each testCase names the CadQuery test. CadQuery reads the
// private `_faces` (the sketch's face compound) and `_selection`; here the public forms are
// used: F(s) = s.copy().reset().val() and s.vals().

const F = (s) => s.copy().reset().val();
const faceCount = (s) => F(s).Faces().length;
const area = (s) => F(s).Area();
const sel = (s) => s.vals();

testCase("test_sketch.py::test_face_interface", () => {
  check("test_face_interface: rect area", () => area(cq.Sketch().rect(1, 2, 45)), 2, 1e-6);
  check("test_face_interface: rotated rect >X", () => cq.Sketch().rect(1, 2, 45).vertices(">X").vals()[0].toTuple()[0], 1.5 / Math.sqrt(2), 1e-6);
  check("test_face_interface: circle", () => area(cq.Sketch().circle(1)), Math.PI, 1e-6);
  check("test_face_interface: ellipse", () => area(cq.Sketch().ellipse(2, 0.5)), Math.PI, 1e-6);
  check("test_face_interface: trapezoid", () => area(cq.Sketch().trapezoid(2, 0.5, 45)), 0.75, 1e-6);
  check("test_face_interface: slot", () => area(cq.Sketch().slot(3, 2)), 6 + Math.PI, 1e-6);
  check("test_face_interface: slot top edge", () => cq.Sketch().slot(3, 2).edges(">Y").vals()[0].Length(), 3, 1e-6);
  check("test_face_interface: regularPolygon vertices", () => cq.Sketch().regularPolygon(1, 5).vertices().vals().length, 5);
  check("test_face_interface: regularPolygon top vertex", () => cq.Sketch().regularPolygon(1, 5).vertices(">Y").vals()[0].toTuple()[1], 1, 1e-6);
  check("test_face_interface: polygon vertices", () => cq.Sketch().polygon([[0, 0], [0, 1], [1, 0]]).vertices().vals().length, 3);
  check("test_face_interface: polygon area", () => area(cq.Sketch().polygon([[0, 0], [0, 1], [1, 0]])), 0.5, 1e-6);
  check("test_face_interface: face from a face", () => area(cq.Sketch().face(cq.Sketch().rect(1, 1).val())), 1, 1e-6);
  check("test_face_interface: face from a sketch", () => area(cq.Sketch().face(cq.Sketch().rect(1, 1))), 1, 1e-6);
  checkThrows("test_face_interface: face from a number", () => cq.Sketch().face(1234));
});

testCase("test_sketch.py::test_modes", () => {
  const s1 = cq.Sketch().rect(2, 2).rect(1, 1, { mode: "a" });
  check("test_modes: add area", () => area(s1), 4, 1e-6);
  check("test_modes: add faces", () => faceCount(s1), 2);
  const s2 = cq.Sketch().rect(2, 2).rect(1, 1, { mode: "s" });
  check("test_modes: subtract area", () => area(s2), 3, 1e-6);
  check("test_modes: subtract faces", () => faceCount(s2), 1);
  const s3 = cq.Sketch().rect(2, 2).rect(1, 1, { mode: "i" });
  check("test_modes: intersect area", () => area(s3), 1, 1e-6);
  check("test_modes: intersect faces", () => faceCount(s3), 1);
  const s4 = cq.Sketch().rect(2, 2).rect(1, 1, { mode: "c", tag: "t" });
  check("test_modes: construction area", () => area(s4), 4, 1e-6);
  check("test_modes: construction faces", () => faceCount(s4), 1);
  check("test_modes: construction tag", () => s4.reset().select("t").val().Area(), 1, 1e-6);
  checkThrows("test_modes: construction needs a tag", () => cq.Sketch().rect(2, 2).rect(1, 1, { mode: "c" }));
  checkThrows("test_modes: unknown mode", () => cq.Sketch().rect(2, 2).rect(1, 1, { mode: "dummy" }));
  check("test_modes: replace", () => cq.Sketch().rect(1, 1).wires().offset(-0.1, { mode: "r" }).reset().val().Area(), 0.64, 1e-6);
});

testCase("test_sketch.py::test_distribute", () => {
  checkThrows("test_distribute: faces selected", () => cq.Sketch().rect(2, 2).faces().distribute(5));
  checkThrows("test_distribute: nothing selected", () => cq.Sketch().rect(2, 2).distribute(5));
  checkThrows("test_distribute: zero count", () => cq.Sketch().circle(1).wires().distribute(0, 0, 1));
  const s1 = cq.Sketch().circle(4, { mode: "c", tag: "c" }).edges({ tag: "c" }).distribute(3);
  check("test_distribute: 3 locations", () => sel(s1).length, 3);
  s1.rect(1, 1);
  check("test_distribute: area", () => area(s1), 3, 1e-6);
  check("test_distribute: faces", () => faceCount(s1), 3);
  check("test_distribute: rotated, <X vertices", () => s1.copy().reset().vertices("<X").vals().length, 2);
  checkTrue("test_distribute: on the circle", () => F(s1).Faces().every((f) => Math.abs(f.Center().length() - 4) < 1e-6));
  const s2 = cq.Sketch().circle(4, { mode: "c", tag: "c" }).edges({ tag: "c" }).distribute(3, { rotate: false }).rect(1, 1);
  check("test_distribute: no rotate area", () => area(s2), 3, 1e-6);
  check("test_distribute: no rotate, <X vertices", () => s2.copy().reset().vertices("<X").vals().length, 4);
  const s3 = cq.Sketch().circle(4, { mode: "c", tag: "c" }).edges({ tag: "c" }).distribute(3, 0.625, 0.875);
  check("test_distribute: partial range count", () => sel(s3).length, 3);
  s3.rect(1, 0.5);
  check("test_distribute: partial <X", () => s3.copy().reset().vertices("<X").vals()[0].toTuple(), [-3.358757210636101, -3.005203820042827, 0], 1e-6);
  check("test_distribute: partial >X", () => s3.copy().reset().vertices(">X").vals()[0].toTuple(), [3.358757210636101, -3.005203820042827, 0], 1e-6);
  const s5 = cq.Sketch().arc([0, 2], 4, 0, 90).arc([0, -2], 4, 0, -90).edges().distribute(4, 0, 1).circle(0.5);
  check("test_distribute: on two arcs", () => sel(s5).length, 8);
  check("test_distribute: >X >Y", () => s5.copy().reset().faces(">X").faces(">Y").vals()[0].Center().toTuple(), [4, 2, 0], 1e-6);
  check("test_distribute: >Y", () => s5.copy().reset().faces(">Y").vals()[0].Center().toTuple(), [0, 6, 0], 1e-6);
  checkTrue("test_distribute: on a straight line", () => { cq.Sketch().segment([0, 0], [10, 0]).edges().distribute(3).rect(1, 2); return true; });
});

testCase("test_sketch.py::test_rarray", () => {
  checkThrows("test_rarray: zero count", () => cq.Sketch().rarray(2, 2, 3, 0).rect(1, 1));
  const s1 = cq.Sketch().rarray(2, 2, 3, 3).rect(1, 1);
  check("test_rarray: area", () => area(s1), 9, 1e-6);
  check("test_rarray: faces", () => faceCount(s1), 9);
  const s2 = cq.Sketch().push([[0, 0], [1, 1]]).rarray(2, 2, 3, 3).rect(0.5, 0.5);
  check("test_rarray: nested area", () => area(s2), 18 * 0.25, 1e-6);
  check("test_rarray: nested faces", () => faceCount(s2), 18);
  check("test_rarray: corner", () => s2.copy().reset().vertices(">(1,1,0)").vals()[0].toTuple(), [3.25, 3.25, 0], 1e-6);
});

testCase("test_sketch.py::test_parray", () => {
  checkThrows("test_parray: zero count", () => cq.Sketch().parray(2, 0, 90, 0).rect(1, 1));
  const s1 = cq.Sketch().parray(2, 0, 90, 3).rect(1, 1);
  check("test_parray: area", () => area(s1), 3, 1e-6);
  check("test_parray: faces", () => faceCount(s1), 3);
  const s2 = cq.Sketch().push([[0, 0], [1, 1]]).parray(2, 0, 90, 3).rect(0.5, 0.5);
  check("test_parray: nested area", () => area(s2), 1.5, 1e-6);
  check("test_parray: nested faces", () => faceCount(s2), 6);
  const s3 = cq.Sketch().parray(2, 0, 90, 3, false).rect(0.5, 0.5).reset().vertices(">(1,1,0)");
  check("test_parray: no rotate count", () => sel(s3).length, 1);
  check("test_parray: no rotate corner", () => sel(s3)[0].toTuple(), [1.6642135623730951, 1.664213562373095, 0], 1e-6);
  const s4 = cq.Sketch().push([[0, 0], [0, 1]]).parray(2, 0, 90, 3).rect(0.5, 0.5);
  check("test_parray: top face distance", () => s4.copy().reset().faces(">(0,1,0)").vals()[0].Center().length(), 3, 1e-6);
  const s6 = cq.Sketch().push([[-4, 1], [0, 0], [4, -1]]).parray(2, 10, 50, 3).rect(1.0, 0.5);
  check("test_parray: leftmost", () => s6.copy().reset().vertices(">(-1,0,0)").vals()[0].toTuple(), [-3.46650635094611, 2.424038105676658, 0], 1e-6);
  check("test_parray: rightmost", () => s6.copy().reset().vertices(">(1,0,0)").vals()[0].toTuple(), [6.505431426947252, -0.8120814940857262, 0], 1e-6);
  const s7 = cq.Sketch().parray(1, 135, 0, 1).circle(0.1).reset().faces();
  check("test_parray: single count", () => sel(s7).length, 1);
  check("test_parray: single centre", () => sel(s7)[0].Center().toTuple(), [-0.7071067811865475, 0.7071067811865476, 0], 1e-6);
  const s8 = cq.Sketch().parray(4, 20, 360, 6).rect(1.0, 0.5);
  check("test_parray: full circle faces", () => faceCount(s8), 6);
  check("test_parray: full circle lowest", () => s8.copy().reset().vertices(">(0,-1,0)").vals()[0].toTuple(), [-0.5352148612481344, -4.475046932971669, 0], 1e-6);
  const s9 = cq.Sketch().push([[-4, 1]]).circle(0.1).reset().faces().parray(2, 10, 50, 3).rect(1.0, 0.5, 40, "a", "rects");
  check("test_parray: from a face, faces", () => faceCount(s9), 4);
  check("test_parray: from a face, tagged vertex", () => s9.reset().vertices(">(-1,0,0)", { tag: "rects" }).vals()[0].toTuple(),
        [-3.3330260270865173, 3.1810426396582487, 0], 1e-6);
});

testCase("test_sketch.py::test_modifiers", () => {
  const two = () => cq.Sketch().push([[-2, 0], [2, 0]]).rect(1, 1).reset();
  const s1 = two().vertices("<X").fillet(0.1);
  check("test_modifiers: fillet faces", () => faceCount(s1), 2);
  check("test_modifiers: fillet edges", () => F(s1).Edges().length, 10);
  const s2 = two().vertices(">X").chamfer(0.1);
  check("test_modifiers: chamfer faces", () => faceCount(s2), 2);
  check("test_modifiers: chamfer edges", () => F(s2).Edges().length, 10);
  const s3 = two().hull();
  check("test_modifiers: hull faces", () => faceCount(s3), 3);
  check("test_modifiers: hull area", () => area(s3), 5, 1e-6);
  const s5 = cq.Sketch().push([[-2, 0], [0, 0], [2, 0]]).rect(1, 1).reset().faces("not >X").edges().hull();
  check("test_modifiers: hull of edges faces", () => faceCount(s5), 4);
  check("test_modifiers: hull of edges area", () => area(s5), 4, 1e-6);
  const s6 = cq.Sketch().segment([0, 0], [0, 1]).segment([1, 0], [2, 0]).hull();
  check("test_modifiers: hull of segments faces", () => faceCount(s6), 1);
  check("test_modifiers: hull of segments area", () => area(s6), 1, 1e-6);
  checkThrows("test_modifiers: hull of vertices", () => cq.Sketch().rect(1, 1).vertices().hull());
  checkThrows("test_modifiers: hull of nothing", () => cq.Sketch().hull());
  const s7 = cq.Sketch().rect(2, 2).wires().offset(1);
  check("test_modifiers: offset faces", () => faceCount(s7), 2);
  check("test_modifiers: offset edges", () => F(s7).Edges().length, 12);
  s7.clean();
  check("test_modifiers: cleaned faces", () => faceCount(s7), 1);
  check("test_modifiers: cleaned edges", () => F(s7).Edges().length, 8);
  const s8 = cq.Sketch().rect(2, 2).wires().offset(-0.5, { mode: "s" });
  check("test_modifiers: inward offset cut faces", () => faceCount(s8), 1);
  check("test_modifiers: inward offset cut edges", () => F(s8).Edges().length, 8);
});

testCase("test_sketch.py::test_delete", () => {
  const s1 = cq.Sketch().push([[-2, 0], [2, 0]]).rect(1, 1).reset();
  check("test_delete: before", () => faceCount(s1), 2);
  s1.faces("<X").delete();
  check("test_delete: after", () => faceCount(s1), 1);
  const s2 = cq.Sketch().segment([0, 0], [1, 0]).segment([0, 1], { tag: "e" }).close();
  check("test_delete: edges before", () => s2.vals().length, 3);
  s2.edges("<X").delete();
  check("test_delete: edges after", () => s2.reset().vals().length, 2);
  checkThrows("test_delete: vertices", () => s2.vertices().delete());
});

testCase("test_sketch.py::test_selectors", () => {
  const s = cq.Sketch().push([[-2, 0], [2, 0]]).rect(1, 1).rect(0.5, 0.5, { mode: "s" }).reset();
  check("test_selectors: vertices", () => s.reset().vertices().vals().length, 16);
  check("test_selectors: edges", () => s.reset().edges().vals().length, 16);
  check("test_selectors: wires", () => s.reset().wires().vals().length, 4);
  check("test_selectors: faces", () => s.reset().faces().vals().length, 2);
  check("test_selectors: <Y vertices", () => s.reset().vertices("<Y").vals().length, 4);
  check("test_selectors: <X or >X edges", () => s.reset().edges("<X or >X").vals().length, 2);
  check("test_selectors: tag and select", () => s.reset().edges("<X or >X").tag("test").reset().select("test").vals().length, 2);
  check("test_selectors: LengthNthSelector", () => s.reset().wires(cq.selectors.LengthNthSelector(1)).vals().length, 2);
  check("test_selectors: val", () => s.reset().vertices("<X and <Y").val().toTuple(), [-2.5, -0.5, 0], 1e-6);
  checkThrows("test_selectors: empty selection val", () => s.reset().vertices(">>X[1] and <Y").val());
});

testCase("test_sketch.py::test_edge_interface", () => {
  const s1 = cq.Sketch().segment([0, 0], [1, 0]).segment([1, 1]).segment(1, 180).close().assemble();
  check("test_edge_interface: square faces", () => faceCount(s1), 1);
  check("test_edge_interface: square area", () => area(s1), 1, 1e-6);
  const s2 = cq.Sketch().arc([0, 0], [1, 1], [0, 2]).close().assemble();
  check("test_edge_interface: half disc faces", () => faceCount(s2), 1);
  check("test_edge_interface: half disc area", () => area(s2), Math.PI / 2, 1e-6);
  const s3 = cq.Sketch().arc([0, 0], [1, 1], [0, 2]).arc([-1, 1], [0, 0]).assemble();
  check("test_edge_interface: disc faces", () => faceCount(s3), 1);
  check("test_edge_interface: disc area", () => area(s3), Math.PI, 1e-6);
  check("test_edge_interface: centred arc vertices", () => cq.Sketch().arc([0, 0], 1, 0, 90).vertices().vals().length, 2);
  check("test_edge_interface: centred arc top", () => cq.Sketch().arc([0, 0], 1, 0, 90).vertices(">Y").vals()[0].Center().y, 1, 1e-6);
  check("test_edge_interface: negative sweep", () => cq.Sketch().arc([0, 0], 1, 0, -90).vertices(">Y").vals()[0].Center().y, 0, 1e-6);
  check("test_edge_interface: full circle vertex", () => cq.Sketch().arc([0, 0], 1, 90, 360).vertices().vals().length, 1);
});

testCase("test_sketch.py::test_bezier", () => {
  const s = cq.Sketch().segment([0, 0], [0, 0.5]).bezier([[0, 0.5], [-1, 2], [1, 0.5], [5, 0]])
    .bezier([[5, 0], [1, -0.5], [-1, -2], [0, -0.5]]).close().assemble();
  check("test_bezier: area", () => area(s), 5.35, 1e-6);
});

testCase("test_sketch.py::test_assemble", () => {
  const s1 = cq.Sketch();
  s1.segment([0.0, 0], [0.0, 2.0]);
  s1.segment(cq.Vector(4.0, -1)).close().arc([0.7, 0.6], 0.4, 0.0, 360.0).assemble();
  // CadQuery only assembles it; the triangle (area 4) with a hole of radius 0.4.
  check("test_assemble: triangle with hole", () => area(s1), 4 - Math.PI * 0.16, 1e-6);
  const s2 = cq.Sketch();
  s2.segment([0, 0], [1, 0]);
  s2.segment([2, 0], [3, 0]);
  checkThrows("test_assemble: open edges", () => s2.assemble());
});

testCase("test_sketch.py::test_located", () => {
  const s1 = cq.Sketch().segment([0, 0], [1, 0]).segment([1, 1]).close().assemble();
  check("test_located: faces", () => faceCount(s1), 1);
  check("test_located: located faces", () => faceCount(s1.located(cq.Location())), 1);
});

testCase("test_sketch.py::test_val", () => {
  check("test_val: an Edge", () => cq.Sketch().segment([0, 0], [0, 1]).val().ShapeType(), "Edge");
  check("test_val: a Vertex", () => cq.Sketch().segment([0, 0], [0, 1]).vertices().val().ShapeType(), "Vertex");
  check("test_val: a face", () => cq.Sketch().circle(1).val().Faces().length, 1);
});

testCase("test_sketch.py::test_vals", () => {
  check("test_vals: edges", () => cq.Sketch().segment([0, 0], [0, 1]).vals().length, 1);
  check("test_vals: vertices", () => cq.Sketch().segment([0, 0], [0, 1]).vertices().vals().length, 2);
  check("test_vals: faces", () => cq.Sketch().circle(1).vals().length, 1);
});

const twoFaces = () => cq.Sketch().rect(1, 1).push([[5, 0]]).rect(1, 4).reset();   // fixture s1
const fiveFaces = () => cq.Sketch().rarray(2, 1, 5, 1).rect(1, 1).reset();          // fixture s2
const thinFace = () => cq.Sketch().rect(0.1, 1).val();                              // fixture f

testCase("test_sketch.py::test_filter", () => {
  check("test_filter: > 2", () => twoFaces().filter((x) => x.Area() > 2).vals().length, 1);
  check("test_filter: >= 1", () => twoFaces().filter((x) => x.Area() >= 1).vals().length, 2);
  check("test_filter: < 1", () => twoFaces().filter((x) => x.Area() < 1).vals().length, 0);
});

testCase("test_sketch.py::test_sort", () => {
  check("test_sort: last", () => twoFaces().sort((x) => -x.Area()).item(-1).val().Area(), 1, 1e-6);
});

testCase("test_sketch.py::test_apply", () => {
  check("test_apply: replaced", () => twoFaces().apply((x) => [thinFace()]).val().Area(), 0.1, 1e-6);
});

testCase("test_sketch.py::test_map", () => {
  check("test_map: replace", () => twoFaces().map((x) => thinFace().moved(cq.Location(x.Center()))).replace().reset().val().Area(), 0.2, 1e-6);
});

testCase("test_sketch.py::test_getitem", () => {
  check("sketch test_getitem: [0]", () => fiveFaces().item(0).vals().length, 1);
});

testCase("test_sketch.py::test_invoke", () => {
  check("sketch test_invoke: arity 0", () => fiveFaces().invoke(() => 1).vals().length, 5);
  check("sketch test_invoke: arity 1 no return", () => fiveFaces().invoke((x) => null).vals().length, 5);
  check("sketch test_invoke: arity 1", () => fiveFaces().invoke((x) => twoFaces()).vals().length, 2);
  checkThrows("sketch test_invoke: arity 2", () => fiveFaces().invoke((x, y) => 1));
});

testCase("test_sketch.py::test_replace_add_subtract", () => {
  const s3 = () => cq.Sketch().rect(1, 1);
  check("test_replace: area", () => s3().map((x) => thinFace()).replace().reset().val().Area(), 0.1, 1e-6);
  check("test_add: edges", () => s3().map((x) => thinFace()).add().reset().val().Edges().length, 10);
  check("test_subtract: area", () => s3().map((x) => thinFace()).subtract().reset().val().Area(), 0.9, 1e-6);
});

testCase("test_sketch.py::test_missing_selection", () => {
  checkThrows("test_missing_selection: offset", () => twoFaces().offset(0.1));
  checkThrows("test_missing_selection: fillet", () => twoFaces().fillet(0.1));
  checkThrows("test_missing_selection: delete", () => twoFaces().delete());
  checkThrows("test_missing_selection: tag", () => twoFaces().tag("name"));
});

testCase("test_sketch.py::test_mixed_close", () => {
  const s = cq.Sketch().arc([0, 0], 30, 0, 120, { tag: "e0", forConstruction: true }).edges({ tag: "e0" }).distribute(1, { rotate: false })
    .segment([0, 0], [10, 2]).segment([10, -2]).close().assemble().reset();
  checkTrue("test_mixed_close: valid", () => s.val().isValid());
});

testCase("test_cadquery.py::testSketch", () => {
  // Workplane.sketch()/placeSketch/finalize, from test_cadquery.py::testSketch.
  const r1 = () => cq.Workplane().box(10, 10, 1).faces(">Z").sketch().slot(2, 1).slot(2, 1, { angle: 90 }).clean().finalize().extrude(1);
  checkTrue("testSketch: r1 valid", () => r1().val().isValid());
  check("testSketch: r1 faces", () => r1().faces().vals().length, 19);
  // The first sketch subtracts a bigger circle from a circle and so is empty.
  const r2 = () => cq.Workplane().sketch().circle(2).wires().offset(0.1, { mode: "s" }).finalize().sketch().rect(1, 1).finalize().extrude(1, { taper: 5 });
  checkTrue("testSketch: r2 valid", () => r2().val().isValid());
  check("testSketch: r2 faces", () => r2().faces().vals().length, 6);
  const r3 = () => cq.Workplane().pushPoints([cq.Location(cq.Vector(1, 1, 0))]).sketch().circle(2).wires().offset(-0.1, { mode: "s" }).finalize().extrude(1);
  checkTrue("testSketch: r3 valid", () => r3().val().isValid());
  check("testSketch: r3 faces", () => r3().faces().vals().length, 4);
  check("testSketch: r3 center", () => r3().val().Center().toTuple(), [1, 1, 0.5], places(6));
  const s = cq.Sketch().trapezoid(3, 1, 120);
  check("testSketch: r4 loft of placed sketches", () => cq.Workplane().placeSketch(s, s.moved(cq.Location(cq.Vector(0, 0, 3)))).loft().solids().vals().length, 1);
  check("testSketch: r5 polygon", () => cq.Workplane().sketch().polygon([[0, 0], [0, 1], [1, 0]]).finalize().extrude(1).val().Volume(), 0.5, 1e-6);
});
