/**
 * One timer for every delivery in flight instead of one setTimeout each: at thousands of
 * deliveries a second the per-delivery timer was the receiver's largest cost. Deadlines are
 * checked every `tickMs`, so a late handler is noticed up to one tick late.
 */
export class Deadlines {
  readonly #pending = new Map<number, { at: number; late: () => void }>();
  #next = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly tickMs = 50) {}

  /** Calls `late` once `ms` have passed, unless the returned function is called first. */
  track(ms: number, late: () => void): () => void {
    const key = this.#next++;
    this.#pending.set(key, { at: performance.now() + ms, late });
    this.#timer ??= setInterval(() => this.#check(), Math.min(this.tickMs, ms)).unref();
    return () => {
      this.#pending.delete(key);
      this.#stopWhenIdle();
    };
  }

  #check(): void {
    const now = performance.now();
    for (const [key, entry] of this.#pending) {
      if (entry.at > now) continue;
      this.#pending.delete(key);
      entry.late();
    }
    this.#stopWhenIdle();
  }

  #stopWhenIdle(): void {
    if (this.#pending.size > 0 || !this.#timer) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
