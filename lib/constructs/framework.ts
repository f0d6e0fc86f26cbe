/** The CDK framework a build of these constructs runs on. */
export type Framework = "cdktf" | "cdktn";

/**
 * `"cdktf"` here; the CDK Terrain flavour (`cdktf-dws-disaster-recovery/cdktn`) is this same
 * source compiled again, and its build (scripts/build-cdktn.mjs) rewrites this line to `"cdktn"`
 * along with every `"cdktf"` import.
 */
export const FRAMEWORK: Framework = "cdktf";
