// @expect-error: api|syntax
// Scripts cannot reach the host: no Qt, no XMLHttpRequest, no require.
const fs = require("fs");
show(cq.Workplane("XY").box(1, 1, 1));
