// Stands in for `https` in the bundled runtime: loading node:https loads node:tls, which costs
// ~30 ms of CPU per start on Node 22+ (Node 20 pays most of it at start-up anyway), and an
// emulator run on http:// or `dws-dr --help` never makes a TLS connection. The real module is
// loaded on first use; every name the bundle uses is forwarded (esbuild copies these as getters).
let https;
const load = () => (https ??= require("node:https"));

module.exports = {
  get Agent() {
    return load().Agent;
  },
  get globalAgent() {
    return load().globalAgent;
  },
  get Server() {
    return load().Server;
  },
  request: (...args) => load().request(...args),
  get: (...args) => load().get(...args),
  createServer: (...args) => load().createServer(...args),
};
