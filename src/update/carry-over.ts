/**
 * Which recorded ids an integration carries into the new spec: those the spec still has, those
 * found again under a new id at the same place (an operation's route, a webhook's key and method),
 * and those that left it. Both kinds line up their ids this way.
 */
export interface CarriedOver {
  kept: string[];
  removed: string[];
  /** Recorded id → the id the same place has now. */
  renamed: Map<string, string>;
}

export function carryOver(
  recorded: readonly string[],
  now: readonly { id: string; place: string }[],
  before: readonly { id: string; place: string }[],
): CarriedOver {
  const ids = new Set(now.map((x) => x.id));
  const byPlace = new Map(now.map((x) => [x.place, x.id]));
  const oldPlaces = new Map(before.map((x) => [x.id, x.place]));
  const out: CarriedOver = { kept: [], removed: [], renamed: new Map() };
  for (const id of recorded) {
    const moved = byPlace.get(oldPlaces.get(id) ?? "");
    if (ids.has(id)) out.kept.push(id);
    else if (moved && !recorded.includes(moved)) {
      out.renamed.set(id, moved);
      out.kept.push(moved);
    } else out.removed.push(id);
  }
  return out;
}

/** The recorded id a current one stands for (itself unless it was renamed). */
export function recordedIdOf(renamed: ReadonlyMap<string, string>, id: string): string {
  return [...renamed].find(([, to]) => to === id)?.[0] ?? id;
}
