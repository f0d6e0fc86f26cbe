import { withEmulator } from "../support/emulator";
import { Artefact, Secret, expectNoSecrets } from "../support/secret-scan";
import { cliArtefacts, cliEnv, seedFor } from "./support";
import { runDwsDr } from "../support/cli";

// Every credential value a run can hold, never printed: whether the run succeeds, fails, or only
// shows what it would send.
const SECURITY_TOKEN = "sts-token-7f3a9c1e5b2d4f6a8c0e2b4d6f8a0c2e";
const AUTH_TOKEN = "MIIauthTOKENvalue-4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c";

describe("no credential value in any output", () => {
  it("with AK/SK and a security token: runs, failures and dry runs", async () => {
    const seed = seedFor("start", { securityToken: SECURITY_TOKEN });
    await withEmulator({ seed, transitionMs: 200 }, async (emulator) => {
      const secrets: Secret[] = [
        { label: "access key", value: emulator.accessKey },
        { label: "secret key", value: emulator.secretKey },
        { label: "security token", value: SECURITY_TOKEN },
      ];
      const env = cliEnv(emulator, "start", { HUAWEICLOUD_SDK_SECURITY_TOKEN: SECURITY_TOKEN });
      const runs: [string[], Record<string, string>, number][] = [
        [["start", "--dry-run"], env, 0],
        [["start", "--dry-run", "--json"], env, 0],
        [["start", "--json"], env, 0],
        [["status"], env, 0],
        [["status", "--json"], env, 0],
        // the gateway's refusals echo what they can: a wrong secret, a missing token
        [["start", "--json"], { ...env, HUAWEICLOUD_SDK_SK: `${emulator.secretKey}x` }, 3],
        [["status"], { ...env, HUAWEICLOUD_SDK_SECURITY_TOKEN: "" }, 3],
        [["start"], { ...env, DWS_DR_PROJECT_ID: "0".repeat(32) }, 3],
      ];
      const artefacts: Artefact[] = [];
      for (const [args, runEnv, code] of runs) {
        const run = await runDwsDr(args, runEnv);
        expect({ args, code: run.code }).toEqual({ args, code });
        artefacts.push(...cliArtefacts(args, run));
      }
      expectNoSecrets(artefacts, secrets);
      expect(emulator.actionRequests("start")).toHaveLength(1);
    });
  });

  it("with an IAM token in HW_AUTH_TOKEN", async () => {
    const seed = seedFor("start", { authToken: AUTH_TOKEN });
    await withEmulator({ seed, transitionMs: 200 }, async (emulator) => {
      const secrets: Secret[] = [
        { label: "IAM token", value: AUTH_TOKEN },
        { label: "emulator secret key", value: emulator.secretKey },
      ];
      const env = cliEnv(emulator, "start", {
        HUAWEICLOUD_SDK_AK: "",
        HUAWEICLOUD_SDK_SK: "",
        HW_AUTH_TOKEN: AUTH_TOKEN,
      });
      const runs: [string[], Record<string, string>, number][] = [
        [["start", "--dry-run", "--json"], env, 0],
        [["start", "--json"], env, 0],
        [["status", "--json"], env, 0],
        [["status"], { ...env, HW_AUTH_TOKEN: `${AUTH_TOKEN}-expired` }, 3],
      ];
      const artefacts: Artefact[] = [];
      for (const [args, runEnv, code] of runs) {
        const run = await runDwsDr(args, runEnv);
        expect({ args, code: run.code }).toEqual({ args, code });
        artefacts.push(...cliArtefacts(args, run));
      }
      expectNoSecrets(artefacts, [
        ...secrets,
        { label: "expired token", value: `${AUTH_TOKEN}-expired` },
      ]);
    });
  });
});
