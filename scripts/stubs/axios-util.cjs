// Stands in for `util` inside axios in the bundled runtime. axios imports node's util as a default
// import, and the bundle's ESM interop walks every property of the module: on Node 24 that loads
// util's lazy parts (TextDecoder and, through it, parse_args, diff, worker, ...: ~10 ms per start).
// axios uses three of them; each is forwarded on use.
const util = require("node:util");

module.exports = {
  promisify: (...args) => util.promisify(...args),
  isDeepStrictEqual: (...args) => util.isDeepStrictEqual(...args),
  get TextEncoder() {
    return util.TextEncoder;
  },
};
