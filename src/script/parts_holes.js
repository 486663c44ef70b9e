// parts.holes: standard hole sizes (clearance, tap drill, counterbore, countersink, heat-set
// insert pocket, nut trap, washer) as numbers, and builders that cut them at the points of a
// Workplane or return cutter solids. All lengths in millimetres. Sources are cited per table.
(function (native, global, api) {
  "use strict";
  const K = () => api.partsKit;

  // ISO 273:1979 "Fasteners - Clearance holes for bolts and screws", table 1: hole diameter dh
  // for the fine, medium and coarse series. Partsmith names them close, normal and loose.
  const iso273 = {
    "M1.6": [1.7, 1.8, 2.0], "M2": [2.2, 2.4, 2.6], "M2.5": [2.7, 2.9, 3.1], "M3": [3.2, 3.4, 3.6],
    "M4": [4.3, 4.5, 4.8], "M5": [5.3, 5.5, 5.8], "M6": [6.4, 6.6, 7.0], "M8": [8.4, 9.0, 10.0],
    "M10": [10.5, 11.0, 12.0], "M12": [13.0, 13.5, 14.5], "M14": [15.0, 15.5, 16.5], "M16": [17.0, 17.5, 18.5],
    "M18": [19.0, 20.0, 21.0], "M20": [21.0, 22.0, 24.0], "M22": [23.0, 24.0, 26.0], "M24": [25.0, 26.0, 28.0],
  };
  const fitIndex = { close: 0, fine: 0, normal: 1, medium: 1, loose: 2, coarse: 2 };
  const fitNames = ["close", "normal", "loose", "fine", "medium", "coarse"];

  // ISO 4762:2004 hexagon socket head cap screws, table 1: dk max (plain head), k max, s nominal
  // (hexagon socket), t min (socket depth).
  const iso4762 = {
    "M1.6": { dk: 3.0, k: 1.6, s: 1.5, t: 0.7 }, "M2": { dk: 3.8, k: 2.0, s: 1.5, t: 1.0 },
    "M2.5": { dk: 4.5, k: 2.5, s: 2.0, t: 1.1 }, "M3": { dk: 5.5, k: 3.0, s: 2.5, t: 1.3 },
    "M4": { dk: 7.0, k: 4.0, s: 3.0, t: 2.0 }, "M5": { dk: 8.5, k: 5.0, s: 4.0, t: 2.5 },
    "M6": { dk: 10.0, k: 6.0, s: 5.0, t: 3.0 }, "M8": { dk: 13.0, k: 8.0, s: 6.0, t: 4.0 },
    "M10": { dk: 16.0, k: 10.0, s: 8.0, t: 5.0 }, "M12": { dk: 18.0, k: 12.0, s: 10.0, t: 6.0 },
    "M14": { dk: 21.0, k: 14.0, s: 12.0, t: 7.0 }, "M16": { dk: 24.0, k: 16.0, s: 14.0, t: 8.0 },
    "M20": { dk: 30.0, k: 20.0, s: 17.0, t: 10.0 }, "M24": { dk: 36.0, k: 24.0, s: 19.0, t: 12.0 },
  };

  // ISO 10642:2004 hexagon socket countersunk head screws, table 1: dk theoretical max (the
  // head diameter at the 90 degree cone's sharp edge, i.e. flush with the surface), k max.
  const iso10642 = {
    "M3": { dk: 6.72, k: 1.86 }, "M4": { dk: 8.96, k: 2.48 }, "M5": { dk: 11.20, k: 3.10 },
    "M6": { dk: 13.44, k: 3.72 }, "M8": { dk: 17.92, k: 4.96 }, "M10": { dk: 22.40, k: 6.20 },
    "M12": { dk: 26.88, k: 7.44 }, "M16": { dk: 33.60, k: 8.80 }, "M20": { dk: 40.32, k: 10.16 },
  };

  // ISO 4032:2012 hexagon regular nuts (style 1), table 1: s (width across flats, max = nominal),
  // m max (height), e min (width across corners).
  const iso4032 = {
    "M1.6": { s: 3.2, m: 1.3, e: 3.41 }, "M2": { s: 4.0, m: 1.6, e: 4.32 }, "M2.5": { s: 5.0, m: 2.0, e: 5.45 },
    "M3": { s: 5.5, m: 2.4, e: 6.01 }, "M4": { s: 7.0, m: 3.2, e: 7.66 }, "M5": { s: 8.0, m: 4.7, e: 8.79 },
    "M6": { s: 10.0, m: 5.2, e: 11.05 }, "M8": { s: 13.0, m: 6.8, e: 14.38 }, "M10": { s: 16.0, m: 8.4, e: 17.77 },
    "M12": { s: 18.0, m: 10.8, e: 20.03 }, "M16": { s: 24.0, m: 14.8, e: 26.75 }, "M20": { s: 30.0, m: 18.0, e: 32.95 },
    "M24": { s: 36.0, m: 21.5, e: 39.55 },
  };

  // ISO 7089:2000 plain washers, normal series, product grade A, table 1: d1 min (inside),
  // d2 max (outside), h nominal (thickness).
  const iso7089 = {
    "M1.6": { d1: 1.7, d2: 4.0, h: 0.3 }, "M2": { d1: 2.2, d2: 5.0, h: 0.3 }, "M2.5": { d1: 2.7, d2: 6.0, h: 0.5 },
    "M3": { d1: 3.2, d2: 7.0, h: 0.5 }, "M4": { d1: 4.3, d2: 9.0, h: 0.8 }, "M5": { d1: 5.3, d2: 10.0, h: 1.0 },
    "M6": { d1: 6.4, d2: 12.0, h: 1.6 }, "M8": { d1: 8.4, d2: 16.0, h: 1.6 }, "M10": { d1: 10.5, d2: 20.0, h: 2.0 },
    "M12": { d1: 13.0, d2: 24.0, h: 2.5 }, "M14": { d1: 15.0, d2: 28.0, h: 2.5 }, "M16": { d1: 17.0, d2: 30.0, h: 3.0 },
    "M20": { d1: 21.0, d2: 37.0, h: 3.0 }, "M24": { d1: 25.0, d2: 44.0, h: 4.0 },
  };

  // Brass heat-set inserts for 3D printing, as published by ruthex (RX series datasheet) and
  // CNC Kitchen: recommended hole diameter and insert length. Not an ISO standard.
  const inserts = {
    "M2": { standard: { hole: 3.2, length: 3.0 } },
    "M2.5": { standard: { hole: 3.6, length: 4.0 } },
    "M3": { standard: { hole: 4.0, length: 5.7 }, short: { hole: 4.0, length: 4.0 } },
    "M4": { standard: { hole: 5.6, length: 8.1 } },
    "M5": { standard: { hole: 6.4, length: 9.5 } },
  };

  function nominal(key) { return Number(key.slice(1)); }

  function clearance(size, opts) {
    const fn = "parts.holes.clearance";
    const kit = K();
    const key = kit.size(fn, size, iso273);
    const o = kit.options(fn, opts, { fit: "normal" });
    kit.oneOf(fn, "fit", o.fit, fitNames);
    return iso273[key][fitIndex[o.fit]];
  }

  function tapDrill(size) {
    const kit = K();
    const key = kit.size("parts.holes.tapDrill", size, kit.coarsePitch);
    return kit.round(nominal(key) - kit.coarsePitch[key], 4);
  }

  function pitch(size) {
    const kit = K();
    return kit.coarsePitch[kit.size("parts.holes.pitch", size, kit.coarsePitch)];
  }

  // Counterbore for an ISO 4762 head: diameter dk + cboreClearance (default 1.0 mm, which gives
  // the DIN 974-1 row-1 value for M3, M4 and M6), depth k + depthAllowance (default 0.5 mm so
  // the head sits below the surface).
  function counterbore(size, opts) {
    const fn = "parts.holes.counterbore";
    const kit = K();
    const key = kit.size(fn, size, iso4762);
    const o = kit.options(fn, opts, { fit: "normal", cboreClearance: 1.0, depthAllowance: 0.5 });
    kit.oneOf(fn, "fit", o.fit, fitNames);
    kit.number(fn, "cboreClearance", o.cboreClearance, { min: 0 });
    kit.number(fn, "depthAllowance", o.depthAllowance, { min: 0 });
    const h = iso4762[key];
    return { diameter: iso273[key][fitIndex[o.fit]], cboreDiameter: kit.round(h.dk + o.cboreClearance),
             cboreDepth: kit.round(h.k + o.depthAllowance), headDiameter: h.dk, headHeight: h.k };
  }

  // Countersink for an ISO 10642 head: 90 degrees, diameter dk (theoretical) + cskClearance
  // (default 0) so the head ends flush.
  function countersink(size, opts) {
    const fn = "parts.holes.countersink";
    const kit = K();
    const key = kit.size(fn, size, iso10642);
    const o = kit.options(fn, opts, { fit: "normal", cskClearance: 0 });
    kit.oneOf(fn, "fit", o.fit, fitNames);
    kit.number(fn, "cskClearance", o.cskClearance, { min: 0 });
    const h = iso10642[key];
    return { diameter: iso273[key][fitIndex[o.fit]], cskDiameter: kit.round(h.dk + o.cskClearance), cskAngle: 90,
             headDiameter: h.dk, headHeight: h.k };
  }

  // Heat-set insert pocket: the maker's hole diameter, depth = insert length + extraDepth
  // (default 0.5 mm, room for displaced plastic).
  function insert(size, opts) {
    const fn = "parts.holes.insert";
    const kit = K();
    const key = kit.size(fn, size, inserts);
    const o = kit.options(fn, opts, { variant: "standard", extraDepth: 0.5 });
    kit.oneOf(fn, "variant", o.variant, Object.keys(inserts[key]));
    kit.number(fn, "extraDepth", o.extraDepth, { min: 0 });
    const row = inserts[key][o.variant];
    return { diameter: row.hole, depth: kit.round(row.length + o.extraDepth), insertLength: row.length };
  }

  // Hex nut trap for an ISO 4032 nut: across flats s + clearance, depth m + clearance; the
  // clearance (default 0.2 mm) is the total added for printing.
  function nutTrap(size, opts) {
    const fn = "parts.holes.nutTrap";
    const kit = K();
    const key = kit.size(fn, size, iso4032);
    const o = kit.options(fn, opts, { clearance: 0.2 });
    kit.number(fn, "clearance", o.clearance, { min: 0 });
    const n = iso4032[key];
    const flats = n.s + o.clearance;
    return { acrossFlats: kit.round(flats), acrossCorners: kit.round(flats / Math.cos(Math.PI / 6)),
             depth: kit.round(n.m + o.clearance), nutAcrossFlats: n.s, nutHeight: n.m };
  }

  function washer(size) {
    const kit = K();
    const w = iso7089[kit.size("parts.holes.washer", size, iso7089)];
    return { d1: w.d1, d2: w.d2, h: w.h };
  }

  // --- builders on the points of a Workplane ------------------------------------------------
  function workplaneArg(fn, wp) {
    if (!wp || wp.__kind !== "Workplane")
      K().fail(fn, "the first argument must be a Workplane with points, e.g. body.faces(\">Z\").workplane().pushPoints(pts), got " + K().fmt(wp));
    return wp;
  }
  function depthOf(fn, d) { return d === undefined || d === null ? undefined : K().number(fn, "depth", d, { positive: true }); }

  function clearanceHole(wp, size, opts) {
    const fn = "parts.holes.clearanceHole";
    workplaneArg(fn, wp);
    const o = K().options(fn, opts, { fit: "normal", depth: undefined });
    const depth = depthOf(fn, o.depth);
    return wp.hole(clearance(size, { fit: o.fit }), depth);
  }
  function tapHole(wp, size, opts) {
    const fn = "parts.holes.tapHole";
    workplaneArg(fn, wp);
    const o = K().options(fn, opts, { depth: undefined });
    return wp.hole(tapDrill(size), depthOf(fn, o.depth));
  }
  function counterboreHole(wp, size, opts) {
    const fn = "parts.holes.counterboreHole";
    workplaneArg(fn, wp);
    const o = K().options(fn, opts, { fit: "normal", cboreClearance: 1.0, depthAllowance: 0.5, depth: undefined });
    const c = counterbore(size, { fit: o.fit, cboreClearance: o.cboreClearance, depthAllowance: o.depthAllowance });
    return wp.cboreHole(c.diameter, c.cboreDiameter, c.cboreDepth, depthOf(fn, o.depth));
  }
  function countersinkHole(wp, size, opts) {
    const fn = "parts.holes.countersinkHole";
    workplaneArg(fn, wp);
    const o = K().options(fn, opts, { fit: "normal", cskClearance: 0, depth: undefined });
    const c = countersink(size, { fit: o.fit, cskClearance: o.cskClearance });
    return wp.cskHole(c.diameter, c.cskDiameter, c.cskAngle, depthOf(fn, o.depth));
  }
  function insertHole(wp, size, opts) {
    const fn = "parts.holes.insertHole";
    workplaneArg(fn, wp);
    const o = K().options(fn, opts, { variant: "standard", extraDepth: 0.5 });
    const c = insert(size, o);
    return wp.hole(c.diameter, c.depth);
  }
  // A hexagonal pocket at every point, cut into the solid from the workplane downwards.
  function nutTrapHole(wp, size, opts) {
    const fn = "parts.holes.nutTrapHole";
    workplaneArg(fn, wp);
    const o = K().options(fn, opts, { clearance: 0.2, depth: undefined });
    const t = nutTrap(size, { clearance: o.clearance });
    const depth = o.depth === undefined ? t.depth : K().number(fn, "depth", o.depth, { positive: true });
    return wp.polygon(6, t.acrossCorners).cutBlind(-depth);
  }

  // A hexagonal prism standing on the XY plane (z from 0 to depth, flats parallel to X), with an
  // optional bolt clearance hole below it: a solid to cut() out of a part.
  function nutTrapCutter(size, opts) {
    const fn = "parts.holes.nutTrapCutter";
    const kit = K();
    const o = kit.options(fn, opts, { clearance: 0.2, depth: undefined, boltLength: 0, fit: "normal" });
    const t = nutTrap(size, { clearance: o.clearance });
    const depth = o.depth === undefined ? t.depth : kit.number(fn, "depth", o.depth, { positive: true });
    kit.number(fn, "boltLength", o.boltLength, { min: 0 });
    // polygon() puts a corner on +X, so the flats are parallel to X.
    let cutter = api.cq.Workplane("XY").polygon(6, t.acrossCorners).extrude(depth);
    if (o.boltLength > 0) {
      const hole = api.cq.Workplane("XY").circle(clearance(size, { fit: o.fit }) / 2).extrude(-o.boltLength);
      cutter = cutter.union(hole);
    }
    return cutter;
  }

  api.parts.holes = {
    clearance: clearance, tapDrill: tapDrill, pitch: pitch, counterbore: counterbore, countersink: countersink,
    insert: insert, nutTrap: nutTrap, washer: washer,
    clearanceHole: clearanceHole, tapHole: tapHole, counterboreHole: counterboreHole, countersinkHole: countersinkHole,
    insertHole: insertHole, nutTrapHole: nutTrapHole, nutTrapCutter: nutTrapCutter,
    sizes: (kind) => {
      const tables = { clearance: iso273, tapDrill: api.partsKit.coarsePitch, counterbore: iso4762, countersink: iso10642,
                       insert: inserts, nutTrap: iso4032, washer: iso7089 };
      const k = kind === undefined ? "clearance" : kind;
      if (!(k in tables)) K().fail("parts.holes.sizes", "unknown kind " + K().fmt(kind) + " \u2014 kinds are: " + Object.keys(tables).join(", "));
      return Object.keys(tables[k]);
    },
  };
  // The fastener models read the same tables.
  api.partsIso = { iso273: iso273, iso4762: iso4762, iso10642: iso10642, iso4032: iso4032, iso7089: iso7089 };
})
