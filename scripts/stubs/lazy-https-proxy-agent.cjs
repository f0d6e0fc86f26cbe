// Stands in for https-proxy-agent inside axios in the bundled runtime: the real module (with
// agent-base and `debug`) is evaluated only when an HTTPS_PROXY is in use, not at every start.
// axios calls it with `new` and tests agents with `instanceof`; both reach the real class.
let HttpsProxyAgent;
const load = () => (HttpsProxyAgent ??= require("https-proxy-agent/dist/index.js"));

function LazyHttpsProxyAgent(options) {
  return new (load())(options);
}
Object.defineProperty(LazyHttpsProxyAgent, Symbol.hasInstance, {
  value: (agent) => HttpsProxyAgent !== undefined && agent instanceof HttpsProxyAgent,
});

module.exports = LazyHttpsProxyAgent;
