// What an HTTP exchange gives the client: an answer, or an error with a code. Apart from the
// transport, so that the failure mapping stays pure (it reads answers; it never sends).

/** An HTTP answer, whatever its status: headers lower-cased, the body as text. */
export interface HttpAnswer {
  /** The HTTP status code. */
  readonly status: number;
  /** Lower-cased names; a header sent several times (set-cookie) is an array. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The whole body as UTF-8 text, whatever its content type. */
  readonly body: string;
}

/** The error code of an exchange that ran out of time (as node's sockets name it). */
export const TIMED_OUT = "ETIMEDOUT";
/** The error code of an answer whose body is larger than the exchange accepts. */
export const RESPONSE_TOO_LARGE = "ERR_RESPONSE_TOO_LARGE";

/** An exchange that got no complete answer; `code` is node's (ECONNRESET, ...) or one of ours. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}
