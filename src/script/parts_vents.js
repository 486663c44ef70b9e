// parts.vents: ventilation patterns as cutter solids. Every pattern fills a width x height area
// centred on the origin of the XY plane and spans z = 0..depth; cut it from a wall after moving
// it there (body.cut(parts.vents.slots({...}).translate([x, y, z]))). Openings stay whole
// inside the area; leftover space is shared evenly at the borders.
(function (native, global, api) {
  "use strict";
  const K = () => api.partsKit;

  function area(fn, o) {
    const kit = K();
    kit.number(fn, "width", o.width, { positive: true });
    kit.number(fn, "height", o.height, { positive: true });
    kit.number(fn, "depth", o.depth, { positive: true });
  }
  function required(fn, o, names, example) {
    for (const n of names) if (o[n] === undefined) K().fail(fn, "the option '" + n + "' is required", "e.g. " + example);
  }

  // Parallel slots with round ends: slotWidth wide, gap between slots; slots run along Y
  // (orientation "vertical", default) or X ("horizontal") and use the area's full extent.
  function slots(opts) {
    const fn = "parts.vents.slots";
    const kit = K();
    const o = kit.options(fn, opts, { width: undefined, height: undefined, depth: undefined, slotWidth: 2, gap: 2, orientation: "vertical" });
    required(fn, o, ["width", "height", "depth"], "parts.vents.slots({width: 40, height: 20, depth: 3})");
    area(fn, o);
    kit.number(fn, "slotWidth", o.slotWidth, { positive: true });
    kit.number(fn, "gap", o.gap, { positive: true });
    kit.oneOf(fn, "orientation", o.orientation, ["vertical", "horizontal"]);
    const vertical = o.orientation === "vertical";
    const across = vertical ? o.width : o.height, along = vertical ? o.height : o.width;
    if (along <= o.slotWidth) kit.fail(fn, "the area is too short for slots " + o.slotWidth + " mm wide");
    const count = Math.floor((across + o.gap) / (o.slotWidth + o.gap));
    if (count < 1) kit.fail(fn, "no slot " + o.slotWidth + " mm wide fits in " + across + " mm", "reduce slotWidth or gap");
    const pts = [];
    const span = count * o.slotWidth + (count - 1) * o.gap;
    for (let i = 0; i < count; i++) {
      const c = -span / 2 + o.slotWidth / 2 + i * (o.slotWidth + o.gap);
      pts.push(vertical ? [c, 0] : [0, c]);
    }
    return api.cq.Workplane("XY").pushPoints(pts).slot2D(along, o.slotWidth, vertical ? 90 : 0).extrude(o.depth);
  }

  // A honeycomb of hexagonal holes, `cell` across flats, `wall` thick webs between them; flats
  // parallel to X, columns offset by half a cell.
  function hexGrid(opts) {
    const fn = "parts.vents.hexGrid";
    const kit = K();
    const o = kit.options(fn, opts, { width: undefined, height: undefined, depth: undefined, cell: 5, wall: 1.2 });
    required(fn, o, ["width", "height", "depth"], "parts.vents.hexGrid({width: 40, height: 20, depth: 3})");
    area(fn, o);
    kit.number(fn, "cell", o.cell, { positive: true });
    kit.number(fn, "wall", o.wall, { positive: true });
    const f = o.cell, corners = f / Math.cos(Math.PI / 6);
    const pitch = f + o.wall, dx = pitch * Math.cos(Math.PI / 6);
    const cols = Math.floor((o.width - corners) / dx) + 1;
    if (o.width < corners || o.height < f || cols < 1) kit.fail(fn, "no hexagon of " + f + " mm fits in the area", "reduce cell");
    const pts = [];
    const x0 = -(cols - 1) * dx / 2;
    for (let c = 0; c < cols; c++) {
      const shift = c % 2 === 1 ? pitch / 2 : 0;
      const limit = (o.height - f) / 2 + 1e-9;  // centres with the whole hexagon inside
      const n = Math.ceil(limit / pitch) + 1;
      for (let k = -n; k <= n; k++) {
        const y = k * pitch + shift;
        if (Math.abs(y) <= limit) pts.push([x0 + c * dx, y]);
      }
    }
    if (pts.length === 0) kit.fail(fn, "no hexagon of " + f + " mm fits in the area", "reduce cell");
    return api.cq.Workplane("XY").pushPoints(pts).polygon(6, corners).extrude(o.depth);
  }

  api.parts.vents = { slots: slots, hexGrid: hexGrid };
})
