import { connect } from "node:net";
import { DEFAULT_DISASTER_RECOVERY_ID, OddReply, RunningEmulator } from "../../lib/emulator";
import { drPaths, sendSigned, useEmulator, waitFor } from "../support/emulator";

const id = DEFAULT_DISASTER_RECOVERY_ID;

function start(emulator: RunningEmulator) {
  return sendSigned(emulator, "POST", drPaths(emulator).action(id, "start"));
}

describe("emulator odd replies", () => {
  const emulator = useEmulator({ transitionMs: 60_000 });

  it("other-id: applies the start but names another DR in the 200", async () => {
    emulator().injectFault({ match: { action: "start" }, odd: "other-id" });
    const response = await start(emulator());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      disaster_recovery: { id: "00000000-0000-4000-8000-0000000000ff" },
    });
    expect(emulator().getTask(id)?.status).toBe("starting");
  });

  const applied: [OddReply, (text: string, contentType: string | undefined) => void][] = [
    ["not-json", (text) => expect(() => JSON.parse(text)).toThrow()],
    ["empty", (text) => expect(text).toBe("")],
    ["huge", (text) => expect(text.length).toBeGreaterThan(8 * 1024 * 1024)],
  ];
  it.each(applied)("%s: applies the start and garbles the 200's body", async (odd, check) => {
    emulator().injectFault({ match: { action: "start" }, odd });
    const response = await start(emulator());
    expect(response.status).toBe(200);
    check(response.text, response.headers["content-type"]);
    expect(emulator().getTask(id)?.status).toBe("starting");
  });

  it("no-status: serves a detail without status", async () => {
    emulator().injectFault({ match: { method: "GET" }, odd: "no-status" });
    const response = await sendSigned(emulator(), "GET", drPaths(emulator()).detail(id));
    expect(response.status).toBe(200);
    expect(response.body.disaster_recovery).toMatchObject({ id });
    expect(response.body.disaster_recovery).not.toHaveProperty("status");
  });

  const notApplied: [OddReply, number, RegExp][] = [
    ["html-error", 502, /^text\/html/],
    ["wrong-content-type", 200, /^text\/html/],
    ["redirect", 302, /^text\/html/],
  ];
  it.each(notApplied)("%s: answers %i with HTML and does not apply", async (odd, status, type) => {
    emulator().injectFault({ match: { action: "start" }, odd });
    const response = await start(emulator());
    expect(response.status).toBe(status);
    expect(response.headers["content-type"]).toMatch(type);
    expect(response.text).toMatch(/<html>/);
    if (odd === "redirect") expect(response.headers.location).toMatch(/^https:\/\/login\./);
    expect(emulator().getTask(id)?.status).toBe("unstart");
  });

  it("unexpected-2xx: answers 204 with no body and does not apply", async () => {
    emulator().injectFault({ match: { action: "start" }, odd: "unexpected-2xx" });
    const response = await start(emulator());
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(emulator().getTask(id)?.status).toBe("unstart");
  });

  it("refuses an odd reply it does not know", () => {
    expect(() => emulator().injectFault({ match: {}, odd: "teapot" as OddReply })).toThrow(
      /odd "teapot" is not one of/,
    );
  });
});

describe("emulator refusing connections", () => {
  const emulator = useEmulator({ transitionMs: 60_000 });

  function connectOutcome(endpoint: string): Promise<string> {
    const { hostname, port } = new URL(endpoint);
    return new Promise((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.on("connect", () => (socket.destroy(), resolve("connected")));
      socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
  }

  it("stops listening after a stopListening fault and accepts again on resume", async () => {
    // given a fault that stops the listener once the start is answered
    emulator().injectFault({ match: { action: "start" }, stopListening: true });

    // when the start is sent
    const response = await start(emulator());

    // then it is applied and answered, and later connections are refused until resumed
    expect(response.status).toBe(200);
    expect(response.headers.connection).toBe("close");
    await waitFor(
      async () => (await connectOutcome(emulator().endpoint)) === "ECONNREFUSED",
      "connections to be refused",
    );
    await emulator().resumeListening();
    expect(await connectOutcome(emulator().endpoint)).toBe("connected");
    expect((await sendSigned(emulator(), "GET", drPaths(emulator()).detail(id))).status).toBe(200);
  });
});

describe("emulator stale reads", () => {
  // The emulator's own clock, moved by the test: the window is judged by it.
  let now = Date.now();
  const emulator = useEmulator({ transitionMs: 60_000, staleReadsMs: 15_000, clock: () => now });

  it("shows the pre-action detail for the window after an accepted action, then the real one", async () => {
    // given an accepted start
    now = Date.now();
    expect((await start(emulator())).status).toBe(200);
    expect(emulator().getTask(id)?.status).toBe("starting");
    const status = async () =>
      (
        (await sendSigned(emulator(), "GET", drPaths(emulator()).detail(id))).body
          .disaster_recovery as { status?: string }
      ).status;

    // when the detail is read inside the window, then at its end
    now += 14_999;
    expect(emulator().servesStaleDetail(id)).toBe(true);
    const inside = await status();
    now += 1;
    const after = await status();

    // then it shows unstart until the window ends, then starting, and says so
    expect(inside).toBe("unstart");
    expect(after).toBe("starting");
    expect(emulator().servesStaleDetail(id)).toBe(false);
  });
});
