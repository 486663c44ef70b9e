// Port of CadQuery examples/Ex008_Polygon_Creation.py (CadQuery/cadquery @ d6729f5). The checks below are
// facts of the geometry (analytic where possible); CadQuery's example itself asserts nothing.

// The whole example runs inside its testCase, so a missing feature is recorded as one failure.
testCase("examples/Ex008_Polygon_Creation", () => {
  const width = 3.0;
  const height = 4.0;
  const thickness = 0.25;
  const polygon_sides = 6;
  const polygon_dia = 1.0;
  const result = cq.Workplane("front").box(width, height, thickness).pushPoints([[0, 0.75], [0, -0.75]])
    .polygon(polygon_sides, polygon_dia).cutThruAll();
  show(result, "plate");

  const hexArea = 3 * Math.sqrt(3) / 2 * 0.5 * 0.5;  // regular hexagon, circumradius 0.5
  check("Ex008: size", () => bboxSize(result), [3, 4, 0.25], 1e-6);
  check("Ex008: volume", () => result.val().Volume(), (3 * 4 - 2 * hexArea) * 0.25, 1e-6);
  check("Ex008: faces", () => result.faces().size(), 6 + 12);
});
