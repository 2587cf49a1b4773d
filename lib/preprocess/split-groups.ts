/**
 * Group-aware train / validation / test assignment: sequences that share a unit (a vehicle, a
 * patient…) always go to the same split, so that nothing of a unit seen in training leaks into
 * validation or test. Units are placed largest first, each where it brings the split sizes and the
 * anomaly counts closest to their targets (those of splitCounts and anomalyCounts); then the minimums
 * are restored and anomalous units swapped in where a split has none. Pure and seeded.
 */
import { createRng } from "../rng";
import { SPLITS, type Split } from "../series/types";
import { shuffled, splitCounts, type SplitCounts, type SplitRatios } from "./split";
import { anomalyCounts, eligibleSplits } from "./split-stratified";

export type SplitItem = { anomalous: boolean; unit: string | null };

type Group = { members: number[]; size: number; anomalous: number };

/** Units of the items; an item without a unit is a unit of its own. In order of first appearance. */
export function groupsOf(items: readonly SplitItem[]): Group[] {
  const byUnit = new Map<string, Group>();
  const groups: Group[] = [];
  items.forEach((item, i) => {
    const known = item.unit === null ? undefined : byUnit.get(item.unit);
    const group = known ?? { members: [], size: 0, anomalous: 0 };
    if (!known) {
      groups.push(group);
      if (item.unit !== null) byUnit.set(item.unit, group);
    }
    group.members.push(i);
    group.size++;
    if (item.anomalous) group.anomalous++;
  });
  return groups;
}

const sq = (x: number) => x * x;

/** Places each group where it lowers the squared distance to the targets most (ties: larger deficit, then train first). */
function place(groups: Group[], allowed: Split[], sizes: SplitCounts, anomalies: SplitCounts): Map<Group, Split> {
  const filled: Record<Split, { size: number; anomalous: number }> = {
    train: { size: 0, anomalous: 0 },
    validation: { size: 0, anomalous: 0 },
    test: { size: 0, anomalous: 0 },
  };
  const where = new Map<Group, Split>();
  for (const g of groups) {
    const cost = (s: Split) =>
      sq(filled[s].size + g.size - sizes[s]) -
      sq(filled[s].size - sizes[s]) +
      sq(filled[s].anomalous + g.anomalous - anomalies[s]) -
      sq(filled[s].anomalous - anomalies[s]);
    const deficit = (s: Split) => sizes[s] - filled[s].size;
    const best = allowed.reduce((b, s) => {
      const d = cost(s) - cost(b);
      return d < 0 || (d === 0 && deficit(s) > deficit(b)) ? s : b;
    });
    where.set(g, best);
    filled[best].size += g.size;
    filled[best].anomalous += g.anomalous;
  }
  return where;
}

const membersOf = (where: Map<Group, Split>, split: Split) => [...where].filter(([, s]) => s === split).map(([g]) => g);

/** At least one unit in train, and one in validation when there are two units and its ratio is above 0. */
function restoreMinimums(where: Map<Group, Split>, ratios: SplitRatios): void {
  const needs: Split[] = ["train", ...(where.size >= 2 && ratios.validation > 0 ? (["validation"] as const) : [])];
  for (const needy of needs) {
    if (membersOf(where, needy).length > 0) continue;
    const keep = (s: Split) => (needs.includes(s) ? 1 : 0);
    const donor = SPLITS.filter((s) => s !== needy).reduce((b, s) =>
      membersOf(where, s).length - keep(s) > membersOf(where, b).length - keep(b) ? s : b,
    );
    const smallest = membersOf(where, donor).reduce<Group | undefined>((b, g) => (!b || g.size < b.size ? g : b), undefined);
    if (smallest) where.set(smallest, needy);
  }
}

/** A split that should hold anomalies but has none takes an anomalous unit of a split that has two, for a normal unit of a close size. */
function swapInAnomalies(where: Map<Group, Split>, eligible: Split[]): void {
  for (const needy of eligible) {
    if (membersOf(where, needy).some((g) => g.anomalous > 0)) continue;
    let swap: { give: Group; take: Group; gap: number } | null = null;
    for (const donor of SPLITS.filter((s) => s !== needy)) {
      const anomalousUnits = membersOf(where, donor).filter((g) => g.anomalous > 0);
      if (anomalousUnits.length < 2) continue;
      for (const give of anomalousUnits) {
        for (const take of membersOf(where, needy)) {
          const gap = Math.abs(give.size - take.size);
          if (!swap || gap < swap.gap) swap = { give, take, gap };
        }
      }
    }
    if (!swap) continue;
    const from = where.get(swap.give) ?? "train";
    where.set(swap.give, needy);
    where.set(swap.take, from);
  }
}

/**
 * Assigns each item (by index) to a split so that all items of a unit share one; an item whose unit
 * is null stands alone. Split sizes follow the ratios and anomalous items are spread over the splits
 * as far as the units allow (a unit cannot be cut). Deterministic for a seed. Throws `invalid_count`
 * or `invalid_split_ratios` as splitCounts does.
 */
export function assignGroupedSplits(items: readonly SplitItem[], ratios: SplitRatios, seed: number): Split[] {
  const sizes = splitCounts(items.length, ratios);
  if (items.length === 0) return [];
  const anomalous = items.filter((i) => i.anomalous).length;
  const anomalies = anomalyCounts(sizes, anomalous, ratios);
  const order = shuffled(groupsOf(items), createRng(seed)).sort((a, b) => b.size - a.size || b.anomalous - a.anomalous);
  const allowed = SPLITS.filter((s) => ratios[s] > 0 || sizes[s] > 0);
  const where = place(order, allowed, sizes, anomalies);
  restoreMinimums(where, ratios);
  swapInAnomalies(where, eligibleSplits(sizes, ratios));
  const out = new Array<Split>(items.length).fill("train");
  for (const [g, split] of where) for (const m of g.members) out[m] = split;
  return out;
}
