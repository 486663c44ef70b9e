// parts.gears: involute spur gears, racks and internal (ring) gears, extruded along +Z from the
// XY plane. Geometry after ISO 53 (basic rack: addendum 1.0 m, dedendum 1.25 m, pressure angle
// 20 degrees) and ISO 21771 (involute function, profile shift): pitch diameter d = m z, tip
// diameter da = m (z + 2 + 2x), root diameter df = m (z - 2.5 + 2x), base diameter
// db = d cos(alpha), tooth thickness on the pitch circle s = m (pi/2 + 2 x tan(alpha)).
// The flanks are true involutes (splines through sampled involute points, within 1e-4 mm);
// below the base circle the flank continues radially to the root circle and the root fillet
// is left out (no undercut model). Tooth 0 is centred on +X.
(function (native, global, api) {
  "use strict";
  const K = () => api.partsKit;
  const inv = (a) => Math.tan(a) - a;

  // The closed outline of `z` teeth bounded by the tip radius ra and the root radius rf, whose
  // flanks are involutes of rb with half-angle psi on the radius r0 (psi is the tooth's angular
  // half-thickness there). Returns a Workplane with the wire pending.
  function toothOutline(wp, z, rb, r0, psi, ra, rf) {
    const polar = K().polar;
    const a0 = Math.acos(Math.min(1, rb / r0));
    // Angular half-thickness of the tooth at radius R (R >= rb).
    const half = (R) => psi + inv(a0) - inv(Math.acos(Math.min(1, rb / R)));
    const rs = Math.max(rb, rf);  // where the involute starts
    const samples = 12;
    const flank = [];
    for (let i = 0; i <= samples; i++) {
      // Denser near the base circle, where the involute curves most.
      const t = i / samples;
      const R = rs + (ra - rs) * t * t * (3 - 2 * t) * 0.5 + (ra - rs) * t * 0.5;
      flank.push([R, half(R)]);
    }
    const pitchAngle = 2 * Math.PI / z;
    const tipHalf = half(ra);
    if (!(tipHalf > 0)) return null;
    const rootHalf = half(rs);
    if (!(pitchAngle / 2 - rootHalf > 0)) return undefined;
    const first = polar(rf, -rootHalf);
    let w = wp.moveTo(first[0], first[1]);
    for (let k = 0; k < z; k++) {
      const c = k * pitchAngle;
      // Rising flank on the clockwise side of the tooth.
      if (rs > rf + 1e-9) { const p = polar(rs, c - rootHalf); w = w.lineTo(p[0], p[1]); }
      w = w.spline(flank.map(([R, h]) => polar(R, c - h)).slice(1), { includeCurrent: true });
      const tipMid = polar(ra, c), tipEnd = polar(ra, c + tipHalf);
      w = w.threePointArc(tipMid, tipEnd);
      w = w.spline(flank.slice().reverse().map(([R, h]) => polar(R, c + h)).slice(1), { includeCurrent: true });
      if (rs > rf + 1e-9) { const p = polar(rf, c + rootHalf); w = w.lineTo(p[0], p[1]); }
      const next = c + pitchAngle;
      const rootMid = polar(rf, c + pitchAngle / 2);
      if (k === z - 1) {
        w = w.threePointArc(rootMid, first);
      } else {
        const rootEnd = polar(rf, next - rootHalf);
        w = w.threePointArc(rootMid, rootEnd);
      }
    }
    return w.close();
  }

  function commonChecks(fn, o) {
    const kit = K();
    kit.number(fn, "module", o.module, { positive: true });
    kit.number(fn, "teeth", o.teeth, { integer: true, min: 6, max: 400 });
    kit.number(fn, "pressureAngle", o.pressureAngle, { min: 10, max: 35 });
    kit.number(fn, "thickness", o.thickness, { positive: true });
  }

  function spur(opts) {
    const fn = "parts.gears.spur";
    const kit = K();
    if (opts === undefined) kit.fail(fn, "expected options such as {module: 2, teeth: 24, thickness: 8}");
    const o = kit.options(fn, opts, { module: undefined, teeth: undefined, thickness: undefined, pressureAngle: 20,
                                      profileShift: 0, bore: 0, hubDiameter: 0, hubLength: 0 });
    for (const req of ["module", "teeth", "thickness"])
      if (o[req] === undefined) kit.fail(fn, "the option '" + req + "' is required", "e.g. parts.gears.spur({module: 2, teeth: 24, thickness: 8})");
    commonChecks(fn, o);
    kit.number(fn, "profileShift", o.profileShift, { min: -1, max: 1.5 });
    kit.number(fn, "bore", o.bore, { min: 0 });
    kit.number(fn, "hubDiameter", o.hubDiameter, { min: 0 });
    kit.number(fn, "hubLength", o.hubLength, { min: 0 });
    const g = spurGeometry(o.module, o.teeth, o.pressureAngle, o.profileShift);
    if (o.bore > 0 && o.bore >= 2 * g.rootRadius - o.module)
      kit.fail(fn, "bore " + o.bore + " leaves no material under the teeth (root diameter " + kit.round(2 * g.rootRadius, 3) + ")");
    if (o.hubLength > 0 && !(o.hubDiameter > o.bore))
      kit.fail(fn, "hubDiameter must be larger than the bore when hubLength is given");
    const psi = Math.PI / (2 * o.teeth) + 2 * o.profileShift * Math.tan(g.alpha) / o.teeth;
    // The bore goes into the same sketch (a face with a hole), which is far cheaper than a cut.
    const base = o.bore > 0 ? api.cq.Workplane("XY").circle(o.bore / 2) : api.cq.Workplane("XY");
    const outline = toothOutline(base, o.teeth, g.baseRadius, g.pitchRadius, psi, g.tipRadius, g.rootRadius);
    if (outline === null)
      kit.fail(fn, "the teeth come to a point below the tip circle", "reduce profileShift or use more teeth");
    if (outline === undefined)
      kit.fail(fn, "the tooth spaces close up at the root", "reduce profileShift");
    let gear = outline.extrude(o.thickness);
    if (o.hubLength > 0) {
      let hub = api.cq.Workplane("XY").workplane({ offset: o.thickness }).circle(o.hubDiameter / 2);
      if (o.bore > 0) hub = hub.circle(o.bore / 2);
      gear = gear.union(hub.extrude(o.hubLength));
    }
    return gear;
  }

  function spurGeometry(m, z, pressureAngle, x) {
    const alpha = pressureAngle * Math.PI / 180;
    const r = m * z / 2;
    return { alpha: alpha, pitchRadius: r, baseRadius: r * Math.cos(alpha), tipRadius: m * (z + 2 + 2 * x) / 2,
             rootRadius: m * (z - 2.5 + 2 * x) / 2 };
  }

  // The numbers of a spur gear: diameters, circular pitch, tooth thickness on the pitch circle.
  function dimensions(opts) {
    const fn = "parts.gears.dimensions";
    const kit = K();
    const o = kit.options(fn, opts, { module: undefined, teeth: undefined, pressureAngle: 20, profileShift: 0, internal: false });
    if (o.module === undefined || o.teeth === undefined) kit.fail(fn, "the options 'module' and 'teeth' are required");
    commonChecks(fn, Object.assign({ thickness: 1 }, o));
    const g = spurGeometry(o.module, o.teeth, o.pressureAngle, o.profileShift);
    const out = { pitchDiameter: 2 * g.pitchRadius, baseDiameter: kit.round(2 * g.baseRadius), tipDiameter: kit.round(2 * g.tipRadius),
                  rootDiameter: kit.round(2 * g.rootRadius), circularPitch: kit.round(Math.PI * o.module),
                  toothThickness: kit.round(o.module * (Math.PI / 2 + 2 * o.profileShift * Math.tan(g.alpha))) };
    if (o.internal) {
      out.tipDiameter = o.module * (o.teeth - 2);
      out.rootDiameter = o.module * (o.teeth + 2.5);
      out.toothThickness = kit.round(Math.PI * o.module / 2);
    }
    return out;
  }

  // Centre distance of two external gears (or internal - external with internal: true), no
  // profile shift: a = m (z1 +/- z2) / 2.
  function centerDistance(module, teeth1, teeth2, opts) {
    const fn = "parts.gears.centerDistance";
    const kit = K();
    kit.number(fn, "module", module, { positive: true });
    kit.number(fn, "teeth1", teeth1, { integer: true, min: 1 });
    kit.number(fn, "teeth2", teeth2, { integer: true, min: 1 });
    const o = kit.options(fn, opts, { internal: false });
    return module * (o.internal ? Math.abs(teeth1 - teeth2) : teeth1 + teeth2) / 2;
  }

  // A straight rack along +X: the pitch line is y = 0, tips at y = +m, roots at y = -1.25 m,
  // the bar's bottom at y = -height; extruded `thickness` along +Z. Tooth 0 is centred on x = 0.
  function rack(opts) {
    const fn = "parts.gears.rack";
    const kit = K();
    const o = kit.options(fn, opts, { module: undefined, teeth: undefined, thickness: undefined, pressureAngle: 20, height: undefined });
    for (const req of ["module", "teeth", "thickness"])
      if (o[req] === undefined) kit.fail(fn, "the option '" + req + "' is required", "e.g. parts.gears.rack({module: 2, teeth: 10, thickness: 8})");
    kit.number(fn, "module", o.module, { positive: true });
    kit.number(fn, "teeth", o.teeth, { integer: true, min: 1, max: 1000 });
    kit.number(fn, "pressureAngle", o.pressureAngle, { min: 10, max: 35 });
    kit.number(fn, "thickness", o.thickness, { positive: true });
    const m = o.module;
    const height = o.height === undefined ? 2.25 * m + m : kit.number(fn, "height", o.height, { min: 1.25 * m + 0.01 });
    const p = Math.PI * m;
    const t = Math.tan(o.pressureAngle * Math.PI / 180);
    // Half widths of a tooth at the tip and at the root (pitch-line half width p/4).
    const tipHalf = p / 4 - m * t, rootHalf = p / 4 + 1.25 * m * t;
    const pts = [[-p / 2, -height]];
    for (let k = 0; k < o.teeth; k++) {
      const c = k * p;
      pts.push([c - p / 2, -1.25 * m], [c - rootHalf, -1.25 * m], [c - tipHalf, m], [c + tipHalf, m], [c + rootHalf, -1.25 * m]);
    }
    pts.push([(o.teeth - 1) * p + p / 2, -1.25 * m], [(o.teeth - 1) * p + p / 2, -height]);
    return api.cq.Workplane("XY").polyline(pts).close().extrude(o.thickness);
  }

  // An internal gear: a ring of outerDiameter with `teeth` involute teeth inside. Its tip
  // (inner) diameter is m (z - 2), its root diameter m (z + 2.5) (ISO 21771 for x = 0).
  function internal(opts) {
    const fn = "parts.gears.internal";
    const kit = K();
    const o = kit.options(fn, opts, { module: undefined, teeth: undefined, thickness: undefined, pressureAngle: 20, outerDiameter: undefined });
    for (const req of ["module", "teeth", "thickness"])
      if (o[req] === undefined) kit.fail(fn, "the option '" + req + "' is required", "e.g. parts.gears.internal({module: 1, teeth: 60, thickness: 6})");
    commonChecks(fn, o);
    const m = o.module, z = o.teeth;
    if (z < 20) kit.fail(fn, "an internal gear needs at least 20 teeth, got " + z);
    const rootRadius = m * (z + 2.5) / 2;
    const outer = o.outerDiameter === undefined ? 2 * rootRadius + 4 * m
                                                : kit.number(fn, "outerDiameter", o.outerDiameter, { min: 2 * rootRadius + 0.5 });
    const alpha = o.pressureAngle * Math.PI / 180;
    const r = m * z / 2;
    // The space of an internal gear is the tooth of an external one (same involute), so the
    // hole is an external outline with addendum 1.25 m and dedendum 1.0 m; its teeth are the
    // ring's spaces, centred on +X.
    const ring = toothOutline(api.cq.Workplane("XY").circle(outer / 2), z, r * Math.cos(alpha), r, Math.PI / (2 * z), rootRadius, m * (z - 2) / 2);
    if (!ring) kit.fail(fn, "these teeth cannot be cut (the spaces close up)");
    // The outer circle and the toothed wire make one face with a hole.
    return ring.extrude(o.thickness);
  }

  api.parts.gears = { spur: spur, rack: rack, internal: internal, dimensions: dimensions, centerDistance: centerDistance };
})
