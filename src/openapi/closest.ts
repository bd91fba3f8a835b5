/** Levenshtein distance, two rows; inputs are short ids so O(n·m) is fine. */
export function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The `limit` candidates closest to `wanted` (substring hits first), in a stable order. */
export function closest(wanted: string, candidates: readonly string[], limit = 5): string[] {
  const w = wanted.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => {
      const l = c.toLowerCase();
      const d = l.includes(w) || w.includes(l) ? -1 / (1 + l.length) : distance(w, l);
      return { c, d };
    })
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.c);
}
