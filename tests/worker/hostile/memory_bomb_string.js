// @expect-error: limit|api|crash|timeout
let s = "grow";
for (;;) s = s + s;
