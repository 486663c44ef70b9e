// @expect-error: timeout
// A hang inside a callback the kernel calls back into.
const r = cq.Workplane("XY").rarray(5, 5, 2, 2).eachpoint((loc) => { for (;;) {} });
show(r);
