import { expectPositiveInteger } from "../validate.js";

/**
 * Where delivery ids are remembered, so that a replayed delivery is refused. Small on purpose: a
 * shared store (Redis: `SET id 1 NX PX ttl` / `DEL id`) implements it in two calls.
 */
export interface ReplayStore {
  /**
   * Records `id` for `ttlMs`; false when it is already recorded (a replay). A shared store answers
   * with a promise; one in memory may answer at once, which spares the receiver a turn of the
   * event loop per delivery.
   */
  claim(id: string, ttlMs: number): boolean | Promise<boolean>;
  /** Forgets `id`, so that the vendor's retry of a delivery that failed here is accepted. */
  release(id: string): Promise<void>;
}

export interface MemoryReplayStoreOptions {
  /** Most ids held at once; the oldest go first. Default 10,000. */
  maxEntries?: number;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

/**
 * In-memory ReplayStore: bounded and expiring. One process only; share a store across workers.
 * Claims wait in a queue, oldest first, so expiry and the cap drop them in O(1) however full the
 * store is (dropping the oldest entries of the Map itself walks over every hole its earlier
 * deletions left at the front: tens of µs per claim once the store is full). The queue is two
 * parallel arrays (ids, expiries as unboxed doubles) and the map holds each id's place in it: no
 * object is made per claim.
 */
export function createReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const max = expectPositiveInteger("maxEntries", options.maxEntries ?? 10_000);
  const now = options.now ?? Date.now;
  // id -> its claim's sequence number; claim n sits at ids[n - first], until[n - first]
  const held = new Map<string, number>();
  let ids: string[] = [];
  let until: number[] = [];
  let first = 0;
  let head = 0;
  // a released or re-claimed id leaves its old entry in the queue: it counts toward the cap, and
  // only the entry the map still points at is forgotten when it leaves
  const dropOldest = () => {
    const id = ids[head]!;
    if (held.get(id) === first + head) held.delete(id);
    ids[head++] = "";
    if (head >= 1024 && head * 2 >= ids.length) {
      ids = ids.slice(head);
      until = until.slice(head);
      first += head;
      head = 0;
    }
  };
  return {
    claim(id, ttlMs) {
      const t = now();
      while (head < ids.length && until[head]! <= t) dropOldest();
      const current = held.get(id);
      if (current !== undefined && until[current - first]! > t) return false;
      while (ids.length - head >= max) dropOldest();
      held.set(id, first + ids.length);
      ids.push(id);
      until.push(t + ttlMs);
      return true;
    },
    async release(id) {
      held.delete(id);
    },
  };
}
