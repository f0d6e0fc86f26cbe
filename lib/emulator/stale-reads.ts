/**
 * The real service shows the old status for a moment after accepting an action (the task's
 * status is updated asynchronously). With a window set, detail reads inside it after an accepted
 * action are served the detail as it was before the action.
 */
export class StaleReads {
  private readonly frozen = new Map<string, { view: Record<string, unknown>; until: number }>();

  constructor(private windowMs: number) {}

  /** Sets the window for actions accepted from now on (a test turning stale reads on or off). */
  setWindow(ms: number): void {
    if (!(ms >= 0)) throw new Error(`emulator: staleReadsMs must be >= 0 (got ${ms})`);
    this.windowMs = ms;
  }

  /** Remembers `before` (the detail view before the action) for the window, from `now`. */
  actionAccepted(id: string, before: Record<string, unknown>, now: number): void {
    // A newer action supersedes what an older one froze, window or not.
    if (this.windowMs > 0) this.frozen.set(id, { view: before, until: now + this.windowMs });
    else this.frozen.delete(id);
  }

  /** True while reads of `id` are served the pre-action detail. */
  isStale(id: string, now: number): boolean {
    return this.viewAt(id, now) !== undefined;
  }

  /** The stale detail view to serve at `now`, or undefined to serve the current one. */
  viewAt(id: string, now: number): Record<string, unknown> | undefined {
    const entry = this.frozen.get(id);
    if (!entry) return undefined;
    if (now < entry.until) return entry.view;
    this.frozen.delete(id);
    return undefined;
  }
}
