// @prompt: A vent grille panel with a honeycomb of hexagonal openings, 7 columns by 5 rows, with a solid border for screws
// @category: patterns and arrays
// @complexity: 5
// @techniques: computed point list, pushPoints, polygon, circle, nested wires, extrude
// 35 hexagons of circumradius 10/sqrt(3) (3·sqrt(3)/2·R² = 86.603 mm² each) through a plate, and four
// 3.4 mm screw holes: (plate area - 35·86.603 - 4·pi·1.7²)·3
// with the plate 6·10.392 + 11.547 + 2·10 = 93.901 by 4·12 + 6 + 10 + 2·10 = 84 mm: 14460.79
// @expect: bbox.size = [93.9008, 84, 3]
// @expect: volume = 14460.79 ± 0.05%
// @expect: holes.length = 4
// @expect: holes.0.diameter = 3.4
/* [Honeycomb] */
// Centre distance between neighbouring cells
const pitch = 12;          // [6:0.5:30]
// Web between cells
const web = 2;             // [0.8:0.2:5]
// Columns of cells
const columns = 7;         // [1:1:20]
// Cells per column
const rows = 5;            // [1:1:20]
/* [Panel] */
// Solid border around the honeycomb
const border = 10;         // [5:0.5:30]
// Panel thickness
const thickness = 3;       // [1:0.5:10]
// Screw hole in each corner of the border
const screwHole = 3.4;     // [2:0.1:6]

// Cells with a vertex on local x (polygon's default): neighbours in a column are one pitch apart
// in y, columns are pitch·sqrt(3)/2 apart and every other column shifts half a pitch.
const flats = pitch - web;               // across the flats of one opening
const cornerDiameter = 2 * flats / Math.sqrt(3);
const dx = pitch * Math.sqrt(3) / 2;
const cells = [];
for (let i = 0; i < columns; i++) {
  for (let j = 0; j < rows; j++) {
    const x = (i - (columns - 1) / 2) * dx;
    const y = (j - (rows - 1) / 2) * pitch + (i % 2 ? pitch / 4 : -pitch / 4);
    cells.push([x, y]);
  }
}

const panelLength = (columns - 1) * dx + cornerDiameter + 2 * border;
const panelWidth = (rows - 1) * pitch + pitch / 2 + flats + 2 * border;

// Screw holes in the middle of the border at each corner.
const sx = (panelLength - border) / 2, sy = (panelWidth - border) / 2;
const screws = [[-sx, -sy], [-sx, sy], [sx, -sy], [sx, sy]];

// The outline, the openings and the screw holes are one sketch: every inner wire falls inside the
// rectangle, so extrude makes them holes of a single face. One extrusion is far cheaper than
// cutting 39 prisms out of a plate.
const grille = cq.Workplane("XY")
  .rect(panelLength, panelWidth)
  .pushPoints(cells).polygon(6, cornerDiameter)
  .pushPoints(screws).circle(screwHole / 2)
  .extrude(thickness);

show(grille, "grille", {color: "#444c56"});
