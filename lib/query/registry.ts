/**
 * The query-strategy registry: for each strategy, what the run page, the Experiments figure and the
 * evaluation harness show. Pure and dependency-free, so forms and charts can import it; the
 * strategies themselves are bound to their names in `strategies.ts` (the compiler insists on an
 * entry per name). docs/extending.md walks through adding a strategy.
 */
export type StrategyInfo = {
  /** The query panel's menu entry. */
  label: string;
  /** Its line in the Experiments figure. */
  color: string;
};

export const STRATEGY_INFO = {
  dqs: { label: "DQS (dissimilarity, DTW)", color: "#2458d6" },
  random: { label: "random", color: "#c2410c" },
  top: { label: "top (largest max score)", color: "#0f766e" },
  uncertain: { label: "uncertain (max score nearest the threshold)", color: "#7c3aed" },
  diverse: { label: "diverse (k-means++ seeding)", color: "#db2777" },
} as const satisfies Record<string, StrategyInfo>;

export type StrategyName = keyof typeof STRATEGY_INFO;
/** The query strategies, by name, in the registry's order; one list for the run page, the API and the harness. */
export const STRATEGY_NAMES = Object.keys(STRATEGY_INFO) as [StrategyName, ...StrategyName[]];

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(STRATEGY_INFO, name);
}
