import {
  checkEndpointHost,
  closeKnownRegions,
  isKnownRegion,
  regionEndpoint,
  resolveEndpoint,
  validateEndpoint,
} from "../../lib/api/endpoints";

describe("endpoints", () => {
  it.each([
    ["cn-north-4", "https://dws.cn-north-4.myhuaweicloud.com"],
    ["eu-west-101", "https://dws.eu-west-101.myhuaweicloud.eu"],
    ["cn-south-4", "https://dws.cn-south-4.myhuaweicloud.cn"],
    ["tr-west-1", "https://dws.tr-west-1.myhuaweicloud.cn"],
  ])("maps region %s to %s", (region, endpoint) => {
    expect(regionEndpoint(region)).toBe(endpoint);
  });

  it("refuses a region that is not a region name", () => {
    expect(() => regionEndpoint("north 4")).toThrow(
      /region: "north 4" is not a Huawei Cloud region/,
    );
  });

  it.each(["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"])(
    "accepts plain http to loopback %s",
    (url) => {
      expect(validateEndpoint(url)).toBe(url);
    },
  );

  it("refuses plain http to any other host", () => {
    expect(() => validateEndpoint("http://dws.cn-north-4.myhuaweicloud.com")).toThrow(
      /plain http to a host that is not loopback.*Use https/,
    );
  });

  it("strips a trailing slash and refuses paths, queries and other schemes", () => {
    expect(validateEndpoint("https://dws.example.com/")).toBe("https://dws.example.com");
    expect(() => validateEndpoint("https://dws.example.com/v2")).toThrow(/has a path/);
    expect(() => validateEndpoint("ftp://dws.example.com")).toThrow(/not an http\(s\) URL/);
    expect(() => validateEndpoint("dws.example.com")).toThrow(/is not a URL/);
  });

  it("prefers the endpoint over the region and needs one of them", () => {
    expect(resolveEndpoint({ region: "cn-north-4", endpoint: "https://x.example.com" })).toBe(
      "https://x.example.com",
    );
    expect(() => resolveEndpoint({})).toThrow(/neither was given/);
  });
});

describe("region helpers for the constructs' synth warning", () => {
  it("knows the SDK regions, the domain exceptions included", () => {
    expect(isKnownRegion("cn-north-4")).toBe(true);
    expect(isKnownRegion("eu-west-101")).toBe(true);
    expect(isKnownRegion("cn-nort-4")).toBe(false);
  });

  it("names only the closest known regions, at most two edits away", () => {
    expect(closeKnownRegions("cn-nort-4")).toEqual(["cn-north-4"]);
    expect(closeKnownRegions("ap-southeast-6")).toEqual([
      "ap-southeast-1",
      "ap-southeast-2",
      "ap-southeast-3",
      "ap-southeast-5",
      "ap-southeast-4",
    ]);
    expect(closeKnownRegions("xx-space-1")).toEqual([]);
    expect(closeKnownRegions("cn-north-4")).toEqual([]);
  });
});

describe("endpoints that credentials may go to (issue 22)", () => {
  it.each(["https://:pw@dws.cn-north-4.myhuaweicloud.com", "https://ak:sk@dws.example.com"])(
    "refuses user info in %s, without repeating it",
    (url) => {
      let message = "";
      try {
        validateEndpoint(url);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^endpoint: a URL with user info .* is refused/);
      expect(message).not.toMatch(/pw|ak:sk/);
    },
  );

  it.each([
    "https://dws.cn-north-4.myhuaweicloud.com",
    "https://dws.eu-west-101.myhuaweicloud.eu:443",
    "https://dws.cn-south-4.myhuaweicloud.cn",
    "http://127.0.0.1:8080",
    "https://localhost:9443",
    "http://[::1]:9",
  ])("lets credentials go to %s", (endpoint) => {
    expect(() => checkEndpointHost(endpoint, undefined)).not.toThrow();
  });

  it.each([
    "https://dws.example.com",
    "https://myhuaweicloud.com.evil.example",
    "https://evilmyhuaweicloud.com",
    "https://10.0.0.5:8443",
  ])("refuses %s unless DWS_DR_ALLOW_ENDPOINT_HOST names its host", (endpoint) => {
    const host = new URL(endpoint).hostname;
    expect(() => checkEndpointHost(endpoint, undefined)).toThrow(
      new RegExp(
        `host "${host.replace(/\./g, "\\.")}" is not under Huawei Cloud's DWS domains.*DWS_DR_ALLOW_ENDPOINT_HOST=`,
      ),
    );
    expect(() => checkEndpointHost(endpoint, "other.example")).toThrow(/not under/);
    expect(() =>
      checkEndpointHost(endpoint, ` other.example , ${host.toUpperCase()} `),
    ).not.toThrow();
  });
});
