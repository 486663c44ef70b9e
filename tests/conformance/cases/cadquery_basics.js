// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): Workplane
// basics, planes, rect, loft, revolve, splines and ellipse arcs. Each testCase names the
// CadQuery test it comes from; expected numbers are CadQuery's.

// tests/__init__.py makeUnitCube(): a unit cube centred in x/y, z from 0 to 1.
const unitCube = () => cq.Workplane().rect(1, 1).extrude(1).val();
const CQ = (shape) => cq.Workplane("XY").add(shape);

testCase("test_cadquery.py::testPointList", () => {
  const s = CQ(unitCube()).faces(">Z").workplane().pushPoints([[-0.3, 0.3], [0.3, 0.3], [0, 0]]);
  check("testPointList: 3 points", () => s.size(), 3);
  const body = s.circle(0.05).cutThruAll();
  check("testPointList: 9 faces after cutThruAll", () => body.faces().size(), 9);
});

testCase("test_cadquery.py::testWorkplaneFromFace", () => {
  const r = CQ(unitCube()).faces(">Z").workplane().circle(0.125).cutBlind(-2.0);
  check("testWorkplaneFromFace: 7 faces", () => r.faces().size(), 7);
  check("testWorkplaneFromFace: val is a Compound", () => r.val().ShapeType(), "Compound");
});

testCase("test_cadquery.py::testFrontReference", () => {
  const r = CQ(unitCube()).faces("front").workplane().circle(0.125).cutBlind(-2.0);
  check("testFrontReference: 7 faces", () => r.faces().size(), 7);
});

testCase("test_cadquery.py::testRotate", () => {
  const box = cq.Workplane("XY").box(1, 1, 5);
  box.rotate([0, 0, 0], [1, 0, 0], 90);  // returns a copy; box itself is unchanged
  const e = () => box.faces("<Y").edges("<X").first().val();
  check("testRotate: endPoint", () => e().endPoint().toTuple(), [-0.5, -0.5, -2.5]);
  check("testRotate: startPoint", () => e().startPoint().toTuple(), [-0.5, -0.5, 2.5]);
});

testCase("test_cadquery.py::testRotateAboutCenter", () => {
  const r = cq.Workplane().box(1, 1, 1).rotateAboutCenter([1, 0, 0], 20);
  check("testRotateAboutCenter: 4 edges |X", () => r.edges("|X").vals().length, 4);
  check("testRotateAboutCenter: vertex", () => r.faces(">X").vertices("<Y").val().Center().toTuple(),
        [0.5, -0.6408563820557885, 0.2988362387301199], 1e-6);
});

testCase("test_cadquery.py::testPlaneRotateZNormal", () => {
  // CadQuery uses 100 random planes; a fixed pseudo-random sequence keeps the case repeatable.
  let seed = 7;
  const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  let allNormals = true, allOrigins = true;
  for (let i = 0; i < 100; i++) {
    const angle = (rnd() - 0.5) * 720;
    const xdir = cq.Vector(rnd(), rnd(), rnd()).normalized();
    const rdir = cq.Vector(rnd(), rnd(), rnd()).normalized();
    const zdir = xdir.cross(rdir).normalized();
    const origin = [rnd(), rnd(), rnd()];
    const plane = cq.Plane(origin, xdir, zdir);
    const rotated = plane.rotated([0, 0, angle]);
    if (!__conformanceEqual(rotated.zDir.toTuple(), zdir.toTuple(), 1e-6)) allNormals = false;
    if (!__conformanceEqual(rotated.origin.toTuple(), origin, 1e-6)) allOrigins = false;
  }
  checkTrue("testPlaneRotateZNormal: normal kept", allNormals);
  checkTrue("testPlaneRotateZNormal: origin kept", allOrigins);
});

testCase("test_cadquery.py::testPlaneRotateConcat", () => {
  const k = Math.sqrt(2) / 2;
  let plane = cq.Plane([2, -1, 1], [1, 0, 0], [0, 0, 1]);
  plane = plane.rotated([0, 0, 45]);
  check("testPlaneRotateConcat: xDir 1", () => plane.xDir.toTuple(), [k, k, 0]);
  check("testPlaneRotateConcat: yDir 1", () => plane.yDir.toTuple(), [-k, k, 0]);
  check("testPlaneRotateConcat: zDir 1", () => plane.zDir.toTuple(), [0, 0, 1]);
  plane = plane.rotated([0, 45, 0]);
  check("testPlaneRotateConcat: xDir 2", () => plane.xDir.toTuple(), [0.5, 0.5, -k]);
  check("testPlaneRotateConcat: yDir 2", () => plane.yDir.toTuple(), [-k, k, 0]);
  check("testPlaneRotateConcat: zDir 2", () => plane.zDir.toTuple(), [0.5, 0.5, k]);
  check("testPlaneRotateConcat: origin", () => plane.origin.toTuple(), [2, -1, 1]);
});

testCase("test_cadquery.py::testPlaneNoXDir", () => {
  for (const z of [[0, 0, 1], [1, 0, 0], [-1, 0, 0]]) {
    const p = cq.Plane([1, 2, 3], null, z);
    check("testPlaneNoXDir: zDir " + z, () => p.zDir.toTuple(), z);
    check("testPlaneNoXDir: |xDir| " + z, () => p.xDir.length(), 1);
    check("testPlaneNoXDir: origin " + z, () => p.origin.toTuple(), [1, 2, 3]);
  }
  const a = cq.Plane([1, 2, 3], null, [-1, 0, 0]);
  const b = cq.Plane([1, 2, 3], undefined, [-1, 0, 0]);
  check("testPlaneNoXDir: unspecified xDir == None", () => b.xDir.toTuple(), a.xDir.toTuple());
});

testCase("test_cadquery.py::testRect", () => {
  const x = 10, y = 11;
  check("testRect: 4 edges", () => cq.Workplane().rect(x, y).edges().size(), 4);
  for (const [cx, xval] of [[true, -x / 2], [false, 0]]) {
    for (const [cy, yval] of [[true, -y / 2], [false, 0]]) {
      const s = cq.Workplane().rect(x, y, { centered: [cx, cy] }).vertices("<X and <Y");
      check("testRect: one corner " + cx + "," + cy, () => s.size(), 1);
      check("testRect: corner " + cx + "," + cy, () => s.val().toTuple(), [xval, yval, 0], places(3));
    }
  }
  for (const o of [true, false]) {
    check("testRect: centered=" + o + " same as [" + o + "," + o + "]",
          () => cq.Workplane().rect(x, y, { centered: o }).vertices(">X and >Y").val().toTuple(),
          cq.Workplane().rect(x, y, { centered: [o, o] }).vertices(">X and >Y").val().toTuple(), places(3));
  }
  const r0 = cq.Workplane().rect(-x, -y, { centered: false });
  check("testRect: negative lengths max", () => r0.vertices(">X and >Y").val().toTuple(), [0, 0, 0], places(3));
  check("testRect: negative lengths min", () => r0.vertices("<X and <Y").val().toTuple(), [-x, -y, 0], places(3));
  const r1 = cq.Workplane().move(x, y).rect(-x, -y, { centered: false });
  check("testRect: move + negative max", () => r1.vertices(">X and >Y").val().toTuple(), [x, y, 0], places(3));
  check("testRect: move + negative min", () => r1.vertices("<X and <Y").val().toTuple(), [0, 0, 0], places(3));
  check("testRect: negative centred has no effect",
        () => cq.Workplane().rect(-x, -y).vertices(">X and >Y").val().toTuple(),
        cq.Workplane().rect(x, y).vertices(">X and >Y").val().toTuple(), places(3));
});

testCase("test_cadquery.py::testLoft", () => {
  const s = cq.Workplane("XY").circle(4.0).workplane(5.0).rect(2.0, 2.0).loft();
  check("testLoft: 1 solid", () => s.solids().size(), 1);
  check("testLoft: 7 faces", () => s.faces().size(), 7);
  const box = cq.Workplane().box(10, 10, 10);
  const cut = box.faces(">Z").workplane().circle(2).workplane({ invert: true, offset: 12 }).rect(3, 2).loft({ combine: "cut" });
  checkTrue("testLoft: combine cut removes volume", () => box.val().Volume() > cut.val().Volume());
  const box2 = cq.Workplane().box(10, 10, 10);
  const add = box2.faces(">Z").workplane().circle(2).workplane({ offset: 12 }).rect(3, 2).loft({ combine: true });
  checkTrue("testLoft: combine true adds volume", () => add.val().Volume() > box2.val().Volume());
});

testCase("test_cadquery.py::testLoftRaisesValueError", () => {
  checkThrows("testLoftRaisesValueError: no wires", () => cq.Workplane().hLine(1).loft());
  checkThrows("testLoftRaisesValueError: one wire", () => cq.Workplane("XY").circle(5).loft());
});

testCase("test_cadquery.py::testRevolveCylinder", () => {
  const counts = (label, r, f, v, e) => {
    check(label + " faces", () => r.faces().size(), f);
    check(label + " vertices", () => r.vertices().size(), v);
    check(label + " edges", () => r.edges().size(), e);
  };
  const W = () => cq.Workplane("XY");
  counts("testRevolveCylinder: default", W().rect(10, 10, false).revolve(), 3, 2, 3);
  counts("testRevolveCylinder: 360", W().rect(10, 10, false).revolve(360), 3, 2, 3);
  counts("testRevolveCylinder: 270", W().rect(10, 10, false).revolve(270), 5, 6, 9);
  counts("testRevolveCylinder: 360 axisStart", W().rect(10, 10).revolve(360, [-5, -5]), 3, 2, 3);
  counts("testRevolveCylinder: 270 axisStart", W().rect(10, 10).revolve(270, [-5, -5]), 5, 6, 9);
  counts("testRevolveCylinder: 360 axis", W().rect(10, 10).revolve(360, [-5, -5], [-5, 5]), 3, 2, 3);
  counts("testRevolveCylinder: 270 axis", W().rect(10, 10).revolve(270, [-5, -5], [-5, 5]), 5, 6, 9);
  counts("testRevolveCylinder: 360 no combine", W().rect(10, 10).revolve(360, [-5, -5], [-5, 5], false), 3, 2, 3);
  counts("testRevolveCylinder: 270 no combine", W().rect(10, 10).revolve(270, [-5, -5], [-5, 5], false), 5, 6, 9);
});

testCase("test_cadquery.py::testRevolveDonut", () => {
  const r = cq.Workplane("XY").rect(10, 10, true).revolve(360, [20, 0], [20, 10]);
  check("testRevolveDonut: faces", () => r.faces().size(), 4);
  check("testRevolveDonut: vertices", () => r.vertices().size(), 4);
  check("testRevolveDonut: edges", () => r.edges().size(), 6);
});

testCase("test_cadquery.py::testRevolveCone", () => {
  const r = cq.Workplane("XY").lineTo(0, 10).lineTo(5, 0).close().revolve();
  check("testRevolveCone: faces", () => r.faces().size(), 2);
  check("testRevolveCone: vertices", () => r.vertices().size(), 2);
  check("testRevolveCone: edges", () => r.edges().size(), 2);
});

testCase("test_cadquery.py::testRevolveCut", () => {
  const box = cq.Workplane().box(10, 10, 10);
  const cut = box.transformed([90, 0, 0]).move(5, 0).rect(3, 4, { centered: false })
    .revolve(360, [0, 0, 0], [0, 1, 0], { combine: "cut" });
  checkTrue("testRevolveCut: volume removed", () => box.val().Volume() > cut.val().Volume());
});

testCase("test_cadquery.py::testRevolveErrors", () => {
  checkThrows("testRevolveErrors: open wire", () => cq.Workplane("XY").lineTo(0, 10).lineTo(5, 0).revolve());
});

testCase("test_cadquery.py::testSpline", () => {
  const pts = [[0, 0], [0, 1], [1, 2], [2, 4]];
  const path = cq.Workplane("XZ").spline(pts).val();
  const closed = cq.Workplane("XZ").spline(pts, { periodic: true }).val();
  checkTrue("testSpline: periodic spline is closed", () => closed.IsClosed());
  const withTangents = cq.Workplane("XZ").spline(pts, { tangents: [[0, 1], [1, 0]] }).val();
  checkTrue("testSpline: tangents change start tangent",
            () => !__conformanceEqual(path.tangentAt(0).toTuple(), withTangents.tangentAt(0).toTuple(), 1e-9));
  const path1 = cq.Workplane("XZ").spline(pts.slice(1), { includeCurrent: true }).val();
  check("testSpline: includeCurrent length", () => path1.Length(), path.Length(), places(7));
  const path2 = cq.Workplane("XY", [0, 0, 10]).spline([[0, 0], [-1, 1], [-2, 0], [-1, 0]], { tangents: [[0, 1], [1, 0]] });
  check("testSpline: tangent on offset plane", () => path2.val().tangentAt(0).z, 0, places(7));
});

const splinePoints = [[0, 0], [1, 1], [2, 0], [1, -1]];
const splineTangents = [[0, 1], [1, 0], [0, -1], [-1, 0]];

testCase("test_cadquery.py::testSplineWithMultipleTangents", () => {
  const s = cq.Workplane("XY").spline(splinePoints, { tangents: splineTangents, parameters: [0, 1, 2, 3] }).consolidateWires();
  check("testSplineWithMultipleTangents: point at 2.5", () => s.edges().val().positionAt(2.5, "parameter").toTuple(), [1.875, -0.625, 0], 1e-7);
});

testCase("test_cadquery.py::testSplineWithSpecifiedAndUnspecifiedTangents", () => {
  const s = cq.Workplane("XY").spline(splinePoints, { tangents: [[0, 1], null, [0, -1], [-1, 0]], parameters: [0, 1, 2, 3] }).consolidateWires();
  check("testSplineWithSpecifiedAndUnspecifiedTangents: point at 1.5", () => s.edges().val().positionAt(1.5, "parameter").toTuple(), [1.6875, 0.875, 0], 1e-7);
});

testCase("test_cadquery.py::testSplineSpecifyingParameters", () => {
  const s1 = cq.Workplane("XY").spline(splinePoints, { tangents: splineTangents, parameters: [0, 1, 2, 3] }).consolidateWires();
  const s2 = cq.Workplane("XY").spline(splinePoints, { tangents: splineTangents, parameters: [0, 10, 20, 30] }).consolidateWires();
  check("testSplineSpecifyingParameters: scaled parameters", () => s2.edges().val().positionAt(15, "parameter").toTuple(),
        s1.edges().val().positionAt(1.5, "parameter").toTuple(), 1e-7);
  check("testSplineSpecifyingParameters: point at 1.5", () => s1.edges().val().positionAt(1.5, "parameter").toTuple(), [1.625, 0.625, 0], 1e-7);
  const s3 = cq.Workplane().spline(splinePoints, { periodic: true, parameters: [0, 1, 2, 3, 4] });
  checkTrue("testSplineSpecifyingParameters: periodic closed", () => s3.val().IsClosed());
});

testCase("test_cadquery.py::testSplineWithScaleTrue", () => {
  const s = cq.Workplane("XY").spline(splinePoints, { tangents: splineTangents, parameters: [0, 1, 2, 3], scale: true }).consolidateWires();
  check("testSplineWithScaleTrue: point at 0.5", () => s.edges().val().positionAt(0.5, "parameter").toTuple(), [0.375, 0.875, 0], 1e-7);
});

testCase("test_cadquery.py::testSplineWithScaleFalse", () => {
  const s = cq.Workplane("XY").spline(splinePoints, { tangents: splineTangents, parameters: [0, 1, 2, 3], scale: false }).consolidateWires();
  check("testSplineWithScaleFalse: point at 0.5", () => s.edges().val().positionAt(0.5, "parameter").toTuple(), [0.375, 0.625, 0], 1e-7);
});

testCase("test_cadquery.py::testSplineTangentMagnitudeBelowToleranceThrows", () => {
  checkThrows("testSplineTangentMagnitudeBelowToleranceThrows",
              () => cq.Workplane("XY").spline(splinePoints, { tangents: [[0, 0.5], [1, 0], [0, -1], [-1, 0]], tol: 1 }).consolidateWires());
});

testCase("test_cadquery.py::testSplineInputValidation", () => {
  const pts = [[0, 0], [1, 1], [2, 0]];
  checkThrows("testSplineInputValidation: tangent count", () => cq.Workplane().spline(pts, { tangents: [[0, 0.5], [1, 0], [0, -1], [-1, 0]] }));
  checkThrows("testSplineInputValidation: parameter count (open)", () => cq.Workplane().spline(pts, { periodic: false, parameters: [0, 1, 2, 3] }));
  checkThrows("testSplineInputValidation: parameter count (periodic)", () => cq.Workplane().spline(pts, { periodic: true, parameters: [0, 1, 2] }));
});

testCase("test_cadquery.py::testRotatedEllipse", () => {
  const D = Math.PI / 180;
  const rot = (x, y, a) => [x * Math.cos(a * D) - y * Math.sin(a * D), x * Math.sin(a * D) + y * Math.cos(a * D)];
  const ell = (r1, r2, a) => [r1 * Math.cos(a * D), r2 * Math.sin(a * D)];
  const p0 = [10, 20], a1 = 30, a2 = -60, r1 = 20, r2 = 10, ra = 25;
  const [sx, sy] = rot(...ell(r1, r2, a1), ra);
  const [ex, ey] = rot(...ell(r1, r2, a2), ra);
  const xy = (v) => [v.x, v.y];
  const e1 = cq.Workplane("XY").moveTo(...p0).ellipseArc(r1, r2, { startAtCurrent: false, angle1: a1, angle2: a2, rotation_angle: ra });
  check("testRotatedEllipse: 1 start", () => xy(e1.val().startPoint()), [p0[0] + sx, p0[1] + sy], places(3));
  check("testRotatedEllipse: 1 end", () => xy(e1.val().endPoint()), [p0[0] + ex, p0[1] + ey], places(3));
  const e2 = cq.Workplane("XY").moveTo(...p0).ellipseArc(r1, r2, { startAtCurrent: true, angle1: a1, angle2: a2, rotation_angle: ra });
  check("testRotatedEllipse: 2 start", () => xy(e2.val().startPoint()), [p0[0], p0[1]], places(3));
  check("testRotatedEllipse: 2 end", () => xy(e2.val().endPoint()), [p0[0] + ex - sx, p0[1] + ey - sy], places(3));
  const e3 = cq.Workplane("XY").moveTo(...p0).ellipseArc(r1, r2, { startAtCurrent: false, angle1: a1, angle2: a2, rotation_angle: ra, sense: -1 });
  check("testRotatedEllipse: 3 start", () => xy(e3.val().startPoint()), [p0[0] + ex, p0[1] + ey], places(3));
  check("testRotatedEllipse: 3 end", () => xy(e3.val().endPoint()), [p0[0] + sx, p0[1] + sy], places(3));
  const e4 = cq.Workplane("XY").moveTo(...p0).ellipseArc(r1, r2, { startAtCurrent: true, angle1: a1, angle2: a2, rotation_angle: ra, sense: -1, makeWire: true });
  check("testRotatedEllipse: 4 start", () => xy(e4.val().startPoint()), [p0[0], p0[1]], places(3));
  check("testRotatedEllipse: 4 end", () => xy(e4.val().endPoint()), [p0[0] + sx - ex, p0[1] + sy - ey], places(3));
});

testCase("test_cadquery.py::testEllipseArcsClockwise", () => {
  let e = cq.Workplane("XY").moveTo(10, 15).ellipseArc(5, 4, -10, 190, 45, { sense: -1, startAtCurrent: false });
  const sp = e.val().startPoint(), ep = e.val().endPoint();
  check("testEllipseArcsClockwise: start", () => [sp.x, sp.y], [7.009330014275797, 11.027027582524015], places(3));
  check("testEllipseArcsClockwise: end", () => [ep.x, ep.y], [13.972972417475985, 17.990669985724203], places(3));
  e = e.ellipseArc(5, 4, -10, 190, 315, { sense: -1 }).ellipseArc(5, 4, -10, 190, 225, { sense: -1 }).ellipseArc(5, 4, -10, 190, 135, { sense: -1 });
  check("testEllipseArcsClockwise: closes", () => { const p = e.val().endPoint(); return [p.x, p.y]; }, [sp.x, sp.y], places(3));
});

testCase("test_cadquery.py::testEllipseArcsCounterClockwise", () => {
  let e = cq.Workplane("XY").moveTo(10, 15).ellipseArc(5, 4, -10, 190, 45, { startAtCurrent: false });
  const sp = e.val().startPoint(), ep = e.val().endPoint();
  check("testEllipseArcsCounterClockwise: start", () => [sp.x, sp.y], [13.972972417475985, 17.990669985724203], places(3));
  check("testEllipseArcsCounterClockwise: end", () => [ep.x, ep.y], [7.009330014275797, 11.027027582524015], places(3));
  e = e.ellipseArc(5, 4, -10, 190, 135).ellipseArc(5, 4, -10, 190, 225).ellipseArc(5, 4, -10, 190, 315);
  check("testEllipseArcsCounterClockwise: closes", () => { const p = e.val().endPoint(); return [p.x, p.y]; }, [sp.x, sp.y], places(3));
});
