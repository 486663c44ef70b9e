// Ported from CadQuery tests/test_cadquery.py (CadQuery/cadquery @ d6729f5): clean (on by
// default, off, explicit), the named planes, bounding-box containment and the cup. Expected
// numbers are CadQuery's; each testCase names the CadQuery test.

const lShape = () => cq.Workplane("XY").moveTo(0, 0).line(5, 0).line(5, 0).line(0, 10).line(-10, 0).close();
const ringStack = (clean) => cq.Workplane().box(1, 1, 1).faces("<Z").workplane()
  .cylinder(2, 0.2, { centered: [true, true, false], direct: cq.Vector(0, 0, -1), clean: clean });

testCase("test_cadquery.py::testClean", () => {
  check("testClean: split edge merged", () => lShape().extrude(10).faces().size(), 6);
  check("testClean: union of overlapping boxes", () => cq.Workplane("XY").box(10, 10, 10).union(cq.Workplane("XY").box(20, 10, 10)).faces().size(), 6);
  check("testClean: extrusion from a face", () => cq.Workplane("XY").box(10, 10, 10).faces(">Y").workplane().rect(5, 10, true).extrude(20).faces().size(), 10);
  check("testClean: two holes", () => cq.Workplane("XY").box(10, 10, 10).faces(">Z").workplane().hole(3, 5).faces(">Z").workplane().hole(3, 10).faces().size(), 7);
  check("testClean: cutBlind then cutThruAll", () => cq.Workplane("XY").box(10, 10, 10).faces(">Y").workplane().rect(10, 5).cutBlind(-5)
    .faces(">Z").workplane({ centerOption: "CenterOfMass" }).center(0, 2.5).rect(5, 5).cutThruAll().faces().size(), 18);
  check("testClean: two boxes", () => cq.Workplane("XY").box(5, 5, 5).box(10, 5, 2).faces().size(), 14);
  check("testClean: sphere + box", () => cq.Workplane().sphere(1).box(0.5, 4, 4, { clean: true }).edges().vals().length, 14);
  check("testClean: box + cylinder", () => ringStack(true).edges().vals().length, 15);
  check("testClean: box + sphere", () => cq.Workplane().box(0.5, 4, 4).sphere(1, { clean: true }).edges().vals().length, 14);
  check("testClean: sphere + wedge", () => cq.Workplane().sphere(1).wedge(0.5, 4, 4, 0, 0, 0.5, 4, { clean: true }).edges().vals().length, 14);
});

testCase("test_cadquery.py::testNoClean", () => {
  check("testNoClean: split edge kept", () => lShape().extrude(10, { clean: false }).faces().size(), 7);
  check("testNoClean: union", () => cq.Workplane("XY").box(10, 10, 10).union(cq.Workplane("XY").box(20, 10, 10), { clean: false }).faces().size(), 14);
  check("testNoClean: extrusion from a face", () => cq.Workplane("XY").box(10, 10, 10).faces(">Y").workplane().rect(5, 10, true).extrude(20, { clean: false }).faces().size(), 12);
  check("testNoClean: sphere + box", () => cq.Workplane().sphere(1).box(0.5, 4, 4, { clean: false }).edges().vals().length, 16);
  check("testNoClean: box + cylinder", () => ringStack(false).edges().vals().length, 16);
  check("testNoClean: box + sphere", () => cq.Workplane().box(0.5, 4, 4).sphere(1, { clean: false }).edges().vals().length, 16);
  check("testNoClean: sphere + wedge", () => cq.Workplane().sphere(1).wedge(0.5, 4, 4, 0, 0, 0.5, 4, { clean: false }).edges().vals().length, 16);
});

testCase("test_cadquery.py::testExplicitClean", () => {
  check("testExplicitClean: faces", () => lShape().extrude(10, { clean: false }).clean().faces().size(), 6);
});

testCase("test_cadquery.py::testPlanes", () => {
  for (const name of ["ZX", "YX", "ZY", "front", "back", "left", "right", "top", "bottom"]) {
    const r = cq.Workplane(cq.Plane.named(name)).rect(2.0, 4.0).extrude(0.5).faces(">Z").workplane()
      .rect(1.5, 3.5, { forConstruction: true }).vertices().cskHole(0.125, 0.25, 82, { depth: null });
    // CadQuery only builds these; on every plane the plate keeps one valid solid.
    checkTrue("testPlanes: " + name + " valid", () => r.val().isValid());
    check("testPlanes: " + name + " one solid", () => r.solids().size(), 1);
  }
});

testCase("test_cadquery.py::testIsInside", () => {
  const b1 = cq.Workplane(cq.Plane.XY()).box(10, 10, 10).val().BoundingBox();
  const b2 = cq.Workplane(cq.Plane.XY()).box(5, 5, 5).val().BoundingBox();
  checkTrue("testIsInside: big not inside small", () => b2.isInside(b1) === false);
  checkTrue("testIsInside: small inside big", () => b1.isInside(b2));
});

testCase("test_cadquery.py::testCup", () => {
  const td = 50.0, bd = 20.0, h = 10.0, t = 1.0;
  const s1 = cq.Workplane("XY").circle(bd).workplane({ offset: h }).circle(td).loft();
  const s2 = cq.Workplane("XY").workplane({ offset: t }).circle(bd - 2 * t).workplane({ offset: h - t }).circle(td - 2 * t).loft();
  const s3 = s1.cut(s2);
  // CadQuery only builds it; the frustum volumes give the cup's volume.
  const frustum = (r1, r2, hh) => Math.PI * hh * (r1 * r1 + r1 * r2 + r2 * r2) / 3;
  check("testCup: volume", () => s3.val().Volume(), frustum(bd, td, h) - frustum(bd - 2 * t, td - 2 * t, h - t), 1e-3);
});
