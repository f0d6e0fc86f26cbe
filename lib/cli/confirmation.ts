import { DwsDrError, badInput } from "../api/errors";
import type { DrAction } from "../api/status-model";

// What each destructive action loses (reference/dws-dr-api.md §1: failover, recovery).
const DATA_LOSS: Readonly<Partial<Record<DrAction, string>>> = {
  failover:
    "it makes the standby cluster primary, and changes on the primary not yet synchronised to the standby are lost",
  recovery:
    "it deletes the data of the standby cluster and rebuilds the DR relationship from the primary",
};

/**
 * Failover and recovery destroy data, so they run only when `--confirm` (or `DWS_DR_CONFIRM`)
 * repeats the DR id: a copied command line cannot fire one at another DR by accident.
 * Returns the refusal (bad input: nothing is sent), or undefined when confirmed or not needed.
 */
export function missingConfirmation(
  action: DrAction,
  disasterRecoveryId: string,
  confirm: string | undefined,
): DwsDrError | undefined {
  const loss = DATA_LOSS[action];
  if (loss === undefined || confirm?.toLowerCase() === disasterRecoveryId) return undefined;
  const given =
    confirm === undefined ? "no --confirm given" : `--confirm "${confirm}" is not the DR id`;
  return badInput(
    `${action} of DR ${disasterRecoveryId} needs confirmation (${given}): ${loss}; nothing was sent`,
    `To accept that, run again with --confirm ${disasterRecoveryId} (or DWS_DR_CONFIRM=${disasterRecoveryId}).`,
  );
}
