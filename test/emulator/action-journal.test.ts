import { DEFAULT_DISASTER_RECOVERY_ID as DR } from "../../lib/emulator";
import { drPaths, sendSigned, useEmulator, waitFor } from "../support/emulator";

// The journal the soak's invariants read: every action request that reached the DR state
// machine, with the DR as it was when the request arrived, and whether it was applied.
// Long enough that the second start of the first test arrives while the first still moves, on
// a loaded machine too.
const emulator = useEmulator({ transitionMs: 3000 });

it("journals an applied action with the status and primary it found, and a refused one as not applied", async () => {
  // GIVEN the seeded DR, unstarted
  const primary = emulator().getTask(DR)?.primaryCluster.id;
  // WHEN a start is sent, and another while the first is still moving
  await sendSigned(emulator(), "POST", drPaths(emulator()).action(DR, "start"));
  await sendSigned(emulator(), "POST", drPaths(emulator()).action(DR, "start"));
  // THEN the first is applied from unstart, the second answered busy and not applied
  expect(
    emulator().journal.map((e) => [e.seq, e.action, e.outcome, e.applied, e.statusBefore]),
  ).toEqual([
    [0, "start", "accepted", true, "unstart"],
    [1, "start", "busy", false, "starting"],
  ]);
  expect(emulator().journal[0].primaryBefore).toBe(primary);
  expect(emulator().journal[0].request).toEqual({
    method: "POST",
    path: drPaths(emulator()).action(DR, "start"),
  });
});

it("journals an action whose response was lost (it was applied), but not one a 5xx answered instead of the service", async () => {
  emulator().injectFault({ match: { action: "start" }, status: 503 });
  await sendSigned(emulator(), "POST", drPaths(emulator()).action(DR, "start"));
  expect(emulator().journal).toEqual([]);

  emulator().injectFault({ match: { action: "start" }, drop: "after" });
  await expect(
    sendSigned(emulator(), "POST", drPaths(emulator()).action(DR, "start")),
  ).rejects.toThrow();
  expect(emulator().journal.map((e) => [e.action, e.applied])).toEqual([["start", true]]);
});

it("stale reads can be switched on for the actions accepted from then on, and off again", async () => {
  emulator().setStaleReadsMs(60_000);
  await sendSigned(emulator(), "POST", drPaths(emulator()).action(DR, "start"));
  expect(emulator().servesStaleDetail(DR)).toBe(true);
  await waitFor(() => emulator().getTask(DR)?.status === "running", "the start to finish", 15_000);
  emulator().setStaleReadsMs(0);
  await sendSigned(emulator(), "POST", drPaths(emulator()).action(DR, "pause"));
  expect(emulator().servesStaleDetail(DR)).toBe(false);
});
