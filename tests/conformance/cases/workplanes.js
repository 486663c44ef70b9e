// Ported from CadQuery tests/test_workplanes.py (CadQuery/cadquery @ d6729f5): plane
// coordinates, named planes, mirror, bezier. Expected numbers are CadQuery's; each testCase
// names the CadQuery test.

const xy = (v) => v.toTuple().slice(0, 2);

testCase("test_workplanes.py::testYZPlaneOrigins", () => {
  const p = cq.Plane(cq.Vector(0.25, 0, 0), cq.Vector(0, 1, 0), cq.Vector(1, 0, 0));
  check("testYZPlaneOrigins: local origin", () => p.toLocalCoords(p.origin).toTuple(), [0, 0, 0], places(2));
  check("testYZPlaneOrigins: world origin", () => p.toWorldCoords([0, 0]).toTuple(), [0.25, 0, 0], places(2));
});

testCase("test_workplanes.py::testXYPlaneOrigins", () => {
  const p = cq.Plane(cq.Vector(0, 0, 0.25), cq.Vector(1, 0, 0), cq.Vector(0, 0, 1));
  check("testXYPlaneOrigins: local origin", () => p.toLocalCoords(p.origin).toTuple(), [0, 0, 0], places(2));
  check("testXYPlaneOrigins: world origin", () => p.toWorldCoords([0, 0]).toTuple(), [0, 0, 0.25], places(2));
});

testCase("test_workplanes.py::testXZPlaneOrigins", () => {
  const p = cq.Plane(cq.Vector(0, 0.25, 0), cq.Vector(0, 0, 1), cq.Vector(0, 1, 0));
  check("testXZPlaneOrigins: world origin", () => p.toWorldCoords([0, 0]).toTuple(), [0, 0.25, 0], places(2));
  check("testXZPlaneOrigins: local origin", () => p.toLocalCoords(p.origin).toTuple(), [0, 0, 0], places(2));
});

testCase("test_workplanes.py::testPlaneBasics", () => {
  let p = cq.Plane.XY();
  check("testPlaneBasics: XY world (1,1)", () => p.toWorldCoords([1, 1]).toTuple(), [1, 1, 0], places(2));
  check("testPlaneBasics: XY world (-1,-1)", () => p.toWorldCoords([-1, -1]).toTuple(), [-1, -1, 0], places(2));
  check("testPlaneBasics: XY local (-1,-1)", () => xy(p.toLocalCoords(cq.Vector(-1, -1, 0))), [-1, -1], places(2));
  check("testPlaneBasics: XY local (1,1)", () => xy(p.toLocalCoords(cq.Vector(1, 1, 0))), [1, 1], places(2));
  p = cq.Plane.YZ();
  check("testPlaneBasics: YZ world", () => p.toWorldCoords([1, 1]).toTuple(), [0, 1, 1], places(2));
  check("testPlaneBasics: YZ local", () => xy(p.toLocalCoords(cq.Vector(0, 1, 1))), [1, 1], places(2));
  p = cq.Plane.XZ();
  check("testPlaneBasics: XZ world", () => p.toWorldCoords([1, 1]).toTuple(), [1, 0, 1], places(2));
  check("testPlaneBasics: XZ local", () => xy(p.toLocalCoords(cq.Vector(1, 0, 1))), [1, 1], places(2));
});

testCase("test_workplanes.py::testOffsetPlanes", () => {
  let p = cq.Plane.XY([10.0, 10.0, 0]);
  check("testOffsetPlanes: XY world", () => p.toWorldCoords([1.0, 1.0]).toTuple(), [11, 11, 0], places(2));
  check("testOffsetPlanes: XY local", () => xy(p.toLocalCoords(cq.Vector(12.0, 12.0, 0))), [2, 2], places(2));
  p = cq.Plane.YZ([0, 2, 2]);
  check("testOffsetPlanes: YZ world", () => p.toWorldCoords([3.0, 3.0]).toTuple(), [0, 5, 5], places(2));
  check("testOffsetPlanes: YZ local", () => p.toLocalCoords(cq.Vector(0.0, 12.0, 12.0)).toTuple(), [10, 10, 0], places(2));
  p = cq.Plane.XZ([2, 0, 2]);
  check("testOffsetPlanes: XZ world", () => p.toWorldCoords([1.0, 1.0]).toTuple(), [3, 0, 3], places(2));
  check("testOffsetPlanes: XZ local", () => xy(p.toLocalCoords(cq.Vector(12.0, 0.0, 12.0))), [10, 10], places(2));
});

for (const [name, z, x, y] of [["XY", [0, 0, 1], [1, 0, 0], [0, 1, 0]], ["YZ", [1, 0, 0], [0, 1, 0], [0, 0, 1]],
                               ["ZX", [0, 1, 0], [0, 0, 1], [1, 0, 0]], ["XZ", [0, -1, 0], [1, 0, 0], [0, 0, 1]],
                               ["YX", [0, 0, -1], [0, 1, 0], [1, 0, 0]], ["ZY", [-1, 0, 0], [0, 0, 1], [0, 1, 0]]]) {
  testCase("test_workplanes.py::test" + name + "PlaneBasics", () => {
    const p = cq.Plane.named(name);
    check("test" + name + "PlaneBasics: zDir", () => p.zDir.toTuple(), z, places(4));
    check("test" + name + "PlaneBasics: xDir", () => p.xDir.toTuple(), x, places(4));
    check("test" + name + "PlaneBasics: yDir", () => p.yDir.toTuple(), y, places(4));
  });
}

const dims = (wp) => { const b = wp.findSolid().BoundingBox(); return [b.xlen, b.ylen, b.zlen]; };

testCase("test_workplanes.py::test_mirror", () => {
  const b = cq.Workplane().box(1, 1, 1).mirror("XY", [0, 0, 0.5], { union: true });
  check("test_mirror: size", () => dims(b), [1, 1, 2]);
  check("test_mirror: volume", () => b.findSolid().Volume(), 2, places(5));
});

testCase("test_workplanes.py::test_all_planes", () => {
  let b = cq.Workplane().box(1, 1, 1);
  for (const p of ["XY", "YX", "XZ", "ZX", "YZ", "ZY"]) {
    b = b.mirror(p);
    check("test_all_planes: " + p + " size", () => dims(b), [1, 1, 1]);
    check("test_all_planes: " + p + " volume", () => b.findSolid().Volume(), 1, places(5));
  }
});

testCase("test_workplanes.py::test_bad_plane_input", () => {
  const b = cq.Workplane().box(1, 1, 1);
  checkThrows("test_bad_plane_input: edges are not a face", () => b.mirror(b.edges()));
});

testCase("test_workplanes.py::test_mirror_axis", () => {
  const b = cq.Workplane().box(1, 1, 1).mirror([0, 0, 1], [0, 0, 0.5], { union: true });
  check("test_mirror_axis: size", () => dims(b), [1, 1, 2]);
  check("test_mirror_axis: volume", () => b.findSolid().Volume(), 2, places(5));
});

testCase("test_workplanes.py::test_mirror_workplane", () => {
  let b = cq.Workplane().box(1, 1, 1);
  b = b.mirror(b.faces(">Z"), { union: true });
  check("test_mirror_workplane: >Z size", () => dims(b), [1, 1, 2]);
  check("test_mirror_workplane: >Z volume", () => b.findSolid().Volume(), 2, places(5));
  b = b.mirror(b.faces(">Y"), { union: true });
  check("test_mirror_workplane: >Y size", () => dims(b), [1, 2, 2]);
  check("test_mirror_workplane: >Y volume", () => b.findSolid().Volume(), 4, places(5));
  b = b.mirror(b.faces(">X"), { union: true });
  check("test_mirror_workplane: >X size", () => dims(b), [2, 2, 2]);
  check("test_mirror_workplane: >X volume", () => b.findSolid().Volume(), 8, places(5));
});

testCase("test_workplanes.py::test_mirror_equivalence", () => {
  const boxes = [0, 1, 2].map((i) => cq.Workplane("XY").box(1, 1, 1).translate([i * 2, 0, 0.5]));
  const args = ["XY", [0, 0, 1], boxes[0].faces("<Z")];
  const res = boxes.map((b, i) => b.mirror(args[i], [0, 0, 0.5], { union: true }));
  for (let i = 0; i < 2; i++) {
    check("test_mirror_equivalence: size " + i, () => dims(res[i]), dims(res[i + 1]), places(4));
    check("test_mirror_equivalence: volume " + i, () => res[i].findSolid().Volume(), res[i + 1].findSolid().Volume(), places(5));
  }
});

testCase("test_workplanes.py::test_mirror_face", () => {
  let r = cq.Workplane("XY").line(0, 1).line(1, -1).close().extrude(1);
  check("test_mirror_face: triangle size", () => dims(r), [1, 1, 1], places(4));
  check("test_mirror_face: triangle volume", () => r.findSolid().Volume(), 0.5, places(5));
  r = r.mirror(r.faces().vals()[1], { union: true });
  check("test_mirror_face: mirrored size", () => dims(r), [1, 1, 1], places(4));
  check("test_mirror_face: mirrored volume", () => r.findSolid().Volume(), 1.0, places(5));
});

testCase("test_workplanes.py::test_bezier_curve", () => {
  const r = cq.Workplane("XZ").bezier([[0, 0], [1, 2], [5, 0]]).bezier([[1, -2], [0, 0]], { includeCurrent: true }).close().extrude(1);
  check("test_bezier_curve: lens size", () => dims(r), [5, 1, 2], places(1));
  check("test_bezier_curve: lens volume", () => r.findSolid().Volume(), 6.6666667, places(4));
  const r2 = cq.Workplane("XY").bezier([[0, 0], [1, 2], [2, -1], [5, 0]]).lineTo(5, -0.1)
    .bezier([[2, -3], [1, 0], [0, 0]], { includeCurrent: true }).close().extrude(1);
  check("test_bezier_curve: cubic size", () => dims(r2), [5, 2.06767, 1], places(1));
  check("test_bezier_curve: cubic volume", () => r2.findSolid().Volume(), 4.975, places(4));
  const r3 = cq.Workplane("XY").bezier([[0, 0], [1, 2], [1, -1], [0, 0]], { makeWire: true });
  check("test_bezier_curve: loft of closed bezier", () => r3.translate([0, 0, 0.2]).toPending().loft().findSolid().Volume(), 0.09, places(4));
});
