import * as fs from "node:fs";
import * as path from "node:path";
import { AssetType, TerraformAsset, TerraformStack } from "cdktf";
import { Construct } from "constructs";

// The fixed id of the stack's one runtime asset; it also names the folder under assets/.
const ASSET_ID = "DwsDrRuntime";

/**
 * The absolute path of the bundled runtime CLI (`dist/runtime/dws-dr.cjs`, made by
 * `npm run build`). Absolute because cdktf resolves a relative asset path against cdktf.json,
 * which a library's user may not have.
 *
 * @throws Error when the bundle has not been built.
 */
export function runtimeBundlePath(): string {
  // From source (ts-jest) this file is lib/constructs/runtime-asset.ts; from the compiled package
  // it is dist/lib/constructs/runtime-asset.js. Both sit below the package root.
  const packageRoot = path.resolve(__dirname, __filename.endsWith(".ts") ? "../.." : "../../..");
  const bundle = path.join(packageRoot, "dist", "runtime", "dws-dr.cjs");
  if (!fs.existsSync(bundle)) {
    throw new Error(
      `The dws-dr runtime bundle is missing (expected ${bundle}). ` +
        `Run "npm run build" in ${packageRoot} before synthesizing.`,
    );
  }
  return bundle;
}

/**
 * The stack's copy of the runtime bundle: created by the first action construct of the stack and
 * shared by every later one, so a stack with fifty actions still copies the bundle once.
 */
export function runtimeAsset(scope: Construct): TerraformAsset {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ASSET_ID);
  if (existing === undefined) {
    return new TerraformAsset(stack, ASSET_ID, { path: runtimeBundlePath(), type: AssetType.FILE });
  }
  if (!(existing instanceof TerraformAsset)) {
    throw new Error(
      `${stack.node.path}: the construct id "${ASSET_ID}" is reserved for the dws-dr runtime asset. ` +
        "Rename the construct that uses it.",
    );
  }
  return existing;
}
