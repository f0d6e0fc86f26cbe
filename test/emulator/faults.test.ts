import { DEFAULT_DISASTER_RECOVERY_ID, RunningEmulator } from "../../lib/emulator";
import { drPaths, sendRaw, sendSigned, useEmulator, waitFor } from "../support/emulator";

const id = DEFAULT_DISASTER_RECOVERY_ID;

function start(emulator: RunningEmulator) {
  return sendSigned(emulator, "POST", drPaths(emulator).action(id, "start"));
}

describe("emulator fault injection", () => {
  const emulator = useEmulator({ transitionMs: 60_000 });

  it("answers one start with the injected status and Retry-After, then serves normally", async () => {
    // given a throttling fault on the next start
    emulator().injectFault({ match: { action: "start" }, status: 429, retryAfter: "2" });

    // when start is sent twice
    const throttled = await start(emulator());
    const accepted = await start(emulator());

    // then the first gets the gateway's throttling answer and is not applied; the second starts
    expect(throttled.status).toBe(429);
    expect(throttled.headers["retry-after"]).toBe("2");
    expect(throttled.body).toMatchObject({ error_code: "APIG.0308" });
    expect(accepted.status).toBe(200);
    expect(emulator().getTask(id)?.status).toBe("starting");
    expect(
      emulator()
        .actionRequests("start", id)
        .map((r) => r.responseStatus),
    ).toEqual([429, 200]);
  });

  it("sends 503 DWS.0005 by default and a scripted body when given", async () => {
    // given two faults on GETs, the second with its own body
    emulator().injectFault({ match: { method: "get" }, status: 503 });
    const body = { error_code: "DWS.9999", error_msg: "scripted" };
    emulator().injectFault({ match: { method: "GET" }, status: 500, body });

    // when the list is read three times
    const paths = drPaths(emulator());
    const first = await sendSigned(emulator(), "GET", paths.list);
    const second = await sendSigned(emulator(), "GET", paths.list);
    const third = await sendSigned(emulator(), "GET", paths.list);

    // then each fault is used once, in order
    expect(first).toMatchObject({ status: 503, body: { error_code: "DWS.0005" } });
    expect(second).toMatchObject({ status: 500, body });
    expect(third.status).toBe(200);
  });

  it("applies a fault as many times as asked, only to matching requests", async () => {
    // given a fault for two requests whose path mentions show-progress
    emulator().injectFault({ match: { pathIncludes: "show-progress" }, times: 2, status: 502 });
    const paths = drPaths(emulator());

    // when the detail is read, then the progress three times
    const detail = await sendSigned(emulator(), "GET", paths.detail(id));
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await sendSigned(emulator(), "GET", paths.progress(id))).status);
    }

    // then only the first two progress reads fail
    expect(detail.status).toBe(200);
    expect(statuses).toEqual([502, 502, 200]);
  });

  it("leaves faults for authenticated requests only", async () => {
    // given a fault on any request
    emulator().injectFault({ match: {}, status: 503 });

    // when an unsigned request comes first, then a signed one
    const unsigned = await sendRaw(emulator().endpoint, { method: "GET", path: "/anything" });
    const signed = await sendSigned(emulator(), "GET", drPaths(emulator()).list);

    // then auth answers the first, and the fault is still there for the second
    expect(unsigned.status).toBe(401);
    expect(signed.status).toBe(503);
  });

  it("drop after: applies the start but the client gets no response", async () => {
    // given the response to the next start is lost
    emulator().injectFault({ match: { action: "start" }, drop: "after" });

    // when start is sent
    const sent = start(emulator());

    // then the client sees a socket error, yet the DR is starting: the ambiguous outcome
    await expect(sent).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(emulator().getTask(id)?.status).toBe("starting");
    expect(emulator().actionRequests("start", id)).toEqual([
      expect.objectContaining({ authenticated: true, responseStatus: undefined }),
    ]);
  });

  it("drop before: the client gets no response and the start is not applied", async () => {
    // given the connection of the next start is cut before it is handled
    emulator().injectFault({ match: { action: "start" }, drop: "before" });

    // when start is sent
    const sent = start(emulator());

    // then the client sees a socket error and the DR has not moved
    await expect(sent).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(emulator().getTask(id)?.status).toBe("unstart");
    expect(emulator().actionRequests("start", id)).toHaveLength(1);
  });

  it("latency delays the response while the action is already applied", async () => {
    // given a slow response to the next start
    emulator().injectFault({ match: { action: "start" }, latencyMs: 400 });
    const sentAt = Date.now();

    // when start is sent
    let answered = false;
    const sent = start(emulator()).finally(() => (answered = true));

    // then the DR starts before the response arrives, which still comes as a 200
    await waitFor(() => emulator().getTask(id)?.status === "starting", "the start to apply");
    expect(answered).toBe(false);
    expect((await sent).status).toBe(200);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(390);
  });

  it("rejects a fault that asks for both a status and a drop", () => {
    expect(() => emulator().injectFault({ match: {}, status: 503, drop: "after" })).toThrow(
      /at most one of status, drop and odd/,
    );
  });
});

describe("emulator fault shares and skips", () => {
  const emulator = useEmulator({ transitionMs: 60_000 });

  it("applies an everyNth fault to every n-th matching request only", async () => {
    emulator().injectFault({ match: { method: "GET" }, status: 429, everyNth: 3, times: Infinity });
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await sendSigned(emulator(), "GET", drPaths(emulator()).list)).status);
    }
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
  });

  it("lets the first matching requests through with skip", async () => {
    emulator().injectFault({ match: { method: "GET" }, status: 503, skip: 1 });
    const first = await sendSigned(emulator(), "GET", drPaths(emulator()).list);
    const second = await sendSigned(emulator(), "GET", drPaths(emulator()).list);
    expect([first.status, second.status]).toEqual([200, 503]);
  });
});
