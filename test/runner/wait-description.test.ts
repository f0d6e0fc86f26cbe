import { ACTION_RULES } from "../../lib/api/status-model";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { runAction } from "../../lib/runner";
import { describeOutcomeWait } from "../../lib/runner/wait-description";
import { connect } from "../support/runner";

// A switchover starts and ends `running`: its wait line must say it waits for the roles to swap,
// not for "running", which the DR already shows (issue 20).
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const PRIMARY = "11111111-1111-4111-8111-111111111111";
const STANDBY = "22222222-2222-4222-8222-222222222222";

describe("the wait after an action says what it waits for", () => {
  test.each([
    ["start", STANDBY, 'waiting for "running"'],
    ["pause", undefined, 'waiting for "stopped"'],
    ["recovery", undefined, 'waiting for "running"'],
    ["switchover", STANDBY, `waiting for the roles to swap: cluster ${STANDBY} to become primary`],
    ["failover", STANDBY, `waiting for the roles to swap: cluster ${STANDBY} to become primary`],
    ["switchover", undefined, "waiting for the roles to swap: the standby to become primary"],
  ] as const)("%s (wanted primary %s): %s", (action, primary, expected) => {
    expect(describeOutcomeWait(ACTION_RULES[action], primary)).toBe(expected);
  });
});

describe("a switchover run against the emulator", () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({
      transitionMs: 600,
      seed: {
        projectId: "89cd04f168b84af6be287f71730fdb4b",
        accessKey: "AKEXAMPLEAKEXAMPLE00",
        secretKey: "wait-line-test-secret-key-000000000000",
        tasks: [
          { id: DR_ID, status: "running", primaryClusterId: PRIMARY, standbyClusterId: STANDBY },
        ],
      },
    });
  });
  afterEach(() => emulator.stop());

  test("reports its wait as waiting for the roles to swap, not for the status it already has", async () => {
    // given
    const lines: string[] = [];

    // when
    await runAction(connect(emulator), {
      action: "switchover",
      disasterRecoveryId: DR_ID,
      primaryClusterId: STANDBY,
      wait: true,
      timeoutMs: 10_000,
      pollIntervalMs: 200,
      log: (line) => lines.push(line),
    });

    // then
    const waits = lines.filter((line) => line.includes("waiting for"));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toMatch(
      new RegExp(
        `: waiting for the roles to swap: cluster ${STANDBY} to become primary \\(status "`,
      ),
    );
    expect(waits.filter((line) => line.includes('waiting for "running"'))).toEqual([]);
  });
});
