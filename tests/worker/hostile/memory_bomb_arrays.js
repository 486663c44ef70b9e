// @expect-error: limit|crash|timeout
const hoard = [];
for (;;) hoard.push(new Array(1000000).fill(3.14));
