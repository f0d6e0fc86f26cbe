import { execFileSync } from "node:child_process";
import fs, {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import * as ts from "typescript";
import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { DisasterRecoveryStart } from "../../lib/constructs";
import { runtimeBundlePath } from "../../lib/constructs/runtime-asset";
import { START_PROPS, actionResources, localExec, onlyResource } from "./helpers";

// Directories the tests create; removed once the file's tests ran.
const temporaryDirectories: string[] = [];
afterAll(() =>
  temporaryDirectories.forEach((dir) => rmSync(dir, { recursive: true, force: true })),
);

function temporaryDirectory(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  temporaryDirectories.push(dir);
  return dir;
}

describe("the runtime bundle", () => {
  afterEach(() => jest.restoreAllMocks());

  test("is found as an absolute path from the source layout", () => {
    // given / when
    const bundle = runtimeBundlePath();

    // then
    expect(isAbsolute(bundle)).toBe(true);
    expect(bundle).toMatch(/[/\\]dist[/\\]runtime[/\\]dws-dr\.cjs$/);
    expect(existsSync(bundle)).toBe(true);
  });

  test("is found from the compiled package layout (dist/lib/constructs)", () => {
    // given: the module compiled into a package tree that holds a bundle
    const root = temporaryDirectory("dws-dr-package.");
    const compiled = join(root, "dist", "lib", "constructs", "runtime-asset.js");
    const bundle = join(root, "dist", "runtime", "dws-dr.cjs");
    mkdirSync(dirname(compiled), { recursive: true });
    mkdirSync(dirname(bundle), { recursive: true });
    writeFileSync(bundle, "");
    const source = readFileSync(join(__dirname, "../../lib/constructs/runtime-asset.ts"), "utf8");
    const compilerOptions = { module: ts.ModuleKind.CommonJS, esModuleInterop: true };
    writeFileSync(compiled, ts.transpileModule(source, { compilerOptions }).outputText);

    // when
    const found = execFileSync(
      process.execPath,
      ["-e", `process.stdout.write(require(${JSON.stringify(compiled)}).runtimeBundlePath())`],
      {
        encoding: "utf8",
        env: { ...process.env, NODE_PATH: join(__dirname, "../../node_modules") },
      },
    );

    // then
    expect(found).toBe(bundle);
  });

  test("when missing, synth fails telling the user to build it", () => {
    // given: a checkout where `npm run build` has not run
    const realExistsSync = fs.existsSync;
    jest
      .spyOn(fs, "existsSync")
      .mockImplementation((file) => !String(file).endsWith("dws-dr.cjs") && realExistsSync(file));
    const stack = new TerraformStack(Testing.app(), "stack");

    // when / then
    expect(() => new DisasterRecoveryStart(stack, "start-dr", START_PROPS)).toThrow(
      /^The dws-dr runtime bundle is missing \(expected .*dist[/\\]runtime[/\\]dws-dr\.cjs\)\. Run "npm run build" in /,
    );
  });
});

describe("the runtime asset", () => {
  test("is copied once for a stack of fifty starts, where the command expects it", () => {
    // given: validations skipped, or each terraform_data would run `terraform version`
    const outdir = temporaryDirectory("dws-dr-assets.");
    const app = new App({ outdir, skipValidation: true });
    const stack = new TerraformStack(app, "fifty");
    for (let i = 0; i < 50; i++) new DisasterRecoveryStart(stack, `start-${i}`, START_PROPS);

    // when
    app.synth();

    // then
    const stackDir = join(outdir, "stacks", "fifty");
    const assetDirs = readdirSync(join(stackDir, "assets"));
    expect(assetDirs).toEqual(["DwsDrRuntime"]);
    const versions = readdirSync(join(stackDir, "assets", "DwsDrRuntime"));
    expect(versions).toHaveLength(1);

    const config = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
    const commands = new Set(
      actionResources(config, "terraform_data").map(
        ([, body]) => body.provisioner[0]["local-exec"].command as string,
      ),
    );
    expect(commands.size).toBe(1);
    const [scriptPath] = [...commands][0].split(" ").slice(1);
    expect(existsSync(join(stackDir, scriptPath))).toBe(true);
  });

  test("is one per stack, each stack with its own copy", () => {
    // given
    const app = Testing.app();
    const stacks = ["primary", "standby"].map((name) => new TerraformStack(app, name));

    // when
    stacks.forEach((stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS));

    // then
    for (const stack of stacks) {
      expect(stack.node.tryFindChild("DwsDrRuntime")).toBeDefined();
      const json = JSON.parse(Testing.synth(stack));
      expect(localExec(onlyResource(json, "terraform_data").body).command).toMatch(
        /^node assets\/DwsDrRuntime\//,
      );
    }
  });

  test("refuses a stack whose construct id for the asset is taken by something else", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    new Construct(stack, "DwsDrRuntime");

    // when / then
    expect(() => new DisasterRecoveryStart(stack, "start-dr", START_PROPS)).toThrow(
      /^stack: the construct id "DwsDrRuntime" is reserved for the dws-dr runtime asset/,
    );
  });
});
