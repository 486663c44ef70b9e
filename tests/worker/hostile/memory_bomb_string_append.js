// @expect-error: limit|timeout
// @max-seconds: 3.5
// The string doubles on every turn: concatenating gigabytes ignores the interrupt for a while,
// yet the run must end within its timeout.
let s = "x";
for (;;) s += s;
