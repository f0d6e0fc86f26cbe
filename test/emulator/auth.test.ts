import { computeSignature, formatSdkDate, signRequest } from "../../lib/api/signer";
import { DEFAULT_DISASTER_RECOVERY_ID, defaultSeed, RunningEmulator } from "../../lib/emulator";
import {
  drPaths,
  sendRaw,
  sendSigned,
  TestResponse,
  useEmulator,
  withEmulator,
} from "../support/emulator";

const id = DEFAULT_DISASTER_RECOVERY_ID;
const MINUTE = 60_000;

function expectRefused(response: TestResponse, status: number, code: string, text: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({
    error_code: code,
    error_msg: expect.stringContaining(text),
    request_id: response.headers["x-request-id"],
  });
}

function startPath(emulator: RunningEmulator): string {
  return drPaths(emulator).action(id, "start");
}

describe("emulator AK/SK authentication", () => {
  const emulator = useEmulator({ transitionMs: 60_000 });

  it("accepts a request signed the way the SDK signs it", async () => {
    // given the emulator's own credentials
    // when a start is sent signed with them
    const response = await sendSigned(emulator(), "POST", startPath(emulator()));

    // then it is accepted and applied
    expect(response.status).toBe(200);
    expect(emulator().getTask(id)?.status).toBe("starting");
    expect(emulator().requests[0]).toMatchObject({ authenticated: true, responseStatus: 200 });
  });

  it("accepts a signed request without X-Project-Id", async () => {
    // given a request that signs only content-type, host and X-Sdk-Date
    const headers = { "content-type": "application/json" };

    // when it is sent
    const response = await sendSigned(emulator(), "GET", drPaths(emulator()).list, { headers });

    // then the optional header is not required
    expect(response.status).toBe(200);
  });

  it("refuses a tampered signature with 401 APIGW.0301 and does not apply the action", async () => {
    // given a correctly signed start whose signature is altered by one digit
    const alter = (headers: Record<string, string>) => ({
      ...headers,
      Authorization: headers.Authorization.replace(/.$/, (c) => (c === "0" ? "1" : "0")),
    });

    // when it is sent
    const response = await sendSigned(emulator(), "POST", startPath(emulator()), { alter });

    // then it is refused, logged as unauthenticated, and the DR has not moved
    expectRefused(response, 401, "APIGW.0301", "verify aksk signature fail");
    expect(emulator().getTask(id)?.status).toBe("unstart");
    expect(emulator().requests[0]).toMatchObject({ authenticated: false, responseStatus: 401 });
  });

  it("refuses a signature made with the wrong secret key", async () => {
    // given the right access key with another secret key
    const credentials = { accessKey: emulator().accessKey, secretKey: "not-the-secret-key" };

    // when a start is sent
    const response = await sendSigned(emulator(), "POST", startPath(emulator()), { credentials });

    // then the signature does not verify
    expectRefused(response, 401, "APIGW.0301", "verify aksk signature fail");
    expect(emulator().getTask(id)?.status).toBe("unstart");
  });

  it("refuses a request signed for another path", async () => {
    // given headers signed for a GET of the detail
    const signed = signedHeadersFor(emulator(), "GET", drPaths(emulator()).detail(id));

    // when they are replayed on the list
    const response = await sendRaw(emulator().endpoint, {
      method: "GET",
      path: drPaths(emulator()).list,
      headers: signed,
    });

    // then the recomputed signature differs
    expectRefused(response, 401, "APIGW.0301", "verify aksk signature fail");
  });

  it("refuses a body changed after signing", async () => {
    // given a start signed with one body
    const path = startPath(emulator());
    const signed = signRequest(
      {
        method: "POST",
        url: new URL(path, emulator().endpoint).href,
        headers: { "content-type": "application/json" },
        body: "{}",
      },
      credentialsOf(emulator()),
    );

    // when it is sent with another
    const response = await sendRaw(emulator().endpoint, {
      method: "POST",
      path,
      headers: signed,
      body: '{"force":true}',
    });

    // then the body hash, and so the signature, differs, and the DR has not moved
    expectRefused(response, 401, "APIGW.0301", "verify aksk signature fail");
    expect(emulator().getTask(id)?.status).toBe("unstart");
  });

  it("refuses a query changed after signing", async () => {
    // given the list signed with one filter
    const { list } = drPaths(emulator());
    const signed = signedHeadersFor(emulator(), "GET", `${list}?id=${id}`);

    // when it is sent with another
    const response = await sendRaw(emulator().endpoint, {
      method: "GET",
      path: `${list}?id=${emulator().disasterRecoveryIds[1]}`,
      headers: signed,
    });

    // then the canonical query differs
    expectRefused(response, 401, "APIGW.0301", "verify aksk signature fail");
  });

  it("refuses a signed header changed after signing", async () => {
    // given a start that signs X-Project-Id, whose value is changed on the way
    const alter = (headers: Record<string, string>) => ({
      ...headers,
      "X-Project-Id": "0".repeat(32),
    });

    // when it is sent
    const response = await sendSigned(emulator(), "POST", startPath(emulator()), { alter });

    // then the signature over the signed headers differs
    expectRefused(response, 401, "APIGW.0301", "verify aksk signature fail");
    expect(emulator().getTask(id)?.status).toBe("unstart");
  });

  it("refuses an unsigned request", async () => {
    // given no Authorization and no X-Auth-Token
    // when a start is sent
    const response = await sendRaw(emulator().endpoint, {
      method: "POST",
      path: startPath(emulator()),
      headers: { "content-type": "application/json" },
    });

    // then it is refused before anything else
    expectRefused(response, 401, "APIGW.0301", "Incorrect IAM authentication information");
    expect(emulator().getTask(id)?.status).toBe("unstart");
  });

  it("refuses an unknown access key with the gateway's wording", async () => {
    // given an access key the account does not have
    const credentials = { accessKey: "AKNOTKNOWN0000000000", secretKey: emulator().secretKey };

    // when a request is signed with it
    const response = await sendSigned(emulator(), "GET", drPaths(emulator()).list, {
      credentials,
    });

    // then the gateway's "ak not exist" answer comes back
    expectRefused(response, 401, "APIGW.0301", "ak:AKNOTKNOWN0000000000,err:ak not exist");
  });

  it("refuses a signature that does not cover host", async () => {
    // given a correct signature over x-sdk-date only (what the Go SDK would send)
    const date = formatSdkDate(new Date());
    const path = drPaths(emulator()).list;
    const { signature } = computeSignature(
      "GET",
      new URL(path, emulator().endpoint).href,
      { "X-Sdk-Date": date },
      "",
      emulator().secretKey,
    );
    const authorization = `SDK-HMAC-SHA256 Access=${emulator().accessKey}, SignedHeaders=x-sdk-date, Signature=${signature}`;

    // when it is sent
    const response = await sendRaw(emulator().endpoint, {
      method: "GET",
      path,
      headers: { "X-Sdk-Date": date, Authorization: authorization },
    });

    // then the emulator insists on a signed host
    expectRefused(response, 401, "APIGW.0301", "host and x-sdk-date must be signed");
  });

  it("refuses an X-Project-Id that differs from the path's project with 403 APIGW.0302", async () => {
    // given a correctly signed request whose X-Project-Id names another project
    const headers = { "content-type": "application/json", "X-Project-Id": "0".repeat(32) };

    // when a start is sent
    const response = await sendSigned(emulator(), "POST", startPath(emulator()), { headers });

    // then it is forbidden and not applied
    expectRefused(response, 403, "APIGW.0302", "X-Project-Id");
    expect(emulator().getTask(id)?.status).toBe("unstart");
  });

  it("refuses a path in another project with 403 APIGW.0302", async () => {
    // given a project that is not the account's
    const other = "f".repeat(32);
    const headers = { "content-type": "application/json", "X-Project-Id": other };

    // when its DR list is requested
    const path = `/v2/${other}/disaster-recoveries`;
    const response = await sendSigned(emulator(), "GET", path, { headers });

    // then it is forbidden
    expectRefused(response, 403, "APIGW.0302", `project ${other}`);
  });
});

describe("emulator X-Sdk-Date window", () => {
  it("refuses an X-Sdk-Date more than 15 minutes away from the emulator clock", async () => {
    // given an emulator whose clock runs 16 minutes ahead
    await withEmulator({ clock: () => Date.now() + 16 * MINUTE }, async (emulator) => {
      // when a request signed now is sent
      const response = await sendSigned(emulator, "GET", drPaths(emulator).list);

      // then its date is expired
      expectRefused(response, 401, "APIGW.0301", "x-sdk-date is invalid or expired");
    });
  });

  it("accepts an X-Sdk-Date 14 minutes away from the emulator clock", async () => {
    // given an emulator whose clock runs 14 minutes behind
    await withEmulator({ clock: () => Date.now() - 14 * MINUTE }, async (emulator) => {
      // when a request signed now is sent
      const response = await sendSigned(emulator, "GET", drPaths(emulator).list);

      // then it is within the window
      expect(response.status).toBe(200);
    });
  });
});

describe("emulator temporary credentials", () => {
  const securityToken = "temporary-security-token";
  const options = { seed: { ...defaultSeed(), securityToken } };

  it("accepts a request that signs the right X-Security-Token", async () => {
    await withEmulator(options, async (emulator) => {
      // given temporary credentials
      const credentials = { ...credentialsOf(emulator), securityToken };

      // when a request is signed with them
      const response = await sendSigned(emulator, "GET", drPaths(emulator).list, { credentials });

      // then it is accepted
      expect(response.status).toBe(200);
    });
  });

  it("refuses a request without the security token", async () => {
    await withEmulator(options, async (emulator) => {
      // given only the access key pair
      // when a request is signed without the token
      const response = await sendSigned(emulator, "GET", drPaths(emulator).list);

      // then it is refused
      expectRefused(response, 401, "APIGW.0301", "x-security-token");
    });
  });

  it("refuses a security token that is sent but not signed", async () => {
    await withEmulator(options, async (emulator) => {
      // given a token header added after signing
      const alter = (headers: Record<string, string>) => ({
        ...headers,
        "X-Security-Token": securityToken,
      });

      // when the request is sent
      const response = await sendSigned(emulator, "GET", drPaths(emulator).list, { alter });

      // then it is refused
      expectRefused(response, 401, "APIGW.0301", "x-security-token");
    });
  });
});

describe("emulator token authentication", () => {
  const authToken = "iam-user-token";

  it("accepts the seed's X-Auth-Token without a signature", async () => {
    await withEmulator({ seed: { ...defaultSeed(), authToken } }, async (emulator) => {
      // when a request carries the token
      const response = await sendRaw(emulator.endpoint, {
        method: "GET",
        path: drPaths(emulator).list,
        headers: { "X-Auth-Token": authToken, "X-Project-Id": emulator.projectId },
      });

      // then it is accepted
      expect(response.status).toBe(200);
    });
  });

  it("refuses another token as the gateway does", async () => {
    await withEmulator({ seed: { ...defaultSeed(), authToken } }, async (emulator) => {
      // when a request carries a wrong token
      const response = await sendRaw(emulator.endpoint, {
        method: "GET",
        path: drPaths(emulator).list,
        headers: { "X-Auth-Token": "some-other-token" },
      });

      // then it is refused
      expectRefused(response, 401, "APIGW.0301", "decrypt token fail");
    });
  });

  it("refuses every token when the seed has none", async () => {
    await withEmulator({}, async (emulator) => {
      // when a request carries a token to an account without token auth
      const response = await sendRaw(emulator.endpoint, {
        method: "GET",
        path: drPaths(emulator).list,
        headers: { "X-Auth-Token": authToken },
      });

      // then it is refused
      expectRefused(response, 401, "APIGW.0301", "decrypt token fail");
    });
  });
});

function credentialsOf(emulator: RunningEmulator) {
  return { accessKey: emulator.accessKey, secretKey: emulator.secretKey };
}

function signedHeadersFor(emulator: RunningEmulator, method: string, path: string) {
  const url = new URL(path, emulator.endpoint).href;
  return signRequest(
    { method, url, headers: { "content-type": "application/json" } },
    credentialsOf(emulator),
  );
}
