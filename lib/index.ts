/**
 * The package root: the jsii surface (constructs, their props, enums) that Python, Go, Java and
 * C# users get too. What jsii cannot carry lives behind subpath exports with the same names as in
 * 0.2.0: `cdktf-dws-disaster-recovery/api` (signer, errors, status model) and
 * `cdktf-dws-disaster-recovery/emulator` (the local DWS DR API emulator). Nothing exported here
 * loads the HTTP client: it lives only in the bundled runtime (dist/runtime/dws-dr.cjs).
 *
 * @module cdktf-dws-disaster-recovery
 */
export * from "./constructs";
