// cq.Sketch, Workplane.sketch() and Workplane.placeSketch(...). The methods run natively
// (sketch_binding.cpp); a Sketch is mutable, so chained calls keep returning the same object.
(function (native, global, api) {
  "use strict";
  const call = api.call, hide = api.hide;

  function Sketch(parent, locs, obj) { return call("sketchNew", [Array.prototype.slice.call(arguments)]); }
  const SkP = Sketch.prototype;
  hide(SkP, "__kind", "Sketch");

  const names = call("sketchSetup", [SkP]);
  for (const name of names) {
    if (name === "select" || name.startsWith("__")) continue;
    hide(SkP, name, function () { return call("sketch", [name, this, Array.prototype.slice.call(arguments)]); });
  }
  // select(...tags): variadic in CadQuery.
  hide(SkP, "select", function () { return call("sketch", ["select", this, [Array.prototype.slice.call(arguments)]]); });
  // invoke(f): f() or f(sketch); a returned value replaces the sketch in the chain.
  hide(SkP, "invoke", function (f) {
    if (typeof f !== "function") throw new TypeError("invoke: expected a function, got " + typeof f);
    if (f.length === 0) { f(); return this; }
    if (f.length > 1) throw new TypeError("invoke: the function takes " + f.length + " arguments; it must take 0 or 1");
    const r = f(this);
    return r === undefined || r === null ? this : r;
  });
  // Selection helpers over vals(): the result becomes the selection, as in CadQuery.
  const setSel = (sk, items) => call("sketch", ["__select", sk, [items]]);
  const fn = (name, f) => {
    if (typeof f !== "function") throw new TypeError(name + ": expected a function, got " + typeof f);
    return f;
  };
  hide(SkP, "filter", function (f) { return setSel(this, this.vals().filter(fn("filter", f))); });
  hide(SkP, "map", function (f) { return setSel(this, this.vals().map((x) => fn("map", f)(x))); });
  hide(SkP, "apply", function (f) { return setSel(this, Array.from(fn("apply", f)(this.vals()))); });
  hide(SkP, "sort", function (key) {
    fn("sort", key);
    const keyed = this.vals().map((v) => [key(v), v]);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return setSel(this, keyed.map((p) => p[1]));
  });
  hide(SkP, "item", function (i) {
    const vals = this.vals();
    const list = Array.isArray(i) ? i : [i];
    return setSel(this, list.map((k) => {
      if (typeof k !== "number" || !Number.isInteger(k)) throw new TypeError("item: index must be a whole number, got " + k);
      const j = k < 0 ? vals.length + k : k;
      if (j < 0 || j >= vals.length) throw new RangeError("item: index " + k + " is out of range (" + vals.length + " items)");
      return vals[j];
    }));
  });
  hide(SkP, "toString", function () { return "Sketch"; });
  Object.setPrototypeOf(SkP, api.missingMemberTrap("Sketch", "method", () => api.memberNames(SkP),
    ["importDXF", "export", "each"]));

  const WP = api.cq.Workplane.prototype;
  hide(WP, "sketch", function () {
    if (arguments.length > 0) throw new TypeError("sketch: takes no arguments, got " + arguments.length);
    return call("sketchOn", [this]);
  });
  hide(WP, "placeSketch", function () { return call("sketchPlace", [this, Array.prototype.slice.call(arguments)]); });

  api.addCqMember("Sketch", Sketch);
})
