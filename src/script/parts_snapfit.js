// parts.snapFit: a cantilever snap-fit hook with a rectangular cross-section, and its design
// numbers after Bayer MaterialScience, "Snap-Fit Joints for Plastics - A Design Guide", for a
// beam of constant section:
//   permissible deflection   y = 0.67 * strain * length^2 / thickness
//   deflection force         P = width * thickness^2 / 6 * modulus * strain / length
//   mating (push-in) force   W = P * (mu + tan(angle)) / (1 - mu * tan(angle))
// where strain is the material's permissible strain (e.g. 0.025 for ABS, a single assembly),
// modulus its secant modulus (MPa, gives N), mu the friction coefficient, angle the lead angle.
(function (native, global, api) {
  "use strict";
  const K = () => api.partsKit;
  const deg = Math.PI / 180;

  function design(opts) {
    const fn = "parts.snapFit.design";
    const kit = K();
    const o = kit.options(fn, opts, { length: undefined, thickness: undefined, width: undefined, strain: undefined,
                                      modulus: undefined, friction: 0.5, angle: 30 });
    for (const n of ["length", "thickness", "width", "strain"])
      if (o[n] === undefined) kit.fail(fn, "the option '" + n + "' is required", "e.g. parts.snapFit.design({length: 15, thickness: 1.5, width: 6, strain: 0.025, modulus: 2100})");
    for (const n of ["length", "thickness", "width", "strain"]) kit.number(fn, n, o[n], { positive: true });
    kit.number(fn, "friction", o.friction, { min: 0 });
    kit.number(fn, "angle", o.angle, { min: 1, max: 89 });
    const out = { maxDeflection: kit.round(0.67 * o.strain * o.length * o.length / o.thickness) };
    if (o.modulus !== undefined) {
      kit.number(fn, "modulus", o.modulus, { positive: true });
      const P = o.width * o.thickness * o.thickness / 6 * o.modulus * o.strain / o.length;
      const t = Math.tan(o.angle * deg);
      if (o.friction * t >= 1) kit.fail(fn, "friction * tan(angle) must be below 1 (the hook would self-lock)", "reduce angle");
      out.deflectionForce = kit.round(P, 4);
      out.matingForce = kit.round(P * (o.friction + t) / (1 - o.friction * t), 4);
    }
    return out;
  }

  // The beam stands on the XY plane (z = 0..length up to the hook's catch face), thickness
  // along X (x = 0..thickness), width along Y (centred); the hook sticks out by hookDepth on +X
  // with a flat catch face at z = length (retention angle 90 degrees) and a lead ramp at `angle`
  // degrees from the beam axis. With `strain` given the hook depth is checked against the
  // permissible deflection.
  function cantilever(opts) {
    const fn = "parts.snapFit.cantilever";
    const kit = K();
    const o = kit.options(fn, opts, { length: undefined, thickness: undefined, width: undefined, hookDepth: undefined,
                                      angle: 30, strain: undefined });
    for (const n of ["length", "thickness", "width", "hookDepth"])
      if (o[n] === undefined) kit.fail(fn, "the option '" + n + "' is required", "e.g. parts.snapFit.cantilever({length: 15, thickness: 1.5, width: 6, hookDepth: 1})");
    for (const n of ["length", "thickness", "width", "hookDepth"]) kit.number(fn, n, o[n], { positive: true });
    kit.number(fn, "angle", o.angle, { min: 10, max: 80 });
    if (o.strain !== undefined) {
      const y = design({ length: o.length, thickness: o.thickness, width: o.width, strain: o.strain }).maxDeflection;
      if (o.hookDepth > y)
        kit.fail(fn, "hookDepth " + o.hookDepth + " exceeds the permissible deflection " + y + " mm for strain " + o.strain,
                 "make the beam longer or thinner, or the hook shallower");
    }
    const L = o.length, t = o.thickness, h = o.hookDepth;
    const ramp = h / Math.tan(o.angle * deg);
    const pts = [[0, 0], [t, 0], [t, L], [t + h, L], [t, L + ramp], [0, L + ramp]];
    return api.cq.Workplane("XZ").polyline(pts).close().extrude(o.width / 2, { both: true });
  }

  api.parts.snapFit = { cantilever: cantilever, design: design };
})
