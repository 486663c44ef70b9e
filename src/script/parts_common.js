// Shared helpers of the `parts` library modules (parts_*.js): argument checks with messages in
// the script author's terms, metric size names, and the ISO tables more than one module reads.
// Modules load in name order, so the others reach this through api.partsKit at call time.
(function (native, global, api) {
  "use strict";

  function fmt(v) {
    if (typeof v === "string") return "'" + v + "'";
    if (typeof v === "number") return String(v);
    if (v === null) return "null";
    if (v === undefined) return "undefined";
    if (Array.isArray(v)) return "an array";
    return typeof v === "object" ? "an object" : String(v);
  }

  function fail(fn, message, hint) {
    const e = new TypeError(fn + ": " + message);
    if (hint) e.hint = hint;
    throw e;
  }

  function number(fn, name, v, limits) {
    limits = limits || {};
    if (typeof v !== "number" || !isFinite(v)) fail(fn, name + " must be a number, got " + fmt(v));
    if (limits.integer && Math.round(v) !== v) fail(fn, name + " must be a whole number, got " + v);
    if (limits.positive && !(v > 0)) fail(fn, name + " must be greater than 0, got " + v);
    if (limits.min !== undefined && v < limits.min) fail(fn, name + " must be at least " + limits.min + ", got " + v);
    if (limits.max !== undefined && v > limits.max) fail(fn, name + " must be at most " + limits.max + ", got " + v);
    return v;
  }

  // Checks an options object against its defaults: unknown keys name the option and guess
  // the intended one; returns the merged values.
  function options(fn, opts, defaults) {
    if (opts === undefined || opts === null) return Object.assign({}, defaults);
    if (typeof opts !== "object" || Array.isArray(opts) || opts.__kind)
      fail(fn, "options must be an object such as {" + Object.keys(defaults)[0] + ": ...}, got " + fmt(opts));
    const names = Object.keys(defaults);
    for (const k of Object.keys(opts)) {
      if (names.indexOf(k) >= 0) continue;
      const guess = api.closest(k, names);
      fail(fn, "unknown option '" + k + "'" + (guess ? " \u2014 did you mean '" + guess + "'?" : " (options are: " + names.join(", ") + ")"));
    }
    const out = Object.assign({}, defaults);
    for (const k of Object.keys(opts)) if (opts[k] !== undefined) out[k] = opts[k];
    return out;
  }

  function oneOf(fn, name, v, allowed) {
    if (allowed.indexOf(v) < 0)
      fail(fn, name + " must be one of " + allowed.map((a) => "'" + a + "'").join(", ") + ", got " + fmt(v));
    return v;
  }

  // "M3", "m3", "M3x0.5" and 3 all name the M3 row of `table`.
  function size(fn, v, table) {
    const known = Object.keys(table);
    let key = null;
    if (typeof v === "number" && isFinite(v)) key = "M" + v;
    else if (typeof v === "string") {
      const m = /^\s*[mM]\s*(\d+(?:\.\d+)?)\s*(?:[xX\u00d7]\s*\d+(?:\.\d+)?)?\s*$/.exec(v);
      if (m) key = "M" + Number(m[1]);
    }
    if (key === null || !(key in table))
      fail(fn, "unknown size " + fmt(v) + " \u2014 known sizes: " + known.join(", "),
           "pass a metric size name such as \"" + known[Math.min(3, known.length - 1)] + "\"");
    return key;
  }

  // ISO 261 (ISO general purpose metric screw threads, general plan), coarse pitch series, mm.
  const coarsePitch = {
    "M1.6": 0.35, "M2": 0.4, "M2.5": 0.45, "M3": 0.5, "M4": 0.7, "M5": 0.8, "M6": 1.0, "M8": 1.25, "M10": 1.5,
    "M12": 1.75, "M14": 2.0, "M16": 2.0, "M18": 2.5, "M20": 2.5, "M22": 2.5, "M24": 3.0,
  };

  const polar = (r, a) => [r * Math.cos(a), r * Math.sin(a)];
  const round = (v, digits) => { const f = Math.pow(10, digits === undefined ? 6 : digits); return Math.round(v * f) / f; };

  api.partsKit = { fail: fail, number: number, options: options, oneOf: oneOf, size: size, fmt: fmt,
                   coarsePitch: coarsePitch, polar: polar, round: round };
})
