import fc from "fast-check";
import { historyArbitrary } from "./arbitraries";
import { addCounts, InvariantViolation, runHistory, SoakCounts, zeroCounts } from "./harness";
import { History } from "./model";

/** How to run a soak. */
export interface SoakOptions {
  /** fast-check's seed: the same seed generates the same histories. */
  readonly seed: number;
  /** How many histories to generate. */
  readonly runs: number;
  /** The longest history, in commands after the first apply. */
  readonly maxCommands: number;
  /** How long shrinking a failure may take (ms) before the shortest history so far is reported. */
  readonly shrinkBudgetMs: number;
  /**
   * Run every history and list each one that broke an invariant, instead of stopping at the first
   * and shrinking it (replay one with `path`).
   */
  readonly keepGoing?: boolean;
  /** Replay only the history at this fast-check path (from a keep-going list), then shrink it. */
  readonly path?: string;
  /** Print each step of each history as it ends. */
  readonly verbose?: boolean;
  /** Told after each generated history (not after shrinking runs). */
  readonly progress?: (
    done: number,
    counts: SoakCounts,
    violations: readonly KeptViolation[],
  ) => void;
}

/** A violation found, shrunk as far as the budget allowed. */
export interface SoakFailure {
  readonly seed: number;
  /** fast-check's path to the counterexample: replays it with `seed` at once. */
  readonly path: string;
  readonly history: History;
  readonly message: string;
  /** How many shrinking runs were made (each a whole history against real Terraform). */
  readonly shrinks: number;
  /** A jest test that replays the shrunk history, to paste into test/soak/. */
  readonly testCase: string;
}

/** A history that broke an invariant, in a keep-going run. */
export interface KeptViolation {
  /** fast-check's path of the history: `npm run soak -- --seed <seed> --path <path>` shrinks it. */
  readonly path: string;
  readonly message: string;
}

/** What a soak did. */
export interface SoakReport {
  /** In a keep-going run: every history that broke an invariant. */
  readonly violations: readonly KeptViolation[];
  readonly seed: number;
  /** Counts over the generated histories (shrinking runs excluded). */
  readonly counts: SoakCounts;
  readonly durationMs: number;
  readonly failure?: SoakFailure;
}

/** Generates `runs` histories from `seed`, runs each against real Terraform, shrinks a failure. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const counts = zeroCounts();
  let failedAt: number | undefined;
  let generated = 0;
  const kept: KeptViolation[] = [];
  const property = fc.asyncProperty(historyArbitrary(options.maxCommands), async (history) => {
    if (failedAt !== undefined && Date.now() - failedAt > options.shrinkBudgetMs) {
      // Shrinking reruns whole histories against Terraform: past the budget every further
      // candidate passes at once, so fast-check reports the shortest failing history so far.
      return;
    }
    try {
      const one = await runHistory(history, options.verbose);
      if (failedAt === undefined) addCounts(counts, one);
    } catch (error) {
      if (options.keepGoing && error instanceof InvariantViolation) {
        addCounts(counts, error.counts);
        kept.push({ path: String(generated), message: error.message });
        generated += 1;
        options.progress?.(generated, counts, kept);
        return;
      }
      if (failedAt === undefined) {
        if (error instanceof InvariantViolation) addCounts(counts, error.counts);
        failedAt = Date.now();
        generated += 1;
        options.progress?.(generated, counts, kept);
      }
      throw error;
    }
    if (failedAt === undefined) {
      generated += 1;
      options.progress?.(generated, counts, kept);
    }
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  const durationMs = Date.now() - started;
  if (!details.failed || !details.counterexample) {
    return { seed: options.seed, counts, durationMs, violations: kept };
  }
  const [history] = details.counterexample;
  const error = details.errorInstance;
  const message = error instanceof Error ? error.message : String(error);
  return {
    seed: options.seed,
    counts,
    durationMs,
    violations: kept,
    failure: {
      seed: options.seed,
      path: details.counterexamplePath ?? "",
      history,
      message,
      shrinks: details.numShrinks,
      testCase: testCaseFor(options.seed, history, message),
    },
  };
}

/** The shrunk history as a jest test, ready to paste into the suite. */
export function testCaseFor(seed: number, history: History, message: string): string {
  const first = message.split("\n")[0].replace(/"/g, "'");
  return [
    `// Found by the soak (seed ${seed}), shrunk; for test/soak/found.test.ts: ${first}`,
    `it("soak seed ${seed}: the shrunk history keeps every invariant", async () => {`,
    `  await runHistory(${JSON.stringify(history, null, 2).replace(/\n/g, "\n  ")});`,
    `});`,
  ].join("\n");
}
