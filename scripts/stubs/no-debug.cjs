// Stands in for the `debug` module in the bundled runtime, which therefore never prints a
// library's debug output: with DEBUG=* set, https-proxy-agent would print the proxy URL's
// `auth: 'user:password'`, and follow-redirects every request's options (issue 22). dws-dr's own
// progress lines say what a run does.
function createDebug() {
  const debug = () => {};
  debug.enabled = false;
  debug.namespace = "";
  debug.log = () => {};
  debug.extend = () => createDebug();
  debug.destroy = () => true;
  return debug;
}
createDebug.enable = () => {};
createDebug.disable = () => "";
createDebug.enabled = () => false;
createDebug.formatters = {};
createDebug.debug = createDebug;
createDebug.default = createDebug;

module.exports = createDebug;
