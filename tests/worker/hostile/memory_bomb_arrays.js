// @expect-error: limit|crash|timeout
// @expect-message: memory
const hoard = [];
for (;;) hoard.push(new Array(1000000).fill(3.14));
