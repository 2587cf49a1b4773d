/**
 * Which split assignment an import uses: by units when sequences share one (group-aware and, with
 * ground truth, stratified as far as the units allow), stratified on the anomalous sequences when
 * there is ground truth, otherwise the plain seeded shuffle. Pure and deterministic for a seed.
 */
import type { Split } from "../series/types";
import { assignSplits, type SplitRatios } from "./split";
import { assignGroupedSplits } from "./split-groups";
import { assignStratifiedSplits } from "./split-stratified";

export type SplitMethod = "random" | "stratified" | "grouped";

/** One sequence as the planner sees it: anomalous by its ground truth (null: no ground truth), and its unit. */
export type PlanItem = { anomalous: boolean | null; unit: string | null };

export type SplitPlan = { splits: Split[]; method: SplitMethod };

/** Whether two items name the same unit. */
export function sharesUnits(items: readonly { unit: string | null }[]): boolean {
  const seen = new Set<string>();
  for (const { unit } of items) {
    if (unit === null) continue;
    if (seen.has(unit)) return true;
    seen.add(unit);
  }
  return false;
}

export function planSplits(items: readonly PlanItem[], ratios: SplitRatios, seed: number): SplitPlan {
  if (sharesUnits(items)) {
    const splits = assignGroupedSplits(
      items.map((i) => ({ anomalous: i.anomalous === true, unit: i.unit })),
      ratios,
      seed,
    );
    return { splits, method: "grouped" };
  }
  if (items.some((i) => i.anomalous !== null)) {
    return {
      splits: assignStratifiedSplits(
        items.map((i) => i.anomalous === true),
        ratios,
        seed,
      ),
      method: "stratified",
    };
  }
  return { splits: assignSplits(items.length, ratios, seed), method: "random" };
}
