// Stands in for axios's fetch adapter (lib/adapters/fetch.js) in the bundled runtime. The real one
// probes `Request`, `Response` and `fetch` when axios is imported, and in Node 20 merely touching
// those globals loads undici (~50 ms per start). dws-dr always uses the http adapter, which axios
// picks before fetch; if anything ever asks for fetch, fail loudly instead of silently.
export const getFetch = () => {
  throw new Error(
    "dws-dr: axios's fetch adapter is not bundled; the runtime uses the http adapter",
  );
};

export default undefined;
