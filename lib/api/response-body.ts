import type { HttpAnswer } from "./http-answer";
import { DwsDrError } from "./errors";

// Reading an answer: its headers and its JSON body, which is not always JSON (a proxy's page).

/** A response header's value, or undefined when absent or empty. */
export function headerValue(response: HttpAnswer | undefined, name: string): string | undefined {
  const value = response?.headers?.[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The response body as JSON; `lenient` gives undefined instead of throwing on an odd body. */
export function parseBody(response: HttpAnswer, what: string, { lenient = false } = {}): unknown {
  const data = response.body;
  if (!data) {
    if (lenient) return undefined;
    throw unexpectedResponse(what, "an empty body");
  }
  try {
    return JSON.parse(data);
  } catch {
    if (lenient) return undefined;
    throw unexpectedResponse(what, `not JSON${describeContentType(response)}: ${excerpt(data)}`);
  }
}

// The start of an odd body, on one line: enough to recognise a proxy's or portal's page.
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}...` : line);
}

/** A 200 whose body is not the API's answer. */
export function unexpectedResponse(what: string, problem: string): DwsDrError {
  return new DwsDrError({
    category: "service",
    summary: `${what} returned an unexpected body (${problem})`,
    hint: "Check that the endpoint is a DWS endpoint, and any HTTPS_PROXY / NO_PROXY settings",
  });
}

/** The content type in parentheses, for a message, or nothing. */
export function describeContentType(response: HttpAnswer): string {
  const type = headerValue(response, "content-type");
  return type ? ` (${type.split(";")[0]})` : "";
}
