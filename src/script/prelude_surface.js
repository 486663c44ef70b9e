// The rest of CadQuery's surface: Workplane extras (text, offset2D, mirrorX/Y, bezier,
// ellipseArc, parametricCurve, section, ancestors, siblings, consolidateWires and the
// functional sort/filter/map/apply/invoke), the Shape API with cq.Solid/Wire/Edge/Face/
// Compound/Vertex constructors, cq.selectors, and cq.Assembly. Natives: "surface" with a key
// "<Owner>.<name>" (surface_binding.cpp).
(function (native, global, api) {
  "use strict";
  const call = api.call, hide = api.hide, cq = api.cq;
  const slice = (args) => Array.prototype.slice.call(args);
  const S = (key, self, args) => call("surface", [key, self === undefined ? null : self, args]);
  const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !v.__kind;
  const describe = (v) => (v === null ? "null" : Array.isArray(v) ? "an array" : v && v.__kind ? "a " + v.__kind : typeof v);

  // --- Workplane --------------------------------------------------------------------------
  const WP = cq.Workplane.prototype;
  for (const name of ["text", "offset2D", "mirrorX", "mirrorY", "consolidateWires", "bezier", "ellipseArc",
                      "parametricCurve", "section", "ancestors", "siblings"]) {
    hide(WP, name, function () { return S("Workplane." + name, this, slice(arguments)); });
  }

  const requireFunction = (op, f) => {
    if (typeof f !== "function") throw new TypeError(op + ": expected a function, got " + describe(f));
  };
  // Python's sorted(): numbers, strings, and arrays compared element by element (tuples).
  function compareKeys(a, b) {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = compareKeys(a[i], b[i]);
        if (c !== 0) return c;
      }
      return a.length - b.length;
    }
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
    throw new TypeError("sort: the key function must return numbers, strings or arrays of them, got " +
                        describe(a) + " and " + describe(b));
  }
  hide(WP, "filter", function (f) {
    requireFunction("filter", f);
    return this.newObject(this.vals().filter((item) => f(item)));
  });
  hide(WP, "map", function (f) {
    requireFunction("map", f);
    return this.newObject(this.vals().map((item) => f(item)));
  });
  hide(WP, "apply", function (f) {
    requireFunction("apply", f);
    const r = f(this.vals());
    if (r === undefined || r === null || typeof r[Symbol.iterator] !== "function")
      throw new TypeError("apply: the function must return an array of objects, got " + describe(r));
    return this.newObject(Array.from(r));
  });
  hide(WP, "sort", function (key) {
    requireFunction("sort", key);
    const keyed = this.vals().map((item, i) => ({ item: item, key: key(item), i: i }));
    keyed.sort((a, b) => compareKeys(a.key, b.key) || a.i - b.i);
    return this.newObject(keyed.map((k) => k.item));
  });
  hide(WP, "invoke", function (f) {
    requireFunction("invoke", f);
    if (f.length === 0) { f(); return this; }
    if (f.length > 1) throw new TypeError("invoke: the function takes " + f.length + " arguments; it must take 0 or 1");
    const r = f(this);
    return r === undefined || r === null ? this : r;
  });

  // --- Shape ------------------------------------------------------------------------------
  const SP = cq.Shape.prototype;
  for (const name of ["mirror", "scale", "copy"]) {
    hide(SP, name, function () { return S("Shape." + name, this, slice(arguments)); });
  }
  // fuse(*shapes, {glue, tol}), cut(*shapes, {tol}), intersect(*shapes, {tol}).
  for (const name of ["fuse", "cut", "intersect"]) {
    hide(SP, name, function () {
      const args = slice(arguments);
      const options = args.length > 0 && isPlainObject(args[args.length - 1]) ? [args.pop()] : [];
      const shapes = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
      if (shapes.length === 0) throw new TypeError(name + ": expected at least one Shape");
      return S("Shape." + name, this, [shapes].concat(options));
    });
  }

  // CadQuery's queries on edges/wires, faces and vertices, and sub-shape selection on a Shape.
  for (const name of ["startPoint", "endPoint", "positionAt", "tangentAt", "radius", "normalAt", "toTuple", "isSame",
                      "isInside", "solids", "shells", "faces", "wires", "edges", "vertices", "IsClosed", "Closed",
                      "isEqual", "distance", "location", "clean", "fix", "arcCenter", "outerWire", "innerWires"]) {
    hide(SP, name, function () { return S("Shape." + name, this, slice(arguments)); });
  }
  // BoundBox.isInside(b2): b2 lies strictly inside this box (CadQuery compares every bound with < / >).
  const boundingBox = SP.BoundingBox;
  const boxKeys = ["xmin", "ymin", "zmin", "xmax", "ymax", "zmax"];
  hide(SP, "BoundingBox", function () {
    const box = boundingBox.apply(this, arguments);
    hide(box, "isInside", function (b2) {
      if (b2 === null || typeof b2 !== "object" || !boxKeys.every((k) => typeof b2[k] === "number"))
        throw new TypeError("isInside: expected a bounding box (from shape.BoundingBox()), got " + describe(b2));
      return b2.xmin > box.xmin && b2.ymin > box.ymin && b2.zmin > box.zmin &&
             b2.xmax < box.xmax && b2.ymax < box.ymax && b2.zmax < box.zmax;
    });
    return box;
  });
  // Vertex.X / .Y / .Z are attributes in CadQuery, so properties here.
  for (const name of ["X", "Y", "Z"]) {
    Object.defineProperty(SP, name, { get() { return S("Shape." + name, this, []); }, enumerable: false, configurable: true });
  }
  // Workplane.plane is an attribute in CadQuery: read it as wp.plane (no parentheses).
  Object.defineProperty(WP, "plane", { get() { return S("Workplane.plane", this, []); }, enumerable: false, configurable: true });

  const classes = {
    Solid: ["makeBox", "makeCylinder", "makeCone", "makeSphere", "makeTorus", "extrudeLinear"],
    Wire: ["makeHelix", "makePolygon", "makeCircle", "assembleEdges"],
    Edge: ["makeLine", "makeCircle"],
    Face: ["makeFromWires"],
    Compound: ["makeCompound"],
    Vertex: ["makeVertex"],
  };
  for (const cls of Object.keys(classes)) {
    const members = {};
    for (const m of classes[cls]) members[m] = function () { return S(cls + "." + m, null, slice(arguments)); };
    const holder = Object.create(api.missingMemberTrap("cq." + cls, "method", () => Object.keys(members), []));
    for (const m of Object.keys(members)) Object.defineProperty(holder, m, { value: members[m], enumerable: true });
    api.addCqMember(cls, holder);
  }

  // --- selectors ----------------------------------------------------------------------------
  const selectors = {};
  for (const name of S("selectors.classNames", null, [])) {
    selectors[name] = function () { return S("selectors." + name, null, slice(arguments)); };
  }
  const SelP = Object.getPrototypeOf(selectors.TypeSelector("PLANE"));
  for (const name of ["and", "or", "sub"]) {
    hide(SelP, name, function (other) { return S("selectors." + name, this, [other]); });
  }
  hide(SelP, "not", function () { return S("selectors.not", this, []); });
  // Python spellings: a + b (union), -a (inverse).
  hide(SelP, "add", SelP.or);
  hide(SelP, "neg", SelP.not);
  hide(SelP, "toString", function () { return "Selector(" + S("selectors.describe", this, []) + ")"; });
  const selectorsNs = Object.create(api.missingMemberTrap("cq.selectors", "member", () => Object.keys(selectors), []));
  for (const name of Object.keys(selectors)) {
    Object.defineProperty(selectorsNs, name, { value: selectors[name], enumerable: true });
  }
  api.addCqMember("selectors", selectorsNs);
  // cadquery exports the common selector classes at top level too (cq.NearestToPointSelector).
  for (const name of Object.keys(selectors)) api.addCqMember(name, selectors[name]);

  // --- Assembly -----------------------------------------------------------------------------
  function Assembly(obj, loc, name, color) {
    const o = Object.create(Assembly.prototype);
    hide(o, "__ref", S("Assembly.new", null, slice(arguments)));
    return o;
  }
  const AP = Assembly.prototype;
  hide(AP, "__kind", "Assembly");
  hide(AP, "add", function () { S("Assembly.add", this, slice(arguments)); return this; });
  for (const name of ["constrain", "solve"]) {
    hide(AP, name, function () { return S("Assembly." + name, this, [slice(arguments)]); });
  }
  hide(AP, "remove", function (name) { S("Assembly.remove", this, slice(arguments)); return this; });
  hide(AP, "toCompound", function () { return S("Assembly.toCompound", this, slice(arguments)); });
  for (const name of ["name", "loc", "color"]) {
    Object.defineProperty(AP, name, { get() { return S("Assembly." + name, this, []); }, enumerable: false });
  }
  Object.defineProperty(AP, "childNames", { get() { return S("Assembly.childNames", this, []); }, enumerable: false });
  const wrapAssembly = (ref) => { const o = Object.create(Assembly.prototype); hide(o, "__ref", ref); return o; };
  Object.defineProperty(AP, "children", { get() { return S("Assembly.children", this, []).map(wrapAssembly); }, enumerable: false });
  Object.defineProperty(AP, "objects", {
    get() {
      const refs = S("Assembly.objects", this, []), out = {};
      for (const name of Object.keys(refs)) out[name] = wrapAssembly(refs[name]);
      return out;
    },
    enumerable: false,
  });
  Object.defineProperty(AP, "partNames", { get() { return S("Assembly.partNames", this, []); }, enumerable: false });
  // save()/export() write files in CadQuery; here they are noted like cq.exporters.export.
  for (const name of ["save", "export"]) {
    hide(AP, name, function (path) { call("export", [this, String(path)]); return this; });
  }
  hide(AP, "toString", function () { return "Assembly(" + this.name + ")"; });
  Object.setPrototypeOf(AP, api.missingMemberTrap("Assembly", "method", () => api.memberNames(AP), ["addSubshape"]));
  api.addCqMember("Assembly", Assembly);
})
