// The JavaScript half of the Partsmith API, evaluated in every fresh engine before the user's
// script. It is one function called with the native bridge, so the bridge never becomes a
// global the script could reach. It defines cq (Workplane, Vector, Location, Plane, Color,
// exporters), show/show_object, console and parts, and fills gaps of QJSEngine 6.4.
(function (native, global) {
  "use strict";
  const call = (fn, args) => native.call(fn, args);
  const hide = (obj, key, value) =>
    Object.defineProperty(obj, key, { value: value, enumerable: false, writable: true, configurable: true });

  // --- polyfills for what QJSEngine 6.4 lacks -------------------------------------------
  if (!Array.prototype.flat) {
    hide(Array.prototype, "flat", function flat(depth) {
      const d = depth === undefined ? 1 : Number(depth);
      const out = [];
      const walk = (arr, level) => {
        for (let i = 0; i < arr.length; i++) {
          if (!(i in arr)) continue;
          if (Array.isArray(arr[i]) && level > 0) walk(arr[i], level - 1);
          else out.push(arr[i]);
        }
      };
      walk(this, d);
      return out;
    });
  }
  if (!Array.prototype.flatMap) {
    hide(Array.prototype, "flatMap", function flatMap(fn, thisArg) {
      return Array.prototype.map.call(this, fn, thisArg).flat(1);
    });
  }
  if (!Object.fromEntries) {
    hide(Object, "fromEntries", function fromEntries(entries) {
      const o = {};
      for (const [k, v] of entries) o[k] = v;
      return o;
    });
  }
  // ES2022 members LLM-written code uses; each follows the specification's steps.
  const toIntegerOrInfinity = (v) => { const n = Number(v); return n !== n ? 0 : Math.trunc(n); };
  const toLength = (v) => Math.min(Math.max(toIntegerOrInfinity(v), 0), Number.MAX_SAFE_INTEGER);
  const requireCallable = (fn, owner) => {
    if (typeof fn !== "function") throw new TypeError(owner + ": " + String(fn) + " is not a function");
  };
  function at(index) {
    if (this === null || this === undefined) throw new TypeError("at called on null or undefined");
    const o = typeof this === "string" ? this : Object(this);
    const len = toLength(o.length);
    const rel = toIntegerOrInfinity(index);
    const k = rel >= 0 ? rel : len + rel;
    return k < 0 || k >= len ? undefined : o[k];
  }
  function findLast(predicate, thisArg) {
    const o = Object(this), len = toLength(o.length);
    requireCallable(predicate, "findLast");
    for (let k = len - 1; k >= 0; k--) if (predicate.call(thisArg, o[k], k, o)) return o[k];
    return undefined;
  }
  function findLastIndex(predicate, thisArg) {
    const o = Object(this), len = toLength(o.length);
    requireCallable(predicate, "findLastIndex");
    for (let k = len - 1; k >= 0; k--) if (predicate.call(thisArg, o[k], k, o)) return k;
    return -1;
  }
  const typedArrayProto = Object.getPrototypeOf(Int8Array.prototype);
  for (const proto of [Array.prototype, typedArrayProto]) {
    if (!proto.at) hide(proto, "at", at);
    if (!proto.findLast) hide(proto, "findLast", findLast);
    if (!proto.findLastIndex) hide(proto, "findLastIndex", findLastIndex);
  }
  if (!String.prototype.at) {
    hide(String.prototype, "at", function at(index) {
      if (this === null || this === undefined) throw new TypeError("String.prototype.at called on null or undefined");
      return Array.prototype.at.call(String(this), index);
    });
  }
  if (!String.prototype.replaceAll) {
    hide(String.prototype, "replaceAll", function replaceAll(searchValue, replaceValue) {
      if (this === null || this === undefined) throw new TypeError("String.prototype.replaceAll called on null or undefined");
      if (searchValue !== null && searchValue !== undefined) {
        const isRegExp = typeof searchValue === "object" &&
          (searchValue[Symbol.match] !== undefined ? !!searchValue[Symbol.match] : searchValue instanceof RegExp);
        if (isRegExp && String(searchValue.flags).indexOf("g") < 0)
          throw new TypeError("replaceAll must be called with a global RegExp (add the g flag)");
        const replacer = searchValue[Symbol.replace];
        if (replacer !== undefined && replacer !== null) return replacer.call(searchValue, this, replaceValue);
      }
      const str = String(this), search = String(searchValue);
      const functional = typeof replaceValue === "function";
      const template = functional ? "" : String(replaceValue);
      const advance = Math.max(1, search.length);
      const positions = [];
      // An empty search matches at every position up to the length; QJSEngine's indexOf
      // gets "".indexOf("") wrong (-1) and clamps its start, so it only serves non-empty ones.
      if (search.length === 0) for (let p = 0; p <= str.length; p++) positions.push(p);
      else for (let p = str.indexOf(search, 0); p !== -1; p = str.indexOf(search, p + advance)) positions.push(p);
      // GetSubstitution without captures: $$, $& (the match), $` (before), $' (after).
      const substitute = (pos) => template.replace(/\$([$&`'])/g, (m, c) =>
        c === "$" ? "$" : c === "&" ? search : c === "`" ? str.slice(0, pos) : str.slice(pos + search.length));
      let out = "", end = 0;
      for (const p of positions) {
        out += str.slice(end, p) + (functional ? String(replaceValue(search, p, str)) : substitute(p));
        end = p + search.length;
      }
      return end < str.length ? out + str.slice(end) : out;
    });
  }
  if (!Object.hasOwn) {
    hide(Object, "hasOwn", function hasOwn(o, key) {
      if (o === null || o === undefined) throw new TypeError("Object.hasOwn: cannot convert undefined or null to object");
      return Object.prototype.hasOwnProperty.call(Object(o), key);
    });
  }
  if (!String.prototype.trimStart) hide(String.prototype, "trimStart", function () { return this.replace(/^\s+/, ""); });
  if (!String.prototype.trimEnd) hide(String.prototype, "trimEnd", function () { return this.replace(/\s+$/, ""); });

  // --- "did you mean" for misspelt members (same rule as the C++ side) ------------------
  function distance(a, b) {
    a = a.toLowerCase();
    b = b.toLowerCase();
    let prev = [];
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++)
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  }
  function closest(word, names) {
    const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
    let best = null, bestD = limit + 1;
    for (const n of names) {
      let d = distance(word, n);
      if (word.length >= 3 && n.length > word.length && distance(word, n.slice(0, word.length)) === 0) d = Math.min(d, limit);
      if (d < bestD) { bestD = d; best = n; }
    }
    return best;
  }

  // A prototype placed above a class's own prototype: only lookups of members the class does
  // not have reach it, so existing methods cost nothing extra.
  function missingMemberTrap(owner, kind, names, unsupported) {
    return new Proxy(Object.create(Object.prototype), {
      get(target, key, receiver) {
        if (typeof key === "symbol" || key in Object.prototype) return Reflect.get(Object.prototype, key, receiver);
        if (key === "then" || key === "toJSON" || key === "length" || key.startsWith("__")) return undefined;
        if (unsupported.indexOf(key) >= 0) throw new TypeError(owner + "." + key + "() is not supported by Partsmith yet");
        const guess = closest(key, names());
        throw new TypeError(owner + " has no " + kind + " '" + key + "'" + (guess ? " \u2014 did you mean '" + guess + "'?" : ""));
      },
    });
  }
  const memberNames = (proto) => Object.getOwnPropertyNames(proto).filter((n) => !n.startsWith("__") && n !== "constructor");

  // --- value formatting for console.log and toString ------------------------------------
  function fmtNumber(n) { return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6); }
  function inspect(v, depth) {
    if (v === undefined) return "undefined";
    if (v === null) return "null";
    if (typeof v === "string") return depth > 0 ? JSON.stringify(v) : v;
    if (typeof v === "number") return fmtNumber(v);
    if (typeof v === "function") return "[Function" + (v.name ? " " + v.name : "") + "]";
    if (typeof v !== "object") return String(v);
    if (v instanceof Error) return v.name + ": " + v.message;
    if (v.__kind) return String(v);
    if (depth > 3) return Array.isArray(v) ? "[...]" : "{...}";
    if (Array.isArray(v)) return "[" + v.map((x) => inspect(x, depth + 1)).join(", ") + "]";
    return "{" + Object.keys(v).map((k) => k + ": " + inspect(v[k], depth + 1)).join(", ") + "}";
  }

  // --- cq.Vector (pure JavaScript) -------------------------------------------------------
  function num(owner, name, v) {
    if (typeof v !== "number" || !isFinite(v))
      throw new TypeError(owner + ": " + name + " must be a finite number, got " + inspect(v, 1));
    return v;
  }
  function Vector(x, y, z) {
    if (!(this instanceof Vector)) return new Vector(x, y, z);
    if (x instanceof Vector) { y = x.y; z = x.z; x = x.x; }
    else if (Array.isArray(x)) {
      if (x.length < 2 || x.length > 3) throw new TypeError("Vector: expected [x, y] or [x, y, z], got an array of " + x.length + " items");
      z = x[2]; y = x[1]; x = x[0];
    }
    this.x = num("Vector", "x", x === undefined ? 0 : x);
    this.y = num("Vector", "y", y === undefined ? 0 : y);
    this.z = num("Vector", "z", z === undefined ? 0 : z);
  }
  const toVector = (v) => (v instanceof Vector ? v : new Vector(v));
  const VP = Vector.prototype;
  hide(VP, "__kind", "Vector");
  hide(VP, "add", function (v) { v = toVector(v); return new Vector(this.x + v.x, this.y + v.y, this.z + v.z); });
  hide(VP, "sub", function (v) { v = toVector(v); return new Vector(this.x - v.x, this.y - v.y, this.z - v.z); });
  hide(VP, "mul", function (s) { num("Vector.mul", "factor", s); return new Vector(this.x * s, this.y * s, this.z * s); });
  hide(VP, "multiply", VP.mul);
  hide(VP, "div", function (s) { num("Vector.div", "divisor", s); return new Vector(this.x / s, this.y / s, this.z / s); });
  hide(VP, "neg", function () { return new Vector(-this.x, -this.y, -this.z); });
  hide(VP, "dot", function (v) { v = toVector(v); return this.x * v.x + this.y * v.y + this.z * v.z; });
  hide(VP, "cross", function (v) {
    v = toVector(v);
    return new Vector(this.y * v.z - this.z * v.y, this.z * v.x - this.x * v.z, this.x * v.y - this.y * v.x);
  });
  hide(VP, "length", function () { return Math.sqrt(this.dot(this)); });
  Object.defineProperty(VP, "Length", { get() { return this.length(); }, enumerable: false });
  hide(VP, "normalized", function () {
    const l = this.length();
    if (l === 0) throw new TypeError("Vector.normalized: the zero vector has no direction");
    return this.mul(1 / l);
  });
  hide(VP, "getAngle", function (v) {
    v = toVector(v);
    return Math.acos(Math.max(-1, Math.min(1, this.dot(v) / (this.length() * v.length()))));
  });
  hide(VP, "Center", function () { return this; });
  hide(VP, "toTuple", function () { return [this.x, this.y, this.z]; });
  hide(VP, "toString", function () { return "Vector(" + fmtNumber(this.x) + ", " + fmtNumber(this.y) + ", " + fmtNumber(this.z) + ")"; });

  // --- native-backed classes ---------------------------------------------------------------
  function Workplane(inPlane, origin, obj) { return call("wpNew", [Array.prototype.slice.call(arguments)]); }
  function Shape() { throw new TypeError("cq.Shape cannot be made directly: use Workplane(...).val()"); }
  function Location() { return call("location", [Array.prototype.slice.call(arguments)]); }
  function Plane(origin, xDir, normal) { return call("plane", [Array.prototype.slice.call(arguments)]); }
  function Selector() { throw new TypeError("selector objects are made by cq.selectors functions"); }
  function Color() {
    const c = call("color", [Array.prototype.slice.call(arguments)]);
    const o = Object.create(Color.prototype);
    o.r = c.r; o.g = c.g; o.b = c.b; o.a = c.a;
    return o;
  }
  const WP = Workplane.prototype, SP = Shape.prototype, LP = Location.prototype, PP = Plane.prototype;
  const CP = Color.prototype, SelP = Selector.prototype;
  hide(WP, "__kind", "Workplane");
  hide(SP, "__kind", "Shape");
  hide(LP, "__kind", "Location");
  hide(PP, "__kind", "Plane");
  hide(CP, "__kind", "Color");
  hide(SelP, "__kind", "Selector");

  const names = call("setup", [{ Workplane: WP, Shape: SP, Location: LP, Vector: VP, Plane: PP, Selector: SelP }]);
  for (const name of names.workplane) {
    hide(WP, name, function () { return call("wp", [name, this, Array.prototype.slice.call(arguments)]); });
  }
  hide(WP, "export", function (fname) { call("export", [this, fname]); return this; });
  hide(WP, "toString", function () {
    const n = this.size();
    return "Workplane(" + n + (n === 1 ? " object)" : " objects)");
  });
  Object.setPrototypeOf(WP, missingMemberTrap("Workplane", "method", () => memberNames(WP), names.unsupported));

  const shapeMethods = ["Volume", "Area", "Length", "Center", "CenterOfBoundBox", "BoundingBox", "isValid", "ShapeType",
    "geomType", "isNull", "translate", "rotate", "moved", "located", "Solids", "Shells", "Faces", "Wires", "Edges", "Vertices"];
  for (const name of shapeMethods) {
    hide(SP, name, function () { return call("shape", [name, this, Array.prototype.slice.call(arguments)]); });
  }
  hide(SP, "toString", function () { return "Shape(" + this.ShapeType() + ")"; });
  Object.setPrototypeOf(SP, missingMemberTrap("Shape", "method", () => memberNames(SP), []));

  for (const name of ["inverse", "mul", "toTuple", "position"]) {
    hide(LP, name, function () { return call("locationOp", [name, this, Array.prototype.slice.call(arguments)]); });
  }
  hide(LP, "multiply", LP.mul);
  hide(LP, "toString", function () {
    const t = this.toTuple();
    return "Location(" + inspect(t[0], 1) + ", " + inspect(t[1], 1) + ")";
  });

  for (const name of ["toWorldCoords", "toLocalCoords", "rotated", "setOrigin2d"]) {
    hide(PP, name, function () { return call("planeOp", [name, this, Array.prototype.slice.call(arguments)]); });
  }
  hide(PP, "toString", function () { return "Plane(origin=" + this.origin + ", xDir=" + this.xDir + ", normal=" + this.zDir + ")"; });
  hide(Plane, "named", function (name, origin) { return call("planeNamed", [[name, origin]]); });
  for (const n of ["XY", "YZ", "ZX", "XZ", "YX", "ZY", "front", "back", "left", "right", "top", "bottom"]) {
    hide(Plane, n, function (origin) { return call("planeNamed", [[n, origin]]); });
  }

  hide(CP, "toTuple", function () { return [this.r, this.g, this.b, this.a]; });
  hide(CP, "toString", function () { return "Color(" + [this.r, this.g, this.b, this.a].map(fmtNumber).join(", ") + ")"; });

  // --- the cq namespace ------------------------------------------------------------------
  const exporters = {
    export: function (obj, fname) { call("export", [obj, fname]); },
  };
  const cqMembers = { Workplane: Workplane, Vector: Vector, Location: Location, Plane: Plane, Color: Color, Shape: Shape, exporters: exporters };
  // Names a CadQuery user may reach for that a later module (or release) provides.
  const unsupportedCq = ["Sketch", "Assembly", "Solid", "Wire", "Face", "Edge", "Compound", "Shell", "Vertex", "importers",
                         "selectors", "occ_impl", "Constraint"];
  const cqTrap = missingMemberTrap("cq", "member", () => Object.keys(cqMembers), unsupportedCq);
  const cq = Object.create(cqTrap);
  const addCqMember = (name, value) => {
    cqMembers[name] = value;
    Object.defineProperty(cq, name, { value: value, enumerable: true, configurable: true });
    const i = unsupportedCq.indexOf(name);
    if (i >= 0) unsupportedCq.splice(i, 1);
  };
  for (const k of Object.keys(cqMembers)) addCqMember(k, cqMembers[k]);
  const parts = {};

  function show(obj, name, options) { call("show", [obj, name, options]); }

  const console = {};
  for (const level of ["log", "info", "debug", "warn", "error"]) {
    console[level] = function () {
      call("log", [level, Array.prototype.map.call(arguments, (a) => inspect(a, 0)).join(" ")]);
    };
  }

  // Nothing from the host beyond this API.
  for (const n of ["Qt", "XMLHttpRequest", "require", "print", "gc", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "QT_TRID_NOOP",
                   "qsTr", "qsTranslate", "qsTrId", "importScripts", "fetch"]) {
    if (n in global) delete global[n];
  }
  const define = (name, value) => Object.defineProperty(global, name, { value: value, writable: true, configurable: true, enumerable: false });
  if (!("globalThis" in global)) define("globalThis", global);
  define("cq", cq);
  define("show", show);
  define("show_object", show);
  define("console", console);
  define("parts", parts);

  // What the other prelude modules (prelude_*.js, parts_*.js) receive as their third argument.
  return { call: call, hide: hide, missingMemberTrap: missingMemberTrap, memberNames: memberNames, closest: closest,
           cq: cq, addCqMember: addCqMember, parts: parts, global: global };
})
