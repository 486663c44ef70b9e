// parts.boards: footprints of common boards as data (outline, mounting holes, edge connectors)
// and helpers that place standoffs and connector cut-outs. Coordinates are millimetres in the
// board's frame: origin at the lower-left corner of the outline, +X along the long edge, +Y
// across, board top face at z = 0 unless moved. Connector `side` is the edge it faces
// ("bottom" y = 0, "top" y = height, "left" x = 0, "right" x = width); `position` is its centre
// along that edge; `width` x `height` its opening (approximate connector envelope, not from the
// drawings: add clearance).
(function (native, global, api) {
  "use strict";
  const K = () => api.partsKit;

  const boards = {
    // Raspberry Pi 4 Model B mechanical drawing (Raspberry Pi Ltd, "Raspberry Pi 4 Model B
    // mechanical drawing", 2019): 85 x 56, four M2.5 holes (2.7 mm) 3.5 mm in from the left
    // edge and 58 x 49 apart; USB-C at 3.5 + 7.7, micro HDMI at 26.0 and 39.5 and the A/V jack at
    // 54.0 along the bottom edge; USB 2.0 at 9.0, USB 3.0 at 27.0 and Ethernet at 45.75 up the
    // right edge; the 40-pin header centred 29.0 right of the hole line, on the top hole row.
    rpi4b: {
      name: "Raspberry Pi 4 Model B", width: 85, height: 56, screw: "M2.5", holeDiameter: 2.7,
      holes: [[3.5, 3.5], [61.5, 3.5], [3.5, 52.5], [61.5, 52.5]],
      connectors: [
        { name: "usbc", side: "bottom", position: 11.2, width: 9.0, height: 3.3 },
        { name: "hdmi0", side: "bottom", position: 26.0, width: 7.0, height: 3.0 },
        { name: "hdmi1", side: "bottom", position: 39.5, width: 7.0, height: 3.0 },
        { name: "audio", side: "bottom", position: 54.0, width: 6.0, height: 6.0 },
        { name: "usb2", side: "right", position: 9.0, width: 13.5, height: 16.0 },
        { name: "usb3", side: "right", position: 27.0, width: 13.5, height: 16.0 },
        { name: "ethernet", side: "right", position: 45.75, width: 16.0, height: 13.5 },
      ],
      headers: [{ name: "gpio", x: 32.5, y: 52.5, pins: 40, rows: 2, pitch: 2.54, length: 50.8, depth: 5.08 }],
      source: "Raspberry Pi 4 Model B mechanical drawing (Raspberry Pi Ltd)",
    },
    // Raspberry Pi Zero 2 W mechanical drawing (Raspberry Pi Ltd, 2021): 65 x 30, four M2.5
    // holes (2.7 mm) 3.5 mm in, 58 x 23 apart; mini HDMI at 12.4, USB (data) at 41.4, USB
    // power at 54.0 along the bottom edge; 40-pin header centred at x 32.5 on the top hole row.
    rpizero2w: {
      name: "Raspberry Pi Zero 2 W", width: 65, height: 30, screw: "M2.5", holeDiameter: 2.7,
      holes: [[3.5, 3.5], [61.5, 3.5], [3.5, 26.5], [61.5, 26.5]],
      connectors: [
        { name: "minihdmi", side: "bottom", position: 12.4, width: 11.5, height: 3.6 },
        { name: "usb", side: "bottom", position: 41.4, width: 8.0, height: 3.0 },
        { name: "power", side: "bottom", position: 54.0, width: 8.0, height: 3.0 },
      ],
      headers: [{ name: "gpio", x: 32.5, y: 26.5, pins: 40, rows: 2, pitch: 2.54, length: 50.8, depth: 5.08 }],
      source: "Raspberry Pi Zero 2 W mechanical drawing (Raspberry Pi Ltd)",
    },
    // Arduino UNO R3 reference design (Arduino, Eagle board file; the 2.7 x 2.1 inch outline):
    // 68.58 x 53.34 with four 3.2 mm holes at (0.55, 0.1), (0.6, 2.0), (2.6, 0.3), (2.6, 1.4)
    // inches. USB-B and the DC jack face the left edge.
    arduinouno: {
      name: "Arduino UNO R3", width: 68.58, height: 53.34, screw: "M3", holeDiameter: 3.2,
      holes: [[13.97, 2.54], [15.24, 50.8], [66.04, 7.62], [66.04, 35.56]],
      connectors: [
        { name: "usbb", side: "left", position: 38.1, width: 12.0, height: 11.0 },
        { name: "dcjack", side: "left", position: 7.62, width: 9.0, height: 11.0 },
      ],
      headers: [],
      source: "Arduino UNO R3 reference design (Eagle board file), hole centres in inches x 25.4",
    },
    // ESP32-DevKitC V4 (Espressif): no mounting holes; it is held by its two 19-pin headers
    // (2.54 mm pitch, rows 25.4 mm apart). The outline 27.9 x 56.63 mm is the one Wokwi's board
    // definition traces from Espressif's board image (Espressif's guide gives no dimensioned
    // drawing); the micro-USB port faces the bottom edge (y = 0).
    esp32devkitc: {
      name: "ESP32-DevKitC V4", width: 27.9, height: 56.63, screw: null, holeDiameter: 0,
      holes: [],
      connectors: [{ name: "microusb", side: "bottom", position: 13.95, width: 8.0, height: 3.0 }],
      headers: [
        { name: "J2", x: 1.22, y: 30.48, pins: 19, rows: 1, pitch: 2.54, length: 48.26, depth: 2.54 },
        { name: "J3", x: 26.66, y: 30.48, pins: 19, rows: 1, pitch: 2.54, length: 48.26, depth: 2.54 },
      ],
      source: "Espressif ESP32-DevKitC V4 getting-started guide (no mounting holes); outline from Wokwi's esp32-devkit-c-v4 board.json",
    },
  };
  const aliases = { "raspberry pi 4": "rpi4b", "rpi4": "rpi4b", "pi4": "rpi4b", "raspberry pi zero 2 w": "rpizero2w",
                    "pizero2w": "rpizero2w", "arduino uno": "arduinouno", "uno": "arduinouno", "esp32-devkitc": "esp32devkitc" };

  function copy(v) { return JSON.parse(JSON.stringify(v)); }

  function board(name) {
    const fn = "parts.boards.get";
    const kit = K();
    if (name && typeof name === "object" && Array.isArray(name.holes)) return name;
    const key = typeof name === "string" ? name.toLowerCase().replace(/[\s_]+/g, " ").trim() : "";
    const id = boards[key.replace(/[\s-]/g, "")] ? key.replace(/[\s-]/g, "") : aliases[key];
    if (!id) kit.fail(fn, "unknown board " + kit.fmt(name) + " \u2014 known boards: " + Object.keys(boards).join(", "));
    const b = copy(boards[id]);
    b.id = id;
    return b;
  }

  // Standoffs under the mounting holes: cylinders from z = -height to 0 (the board's underside)
  // with a hole for the board's screw: "tap" (tap drill), "insert" (heat-set pocket), "clearance"
  // or "none".
  function standoffs(name, opts) {
    const fn = "parts.boards.standoffs";
    const kit = K();
    const b = board(name);
    const o = kit.options(fn, opts, { height: 5, diameter: undefined, hole: "tap" });
    kit.number(fn, "height", o.height, { positive: true });
    kit.oneOf(fn, "hole", o.hole, ["tap", "insert", "clearance", "none"]);
    if (b.holes.length === 0)
      kit.fail(fn, b.name + " has no mounting holes", "hold it by its pin headers or with a clamp, e.g. a slot of the board's outline");
    let bore = 0, depth = o.height;
    if (o.hole === "tap") bore = api.parts.holes.tapDrill(b.screw);
    else if (o.hole === "clearance") bore = api.parts.holes.clearance(b.screw);
    else if (o.hole === "insert") { const ins = api.parts.holes.insert(b.screw); bore = ins.diameter; depth = Math.min(ins.depth, o.height); }
    const dia = o.diameter === undefined ? Math.max(2 * b.holeDiameter, bore + 2.4) : kit.number(fn, "diameter", o.diameter, { positive: true });
    if (bore > 0 && dia <= bore + 0.8) kit.fail(fn, "diameter " + dia + " leaves walls thinner than 0.4 mm around the " + bore + " mm hole");
    let posts = api.cq.Workplane("XY").workplane({ offset: -o.height }).pushPoints(b.holes).circle(dia / 2).extrude(o.height);
    if (bore > 0) posts = posts.faces(">Z").workplane().pushPoints(b.holes.map(([x, y]) => [x, y])).hole(bore, depth);
    return posts;
  }

  function holePoints(name) { return board(name).holes.map((p) => [p[0], p[1]]); }

  // One box per edge connector, through a wall: `clearance` added all round, `depth` outward
  // beyond the board edge and `inset` inward over the board; the opening spans z = 0..height
  // above the board top (raise it with `z`).
  function cutouts(name, opts) {
    const fn = "parts.boards.cutouts";
    const kit = K();
    const b = board(name);
    const o = kit.options(fn, opts, { clearance: 0.5, depth: 10, inset: 2, z: 0, only: undefined });
    kit.number(fn, "clearance", o.clearance, { min: 0 });
    kit.number(fn, "depth", o.depth, { positive: true });
    kit.number(fn, "inset", o.inset, { min: 0 });
    kit.number(fn, "z", o.z);
    let list = b.connectors;
    if (o.only !== undefined) {
      const wanted = Array.isArray(o.only) ? o.only : [o.only];
      for (const w of wanted)
        if (!list.some((c) => c.name === w)) kit.fail(fn, "unknown connector " + kit.fmt(w) + " \u2014 " + b.name + " has: " + list.map((c) => c.name).join(", "));
      list = list.filter((c) => wanted.indexOf(c.name) >= 0);
    }
    if (list.length === 0) kit.fail(fn, b.name + " has no edge connectors to cut out");
    let out = null;
    for (const c of list) {
      const w = c.width + 2 * o.clearance, h = c.height + 2 * o.clearance, l = o.depth + o.inset;
      let x, y, sx, sy;
      if (c.side === "bottom") { x = c.position; y = o.inset - l / 2; sx = w; sy = l; }
      else if (c.side === "top") { x = c.position; y = b.height - o.inset + l / 2; sx = w; sy = l; }
      else if (c.side === "left") { x = o.inset - l / 2; y = c.position; sx = l; sy = w; }
      else { x = b.width - o.inset + l / 2; y = c.position; sx = l; sy = w; }
      const box = api.cq.Workplane("XY").box(sx, sy, h, { centered: [true, true, false] })
        .translate([x, y, o.z - o.clearance]);
      out = out === null ? box : out.union(box);
    }
    return out;
  }

  // The board itself as a plate (outline with its holes, `thickness` below z = 0), for fit checks.
  function outline(name, opts) {
    const fn = "parts.boards.outline";
    const kit = K();
    const b = board(name);
    const o = kit.options(fn, opts, { thickness: 1.6 });
    kit.number(fn, "thickness", o.thickness, { positive: true });
    let plate = api.cq.Workplane("XY").box(b.width, b.height, o.thickness, { centered: false }).translate([0, 0, -o.thickness]);
    if (b.holes.length) plate = plate.faces(">Z").workplane({ origin: [0, 0, 0] }).pushPoints(b.holes).hole(b.holeDiameter);
    return plate;
  }

  api.parts.boards = { get: board, list: () => Object.keys(boards), holePoints: holePoints, standoffs: standoffs,
                       cutouts: cutouts, outline: outline };
})
