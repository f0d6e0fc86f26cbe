// Types of scripts/tool-paths.cjs, for the TypeScript tests and the demo that read it.

/** Versions tested here. */
export declare const PINNED: {
  readonly node: { readonly 22: string; readonly 24: string };
  readonly opentofu: string;
  readonly terraform: string;
  readonly cdktnCli: string;
};

/** Where the pinned tools live once `scripts/setup-tools.mjs` set them up. */
export interface ToolPaths {
  readonly root: string;
  readonly node: { readonly 22: string; readonly 24: string };
  readonly tofu: string;
  readonly terraform: string;
  readonly terraformBuildFailure: string;
  readonly cdktnCliDir: string;
  readonly cdktnCli: string;
}

/** The binary the Terraform steps run with, and the rule that chose it. */
export interface TerraformBinary {
  readonly path: string;
  readonly name: "terraform" | "tofu";
  readonly why: string;
}

export declare function toolsDir(env?: NodeJS.ProcessEnv): string;
export declare function toolPaths(env?: NodeJS.ProcessEnv): ToolPaths;
export declare function onPath(name: string, env?: NodeJS.ProcessEnv): string | undefined;
export declare function terraformBinary(env?: NodeJS.ProcessEnv): TerraformBinary;
