// @prompt: A 16 mm six-sided die with rounded corners and dimpled pips, opposite faces adding up to seven
// @category: boolean operations
// @complexity: 4
// @techniques: box, sphere, intersect, face workplanes, pushPoints, sphere combine cut
// Cube ∩ sphere = sphere less six caps of height h = R - a/2 = 3: 4/3·pi·11³ - 6·pi·3²·(3·11 - 3)/3
// = 3878.82; 21 hemispherical pips of r = 1.4 remove 21·2/3·pi·1.4³ = 120.69: 3758.13
// @expect: bbox.size = [16, 16, 16]
// @expect: volume = 3758.13 ± 0.1%
// @expect: solids = 1
// 21 pip faces plus the one spherical rounding face:
// @expect: faces_by_type.SPHERE = 22
/* [Die] */
// Edge length of the die
const size = 16;           // [10:1:30]
// Radius of the rounding sphere (between size/2 and size·0.7)
const rounding = 11;       // [8:0.5:15]
/* [Pips] */
// Pip radius
const pip = 1.4;           // [0.8:0.1:2.5]
// Distance of the outer pips from the face centre
const spread = 4;          // [2:0.5:6]

// Intersecting a cube with a slightly larger sphere rounds all corners and edges at once.
const blank = cq.Workplane("XY").box(size, size, size)
  .intersect(cq.Workplane("XY").sphere(rounding));

const d = spread;
const layouts = {
  1: [[0, 0]],
  2: [[-d, -d], [d, d]],
  3: [[-d, -d], [0, 0], [d, d]],
  4: [[-d, -d], [-d, d], [d, -d], [d, d]],
  5: [[-d, -d], [-d, d], [0, 0], [d, -d], [d, d]],
  6: [[-d, -d], [-d, 0], [-d, d], [d, -d], [d, 0], [d, d]],
};

// Opposite faces sum to seven. A sphere centred on the face cuts a hemispherical dimple.
// Each face workplane is centred on its face: the default (projected origin) would carry the
// previous face's offset along.
const faceValues = [[">Z", 1], ["<Z", 6], [">Y", 2], ["<Y", 5], [">X", 3], ["<X", 4]];
let die = blank;
for (const [face, value] of faceValues) {
  die = die.faces(face).workplane({centerOption: "CenterOfBoundBox"})
    .pushPoints(layouts[value])
    .sphere(pip, {combine: "cut"});
}

show(die, "die", {color: "#f4f4f4"});
