// Stands in for axios's XMLHttpRequest adapter (lib/adapters/xhr.js): `false` is exactly what the
// real module exports where XMLHttpRequest does not exist, as in Node, so axios skips it.
export default false;
