// parts.threads: ISO metric threads (coarse pitch, ISO 261/262) with the ISO 68-1 basic
// profile, as helical solids along +Z from the XY plane. Right-hand, single start.
//
// ISO 68-1 basic profile: H = (sqrt 3 / 2) P; major diameter d; minor diameter
// D1 = d - 2 (5/8) H = d - 1.082532 P; pitch diameter d2 = d - 0.649519 P; the crest flat at d is
// P/8 wide and the root flat at D1 is P/4 wide; flanks at 60 degrees.
//
// How it is built: a thread is invariant under the screw motion (turn theta, rise P theta/2pi),
// so its cross-section perpendicular to the axis is a closed curve r(theta) (Archimedean spirals
// for the flanks, circle arcs for the flats), and twisting that section by 360 degrees per pitch
// along the axis (twistExtrude) sweeps the exact helicoidal flanks.
(function (native, global, api) {
  "use strict";
  const K = () => api.partsKit;
  const SQRT3_2 = Math.sqrt(3) / 2;

  function spec(size) {
    const kit = K();
    const key = kit.size("parts.threads.spec", size, kit.coarsePitch);
    const d = Number(key.slice(1)), P = kit.coarsePitch[key];
    const H = SQRT3_2 * P;
    return { size: key, d: d, pitch: P, H: kit.round(H), pitchDiameter: kit.round(d - 0.75 * H),
             minorDiameter: kit.round(d - 1.25 * H), tapDrill: kit.round(d - P, 4) };
  }

  // The cross-section of the basic profile moved radially by `offset` (+ outward), at z = 0.
  function section(d, P, offset) {
    const polar = K().polar;
    const H = SQRT3_2 * P;
    const rMaj = d / 2 + offset, rMin = d / 2 - 5 * H / 8 + offset;
    // Going counter-clockwise, theta = 2 pi u means the profile at axial -P u: root flat (P/4),
    // the flank from root to crest, crest flat (P/8), the flank from crest to root.
    const deg = Math.PI / 180;
    const seg = [
      { kind: "arc", r: rMin, a0: -45 * deg, a1: 45 * deg },
      { kind: "spiral", r0: rMin, r1: rMaj, a0: 45 * deg, a1: 157.5 * deg },
      { kind: "arc", r: rMaj, a0: 157.5 * deg, a1: 202.5 * deg },
      { kind: "spiral", r0: rMaj, r1: rMin, a0: 202.5 * deg, a1: 315 * deg },
    ];
    const start = polar(rMin, -45 * deg);
    let w = api.cq.Workplane("XY").moveTo(start[0], start[1]);
    for (const s of seg) {
      if (s.kind === "arc") {
        w = w.threePointArc(polar(s.r, (s.a0 + s.a1) / 2), polar(s.r, s.a1));
      } else {
        const pts = [];
        const n = 10;
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          pts.push(polar(s.r0 + (s.r1 - s.r0) * t, s.a0 + (s.a1 - s.a0) * t));
        }
        w = w.spline(pts, { includeCurrent: true });
      }
    }
    return w.close();
  }

  function threadSolid(fn, size, length, opts, sign) {
    const kit = K();
    const key = kit.size(fn, size, kit.coarsePitch);
    kit.number(fn, "length", length, { positive: true });
    const o = kit.options(fn, opts, { clearance: 0 });
    kit.number(fn, "clearance", o.clearance, { min: 0, max: 1 });
    const P = kit.coarsePitch[key], d = Number(key.slice(1));
    const turns = length / P;
    if (turns > 60)
      kit.fail(fn, "a " + key + " thread " + length + " mm long has " + Math.round(turns) + " turns; at most 60 are built",
               "model only the length that matters for fit, or use a plain cylinder of the major diameter");
    return section(d, P, sign * o.clearance).twistExtrude(length, 360 * turns);
  }

  // External thread (a threaded rod): the basic profile shrunk radially by `clearance` (for
  // printing, 0.1-0.2 mm), so its major diameter is d - 2 clearance.
  function external(size, length, opts) {
    return threadSolid("parts.threads.external", size, length, opts, -1);
  }

  // Internal thread cutter (the tap): the basic profile grown radially by `clearance`; cut it
  // out of a part to make a threaded hole.
  function internal(size, length, opts) {
    return threadSolid("parts.threads.internal", size, length, opts, +1);
  }

  api.parts.threads = { spec: spec, external: external, internal: internal,
                        pitch: (size) => spec(size).pitch, sizes: () => Object.keys(api.partsKit.coarsePitch) };
})
