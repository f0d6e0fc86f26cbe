// Stands in for follow-redirects inside axios in the bundled runtime. axios reads its `http` and
// `https` wrappers at import, which evaluates follow-redirects and `debug` at every start; dws-dr
// sends with `maxRedirects: 0`, so axios uses node's own transports. These wrappers load the real
// module (bundled, evaluated on first use) only if a request ever asks for redirects.
let followRedirects;
const load = () => (followRedirects ??= require("follow-redirects/index.js"));

const lazyTransport = (scheme) => ({
  request: (...args) => load()[scheme].request(...args),
  get: (...args) => load()[scheme].get(...args),
});

module.exports = { http: lazyTransport("http"), https: lazyTransport("https") };
