// Conformance harness, prepended to every file of tests/conformance/cases and examples.
// Each check prints one line `CONFORMANCE {json}` that test_conformance.cpp parses; a check
// whose value throws records a failure with the error instead of stopping the file, so one
// broken case never hides the others.
const __conformanceSeen = {};
let __conformanceCase = "";

function __conformanceValue(v) {
  if (v === undefined) return null;
  if (v === null || typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(__conformanceValue);
  if (v && typeof v.toTuple === "function") {
    try { return v.toTuple(); } catch (e) { return String(v); }
  }
  try { return String(v); } catch (e) { return "<unprintable>"; }
}

function __conformanceRecord(label, ok, actual, expected, error) {
  const full = label;
  const entry = { label: full, ok: !!ok, actual: __conformanceValue(actual), expected: __conformanceValue(expected) };
  if (error !== undefined) entry.error = String(error && error.message ? error.message : error);
  if (__conformanceSeen[full]) {
    entry.ok = false;
    entry.error = "duplicate label";
  }
  __conformanceSeen[full] = true;
  console.log("CONFORMANCE " + JSON.stringify(entry));
}

// Numbers compare within tol (default 1e-6, relative above 1); arrays and Vectors compare
// element by element; anything else with ===.
function __conformanceEqual(actual, expected, tol) {
  if (typeof expected === "number") {
    if (typeof actual !== "number" || !isFinite(actual)) return false;
    const t = tol === undefined ? 1e-6 * Math.max(1, Math.abs(expected)) : tol;
    return Math.abs(actual - expected) <= t;
  }
  if (Array.isArray(expected)) {
    const a = __conformanceValue(actual);
    if (!Array.isArray(a) || a.length !== expected.length) return false;
    for (let i = 0; i < expected.length; i++)
      if (!__conformanceEqual(a[i], expected[i], tol)) return false;
    return true;
  }
  if (expected && typeof expected.toTuple === "function")
    return __conformanceEqual(actual, expected.toTuple(), tol);
  return actual === expected;
}

// assertAlmostEqual(a, b, places) passes when round(a - b, places) == 0.
function places(n) { return 0.5 * Math.pow(10, -n); }

function check(label, actual, expected, tol) {
  let value;
  try {
    value = typeof actual === "function" ? actual() : actual;
  } catch (e) {
    __conformanceRecord(label, false, null, expected, e);
    return;
  }
  __conformanceRecord(label, __conformanceEqual(value, expected, tol), value, expected);
}

function checkTrue(label, cond) {
  let value;
  try {
    value = typeof cond === "function" ? cond() : cond;
  } catch (e) {
    __conformanceRecord(label, false, null, true, e);
    return;
  }
  __conformanceRecord(label, value === true, value, true);
}

function checkThrows(label, fn) {
  try {
    fn();
  } catch (e) {
    __conformanceRecord(label, true, "threw: " + (e && e.message ? e.message : e), "an error");
    return;
  }
  __conformanceRecord(label, false, "no error", "an error");
}

// One CadQuery test: `name` is its provenance ("test_cadquery.py::testBox"). If the setup
// itself throws, the case is recorded as one failed entry under its own name.
function testCase(name, fn) {
  __conformanceCase = name;
  try {
    fn();
  } catch (e) {
    __conformanceRecord(name, false, null, "the case runs", e);
  }
  __conformanceCase = "";
}

// Small helpers used across cases.
function bbox(obj) {
  const s = obj && typeof obj.val === "function" ? obj.val() : obj;
  const b = s.BoundingBox();
  return b;
}
function bboxTuple(obj) {
  const b = bbox(obj);
  return [b.xmin, b.ymin, b.zmin, b.xmax, b.ymax, b.zmax];
}
function bboxSize(obj) {
  const b = bbox(obj);
  return [b.xlen, b.ylen, b.zlen];
}

// The run must show something; this marker keeps every conformance file a valid part script.
show(cq.Workplane("XY").box(0.1, 0.1, 0.1), "conformance_marker");
