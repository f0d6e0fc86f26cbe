import { DrAction } from "../api/status-model";
import { ActionOutcome, TaskSnapshot } from "./emulator-state";

/**
 * One action request that reached the DR state machine, and what the service made of it. Faults
 * that answer instead of the service (a 5xx, a 429, a connection dropped before it) never get
 * here: the service did not see the request.
 */
export interface JournalEntry {
  /** Position in the journal, from 0. */
  readonly seq: number;
  /** When the service handled it (epoch ms, emulator clock). */
  readonly at: number;
  readonly disasterRecoveryId: string;
  readonly action: DrAction;
  /** The request as received: method and target (path and query). */
  readonly request: { readonly method: string; readonly path: string };
  /** `accepted` (applied: the DR started moving), `busy`, `refused` or `not-found`. */
  readonly outcome: ActionOutcome["kind"];
  /** Whether the service applied the action. */
  readonly applied: boolean;
  /** The DR's status when the request arrived (undefined for an unknown DR). */
  readonly statusBefore?: string;
  /** The primary cluster's id when the request arrived: a swap sent while the wanted one already was primary shows here. */
  readonly primaryBefore?: string;
}

/**
 * The journal of action requests the service handled, oldest first: what invariants over a
 * history (at most one failover per incident, no swap of a DR already as wanted) are read from,
 * instead of from what the client says it did.
 */
export class ActionJournal {
  private readonly entries: JournalEntry[] = [];

  /** Records one handled action request; `before` is the DR as it was when the request arrived. */
  record(
    at: number,
    request: { method: string; path: string },
    id: string,
    action: DrAction,
    outcome: ActionOutcome,
    before: TaskSnapshot | undefined,
  ): void {
    this.entries.push({
      seq: this.entries.length,
      at,
      disasterRecoveryId: id,
      action,
      request: { method: request.method, path: request.path },
      outcome: outcome.kind,
      applied: outcome.kind === "accepted",
      statusBefore: before?.status,
      primaryBefore: before?.primaryCluster.id,
    });
  }

  /** Every entry so far, oldest first (a copy). */
  list(): JournalEntry[] {
    return [...this.entries];
  }
}
