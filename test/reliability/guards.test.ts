import { DrAction } from "../../lib/api/status-model";
import { RunningEmulator } from "../../lib/emulator";
import { withEmulator } from "../support/emulator";
import {
  DR_ID,
  actionCounts,
  cliEnv,
  emulatorSecrets,
  reachedTarget,
  runChecked,
  seedFor,
} from "./support";

// Each test here holds one safety guard of the runner or the client: removing the guard turns it
// red (each was tried once by removing the guard on purpose).

function run(emulator: RunningEmulator, action: DrAction, env: Record<string, string> = {}) {
  return runChecked([action, "--json"], cliEnv(emulator, action, env), emulatorSecrets(emulator));
}

describe("guards, through the bundled CLI against the emulator", () => {
  it("fails a start whose 200 names another DR, publishing nothing", async () => {
    await withEmulator({ seed: seedFor("start"), transitionMs: 200 }, async (emulator) => {
      // given the service answers the start with another DR's id
      emulator.injectFault({ match: { action: "start" }, odd: "other-id" });

      // when the start runs
      const cli = await run(emulator, "start");

      // then the run fails loudly instead of reporting the requested id
      expect(cli.code).toBe(7);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false });
      expect(cli.stderr).toMatch(
        /returned DR id "00000000-0000-4000-8000-0000000000ff", not the requested "e59d6b86/,
      );
    });
  });

  it("waits out a stale failed status after the start instead of failing", async () => {
    // given a DR in start_failed whose detail still shows start_failed for 2 s after a start
    const seed = { ...seedFor("start"), tasks: [{ id: DR_ID, status: "start_failed" as const }] };
    await withEmulator({ seed, transitionMs: 2500, staleReadsMs: 2000 }, async (emulator) => {
      // when the start runs, polling every 100 ms
      const cli = await run(emulator, "start");

      // then it reads past the stale status and succeeds, with one start
      expect(cli.code).toBe(0);
      expect(cli.stderr).toMatch(/status start_failed -> starting/);
      expect(JSON.parse(cli.stdout)).toMatchObject({ outcome: "completed", status: "running" });
      expect(actionCounts(emulator, "start")).toEqual({ received: 1, applied: 1 });
    });
  });

  it.each([
    ["a 404 from the gateway", { status: 404 }],
    ["400 DWS.10101 from the DR API", {}],
  ])("exits 4 on %s, through the real client", async (_what, fault) => {
    await withEmulator({ seed: seedFor("start") }, async (emulator) => {
      const unknown = "00000000-0000-4000-8000-000000000000";
      if ("status" in fault) emulator.injectFault({ match: { method: "GET" }, ...fault });
      const cli = await run(
        emulator,
        "start",
        "status" in fault ? {} : { DWS_DR_DISASTER_RECOVERY_ID: unknown },
      );
      expect(cli.code).toBe(4);
      expect(JSON.parse(cli.stdout).error).toMatchObject({ category: "not-found" });
      expect(emulator.actionRequests("start")).toHaveLength(0);
    });
  });

  describe("an action that got a 5xx", () => {
    it.each(["switchover", "failover", "recovery"] as const)(
      "%s is never sent again",
      async (action) => {
        await withEmulator({ seed: seedFor(action), transitionMs: 200 }, async (emulator) => {
          // given the service answers the action with a 500 without applying it
          emulator.injectFault({ match: { action }, status: 500 });

          // when the action runs (long enough to read again for the 15 s stale-status grace)
          const cli = await run(emulator, action, { DWS_DR_TIMEOUT: "30s" });

          // then it was sent once: the status cannot prove a switchover did not happen
          expect(cli.code).toBe(7);
          expect(actionCounts(emulator, action)).toEqual({ received: 1, applied: 0 });
          expect(cli.stderr).toMatch(/Check the DR in the console or with `dws-dr status`/);
        });
      },
      45_000,
    );

    it.each(["start", "pause"] as const)(
      "%s is sent once more when the status proves it was not applied",
      async (action) => {
        await withEmulator({ seed: seedFor(action), transitionMs: 200 }, async (emulator) => {
          emulator.injectFault({ match: { action }, status: 503 });
          const cli = await run(emulator, action);
          expect(cli.code).toBe(0);
          expect(actionCounts(emulator, action)).toEqual({ received: 2, applied: 1 });
          expect(reachedTarget(emulator, action, undefined)).toBe(true);
        });
      },
    );

    it.each(["start", "pause"] as const)("%s is sent at most twice in all", async (action) => {
      await withEmulator({ seed: seedFor(action), transitionMs: 200 }, async (emulator) => {
        emulator.injectFault({ match: { action }, status: 503, times: Infinity });
        const cli = await run(emulator, action);
        expect(cli.code).toBe(7);
        expect(actionCounts(emulator, action)).toEqual({ received: 2, applied: 0 });
      });
    });

    it("start is not sent again when the status shows it under way", async () => {
      await withEmulator({ seed: seedFor("start"), transitionMs: 500 }, async (emulator) => {
        // given the start is applied but its response is lost
        emulator.injectFault({ match: { action: "start" }, drop: "after" });
        const cli = await run(emulator, "start");
        expect(cli.code).toBe(0);
        expect(actionCounts(emulator, "start")).toEqual({ received: 1, applied: 1 });
      });
    });
  });

  it("sends nothing on --dry-run --json", async () => {
    await withEmulator({ seed: seedFor("start") }, async (emulator) => {
      const cli = await runChecked(
        ["start", "--dry-run", "--json"],
        cliEnv(emulator, "start"),
        emulatorSecrets(emulator),
      );
      expect(cli.code).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, dryRun: true });
      expect(emulator.requests.filter((r) => r.method === "POST")).toEqual([]);
      expect(emulator.getTask(DR_ID)?.status).toBe("unstart");
    });
  });
});
