// parts.fasteners: thread-less models of standard fasteners for fit checks and assemblies:
// ISO 4762 socket head cap screw, ISO 4032 hex nut, ISO 7089 washer. The dimensions come from
// the tables in parts_holes.js (api.partsIso), which cite the standards.
(function (native, global, api) {
  "use strict";
  const K = () => api.partsKit;
  const cq = () => api.cq;

  // Head on top of the XY plane (z 0..k), shank below it (z -length..0), as a screw sits in a
  // counterbore whose floor is the XY plane. The shank diameter is the nominal d.
  function socketHeadCapScrew(size, length, opts) {
    const fn = "parts.fasteners.socketHeadCapScrew";
    const kit = K();
    const key = kit.size(fn, size, api.partsIso.iso4762);
    kit.number(fn, "length", length, { positive: true });
    kit.options(fn, opts, {});
    const h = api.partsIso.iso4762[key];
    const d = Number(key.slice(1));
    const head = cq().Workplane("XY").circle(h.dk / 2).extrude(h.k);
    const socket = cq().Workplane("XY").workplane({ offset: h.k }).polygon(6, h.s / Math.cos(Math.PI / 6)).extrude(-h.t, { combine: false });
    const shank = cq().Workplane("XY").circle(d / 2).extrude(-length);
    return head.cut(socket).union(shank);
  }

  // A hexagonal prism (flats parallel to X, z 0..m) with a hole of the nominal diameter d.
  function hexNut(size, opts) {
    const fn = "parts.fasteners.hexNut";
    const kit = K();
    const key = kit.size(fn, size, api.partsIso.iso4032);
    kit.options(fn, opts, {});
    const n = api.partsIso.iso4032[key];
    const d = Number(key.slice(1));
    return cq().Workplane("XY").polygon(6, n.s / Math.cos(Math.PI / 6))
      .circle(d / 2).extrude(n.m);
  }

  function washer(size, opts) {
    const fn = "parts.fasteners.washer";
    const kit = K();
    const key = kit.size(fn, size, api.partsIso.iso7089);
    kit.options(fn, opts, {});
    const w = api.partsIso.iso7089[key];
    return cq().Workplane("XY").circle(w.d2 / 2).circle(w.d1 / 2).extrude(w.h);
  }

  function screwSpec(size) {
    const kit = K();
    const key = kit.size("parts.fasteners.screwSpec", size, api.partsIso.iso4762);
    const h = api.partsIso.iso4762[key];
    return { d: Number(key.slice(1)), pitch: kit.coarsePitch[key], headDiameter: h.dk, headHeight: h.k, socket: h.s, socketDepth: h.t };
  }
  function nutSpec(size) {
    const kit = K();
    const key = kit.size("parts.fasteners.nutSpec", size, api.partsIso.iso4032);
    const n = api.partsIso.iso4032[key];
    return { d: Number(key.slice(1)), acrossFlats: n.s, acrossCorners: n.e, height: n.m };
  }

  api.parts.fasteners = { socketHeadCapScrew: socketHeadCapScrew, hexNut: hexNut, washer: washer,
                          screwSpec: screwSpec, nutSpec: nutSpec };
})
