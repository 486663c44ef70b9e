// @expect-error: api
// @expect-message: no geometry
const size = 10;
console.log("forgot to show anything", size);
