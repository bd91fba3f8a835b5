// Hands out record ids to the workers and counts what they send: the platform's side of the load
// test. Ids held by a worker that dies go back to the queue, so nothing is lost; a record sent
// twice is counted as such.

export class Coordinator {
  readonly #held = new Map<number, Set<string>>();
  readonly #queue: string[] = [];
  readonly sent = new Map<string, number>();
  readonly failures = new Map<string, number>();
  #minted = 0;
  #closed = false;

  /** The next id for `worker`, or undefined once closed and nothing is left to redo. */
  next(worker: number): string | undefined {
    const id = this.#queue.shift() ?? (this.#closed ? undefined : String(++this.#minted));
    if (id === undefined) return undefined;
    this.#holdings(worker).add(id);
    return id;
  }

  sentBy(worker: number, id: string): void {
    this.#holdings(worker).delete(id);
    this.sent.set(id, (this.sent.get(id) ?? 0) + 1);
  }

  /** A fetch that failed for good: the id is fetched again by whoever asks next. */
  failedBy(worker: number, id: string, code: string): void {
    this.#holdings(worker).delete(id);
    this.failures.set(code, (this.failures.get(code) ?? 0) + 1);
    this.#queue.push(id);
  }

  /** A worker died: the ids it held go back to the queue. */
  lost(worker: number): number {
    const held = [...this.#holdings(worker)];
    this.#held.delete(worker);
    this.#queue.push(...held);
    return held.length;
  }

  /** No new ids from now on; ids to redo are still handed out. */
  close(): void {
    this.#closed = true;
  }

  /** Ids minted, minted ids never sent (lost), and sends past the first (sent twice). */
  tally(): { minted: number; lost: number; duplicates: number } {
    let duplicates = 0;
    for (const count of this.sent.values()) if (count > 1) duplicates += count - 1;
    return { minted: this.#minted, lost: this.#minted - this.sent.size, duplicates };
  }

  #holdings(worker: number): Set<string> {
    let held = this.#held.get(worker);
    if (!held) {
      held = new Set();
      this.#held.set(worker, held);
    }
    return held;
  }
}
