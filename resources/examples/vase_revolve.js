// @prompt: A flower vase 150 mm tall with a curved belly, a narrow neck and a flared lip, 2 mm walls and an open top
// @category: revolve/loft/sweep
// @complexity: 4
// @techniques: moveTo, lineTo, spline includeCurrent, close, revolve, shell with an open face
// The spline profile makes the volume a measured value (67627.2 mm³ at the defaults, held to ±1 % as a regression check);
// the height is exact and the width is the spline's widest point, a little over 2·45 mm.
// @expect: bbox.size.2 = 150
// @expect: bbox.size.0 = 91 ± 2
// @expect: volume = 67627.2 ± 1%
// @expect: solids = 1
/* [Shape] */
// Height of the vase
const height = 150;        // [60:1:300]
// Radius of the foot
const footRadius = 30;     // [15:1:80]
// Radius at the widest part of the belly
const bellyRadius = 45;    // [20:1:100]
// Radius of the neck
const neckRadius = 18;     // [8:1:60]
// Radius of the lip
const lipRadius = 26;      // [10:1:80]
/* [Walls] */
// Wall thickness
const wall = 2;            // [0.8:0.2:5]

// Half the section in the XZ plane (local x = radius, local y = height), closed along the axis.
// The spline starts where the foot line ends, so the outline has no gap.
const profile = cq.Workplane("XZ")
  .moveTo(0, 0)
  .lineTo(footRadius, 0)
  .spline([
    [bellyRadius, height * 0.3],
    [neckRadius, height * 0.78],
    [lipRadius, height],
  ], {includeCurrent: true})
  .lineTo(0, height)
  .close();

// The default axis is the workplane's local y axis through its origin: world Z here.
const solid = profile.revolve(360);

// Shelling inward with the top face removed leaves an open vase with an even wall.
const vase = solid.faces(">Z").shell(-wall);

show(vase, "vase", {color: "#d5a6bd"});
