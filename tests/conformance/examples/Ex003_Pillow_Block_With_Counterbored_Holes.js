// Port of CadQuery examples/Ex003_Pillow_Block_With_Counterbored_Holes.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex003_Pillow_Block_With_Counterbored_Holes", () => {
  const length = 80.0;
  const width = 100.0;
  const thickness = 10.0;
  const center_hole_dia = 22.0;
  const cbore_hole_diameter = 2.4;
  const cbore_inset = 12.0;
  const cbore_diameter = 4.4;
  const cbore_depth = 2.1;
  const result = cq.Workplane("XY").box(length, width, thickness).faces(">Z").workplane().hole(center_hole_dia)
    .faces(">Z").workplane().rect(length - cbore_inset, width - cbore_inset, { forConstruction: true }).vertices()
    .cboreHole(cbore_hole_diameter, cbore_diameter, cbore_depth).edges("|Z").fillet(2.0);
  show(result, "pillow_block");

  const r = (d) => d / 2;
  // The seam lines of the holes are also "|Z" edges; fillet skips edges between tangent faces,
  // so only the four outer corners are rounded.
  const holes = Math.PI * r(center_hole_dia) ** 2 * thickness
    + 4 * (Math.PI * r(cbore_hole_diameter) ** 2 * thickness + Math.PI * (r(cbore_diameter) ** 2 - r(cbore_hole_diameter) ** 2) * cbore_depth);
  const corners = 4 * (1 - Math.PI / 4) * 2.0 * 2.0 * thickness;
  check("Ex003: size", () => bboxSize(result), [80, 100, 10], 1e-6);
  check("Ex003: volume", () => result.val().Volume(), length * width * thickness - holes - corners, 1e-4);
  check("Ex003: cylindrical faces", () => result.faces("%CYLINDER").size(), 1 + 4 * 2 + 4);
  checkTrue("Ex003: valid", () => result.val().isValid());
});
