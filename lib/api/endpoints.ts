import { badInput } from "./errors";

// Regions whose DWS endpoint is not on myhuaweicloud.com (reference/dws-dr-api.md §6, from the
// SDKs' DwsRegion tables).
const REGION_DOMAIN_EXCEPTIONS: Readonly<Record<string, string>> = {
  "eu-west-101": "myhuaweicloud.eu",
  "cn-south-4": "myhuaweicloud.cn",
  "cn-north-12": "myhuaweicloud.cn",
  "cn-east-4": "myhuaweicloud.cn",
  "tr-west-1": "myhuaweicloud.cn",
  "ap-southeast-4": "myhuaweicloud.cn",
};

/** The regions the DWS SDKs list (reference/dws-dr-api.md §6). */
export const KNOWN_REGIONS: readonly string[] = [
  "cn-north-1",
  "cn-north-2",
  "cn-north-4",
  "cn-north-9",
  "cn-north-11",
  "cn-east-2",
  "cn-east-3",
  "cn-east-5",
  "cn-south-1",
  "cn-southwest-2",
  "cn-southwest-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-5",
  "af-south-1",
  "af-north-1",
  "la-south-2",
  "la-north-2",
  "sa-brazil-1",
  "na-mexico-1",
  "ru-moscow-1",
  "ae-ad-1",
  "my-kualalumpur-1",
  "me-east-1",
  ...Object.keys(REGION_DOMAIN_EXCEPTIONS),
];

const REGION_PATTERN = /^[a-z]{2}-[a-z]+-\d+$/;

/** The DWS endpoint of a region: `https://dws.{region}.myhuaweicloud.com` or a documented exception. */
export function regionEndpoint(region: string): string {
  if (!REGION_PATTERN.test(region)) {
    throw badInput(
      `region: "${region}" is not a Huawei Cloud region name`,
      `Use a region id such as "cn-north-4" (known: ${KNOWN_REGIONS.join(", ")}), or give endpoint instead.`,
    );
  }
  return `https://dws.${region}.${REGION_DOMAIN_EXCEPTIONS[region] ?? "myhuaweicloud.com"}`;
}

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts plain http may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks an endpoint URL and returns it normalised (no trailing slash). https anywhere; http only
 * to loopback (the emulator), because a signed request over plain http could be replayed.
 */
export function validateEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw badInput(
      `endpoint: "${endpoint}" is not a URL`,
      'Use a URL such as "https://dws.cn-north-4.myhuaweicloud.com".',
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw badInput(
      `endpoint: "${endpoint}" uses plain http to a host that is not loopback`,
      "Use https; plain http is accepted only for 127.0.0.1, ::1 or localhost (the emulator).",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw badInput(`endpoint: "${endpoint}" is not an http(s) URL`, "Use an https:// URL.");
  }
  // Both halves of the user info: `https://:pw@host` has no user name but still a password, and
  // the URL parser would drop it silently. The message does not repeat the endpoint: it holds it.
  if (url.username || url.password) {
    throw badInput(
      `endpoint: a URL with user info (user${url.password ? " or password" : ""} before "@${url.host}") is refused`,
      "Credentials never go into the endpoint; they come from the environment (HUAWEICLOUD_SDK_AK/SK or HW_AUTH_TOKEN).",
    );
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw badInput(
      `endpoint: "${endpoint}" has a path, query or fragment`,
      'Give only scheme, host and port, e.g. "https://dws.cn-north-4.myhuaweicloud.com".',
    );
  }
  return `${url.protocol}//${url.host}`;
}

// The domains the DWS endpoints of every region live under (reference/dws-dr-api.md §6).
const HUAWEI_CLOUD_DOMAINS = ["myhuaweicloud.com", "myhuaweicloud.eu", "myhuaweicloud.cn"];

/** The environment variable that lets credentials go to a host outside Huawei Cloud's domains. */
export const ALLOW_ENDPOINT_HOST_ENV = "DWS_DR_ALLOW_ENDPOINT_HOST";

/**
 * Refuses to send credentials to a host that is neither under Huawei Cloud's DWS domains
 * (`*.myhuaweicloud.com`, `.eu`, `.cn`) nor loopback (the emulator), unless `allowedHosts` (the
 * comma-separated value of {@link ALLOW_ENDPOINT_HOST_ENV}) names it: a mistyped or planted
 * endpoint would otherwise receive a signed request or an IAM token. A private gateway or a
 * Huawei Cloud Stack endpoint is opted in by its host name (port excluded).
 */
export function checkEndpointHost(endpoint: string, allowedHosts: string | undefined): void {
  const host = new URL(endpoint).hostname.toLowerCase();
  if (isLoopbackHost(host)) return;
  if (HUAWEI_CLOUD_DOMAINS.some((domain) => host.endsWith(`.${domain}`))) return;
  const allowed = (allowedHosts ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
  if (allowed.includes(host)) return;
  throw badInput(
    `endpoint: host "${host}" is not under Huawei Cloud's DWS domains (${HUAWEI_CLOUD_DOMAINS.join(", ")}), and credentials are not sent to it unasked`,
    `If "${host}" is your private DWS gateway, allow it with ${ALLOW_ENDPOINT_HOST_ENV}=${host} (comma-separated for several); otherwise check the endpoint.`,
  );
}

/** Resolves the endpoint from an explicit endpoint or a region; exactly one must be given. */
export function resolveEndpoint(options: { region?: string; endpoint?: string }): string {
  if (options.endpoint) return validateEndpoint(options.endpoint);
  if (options.region) return regionEndpoint(options.region);
  throw badInput(
    "region or endpoint: neither was given",
    "Set --region (or DWS_DR_REGION / HW_REGION_NAME), or --endpoint (or DWS_DR_ENDPOINT).",
  );
}

/** True when `region` is one of {@link KNOWN_REGIONS}. */
export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.includes(region);
}

/**
 * The known regions closest to `region`, at most two single-character edits away: the likely
 * intended ones when a region name is mistyped (`cn-nort-4` gives `cn-north-4` only, not the
 * other `cn-north-*` one edit further).
 */
export function closeKnownRegions(region: string, maxDistance = 2): string[] {
  const distances = KNOWN_REGIONS.map((known) => ({
    known,
    distance: editDistance(region, known),
  }));
  const closest = Math.min(...distances.map(({ distance }) => distance));
  if (closest === 0 || closest > maxDistance) return [];
  return distances.filter(({ distance }) => distance === closest).map(({ known }) => known);
}

// Levenshtein distance: insertions, deletions and substitutions each count 1.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
