import { expectPositiveInteger } from "./validate.js";

/**
 * `fn` over `items` with at most `limit` calls in flight (default 10); results in input order.
 * The first failure rejects the whole call and stops workers from taking new items.
 */
export async function mapConcurrent<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number | undefined,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const width = expectPositiveInteger("limit", limit ?? 10);
  const iterator =
    Symbol.asyncIterator in items
      ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (items as Iterable<T>)[Symbol.iterator]();
  const results: R[] = [];
  let nextIndex = 0;
  let failed = false;

  async function worker(): Promise<void> {
    while (!failed) {
      // Async generators queue concurrent next() calls, so workers never see the same item.
      const step = await iterator.next();
      if (step.done || failed) return;
      const index = nextIndex++;
      try {
        results[index] = await fn(step.value, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  }

  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
