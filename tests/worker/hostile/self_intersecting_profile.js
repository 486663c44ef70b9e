// @expect-error: geometry|api
// A bow-tie outline: the edges cross each other.
const bowtie = cq.Workplane("XY").polyline([[0, 0], [20, 20], [20, 0], [0, 20]]).close();
show(bowtie.extrude(5));
