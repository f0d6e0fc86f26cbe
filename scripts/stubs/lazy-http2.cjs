// Stands in for `http2` inside axios in the bundled runtime: loading node:http2 costs ~20 ms per
// start, and axios only uses it for requests made with `httpVersion: 2`, which dws-dr never makes.
// Unlike the other stubs this one still works: the real module is loaded on first use.
let http2;
const load = () => (http2 ??= require("node:http2"));

module.exports = {
  get constants() {
    return load().constants;
  },
  connect: (...args) => load().connect(...args),
};
