// @expect-error: timeout
// An LLM-written loop whose exit condition never becomes true.
let i = 0;
while (i >= 0) { i = (i + 1) % 10; }
show(cq.Workplane("XY").box(1, 1, 1));
