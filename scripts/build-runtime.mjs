import { bundleRuntime } from "./runtime-bundle.mjs";

await bundleRuntime();
