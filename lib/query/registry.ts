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
  /** Needs the detector's embedding of each candidate (`Candidate.embedding`), not only its scores. */
  needsEmbedding?: boolean;
};

export const STRATEGY_INFO = {
  dqs: { label: "DQS (dissimilarity, DTW)", color: "#2458d6" },
  random: { label: "random", color: "#c2410c" },
  top: { label: "top (largest max score)", color: "#0f766e" },
  uncertain: { label: "uncertain (max score nearest the threshold)", color: "#7c3aed" },
  "score-kmeans": { label: "score k-means++ (score-shape features)", color: "#db2777" },
  "aloe-kmeans": { label: "ALOE k-means (detector embedding)", color: "#0d9488", needsEmbedding: true },
  "aloe-pos": { label: "ALOE positive-diverse (detector embedding)", color: "#65a30d", needsEmbedding: true },
} as const satisfies Record<string, StrategyInfo>;

export type StrategyName = keyof typeof STRATEGY_INFO;
/** The query strategies, by name, in the registry's order; one list for the run page, the API and the harness. */
export const STRATEGY_NAMES = Object.keys(STRATEGY_INFO) as [StrategyName, ...StrategyName[]];

/** The strategies that need `Candidate.embedding` (the detector's view of a unit, not its scores). */
export const EMBEDDING_STRATEGIES: readonly StrategyName[] = STRATEGY_NAMES.filter(
  (name) => (STRATEGY_INFO[name] as StrategyInfo).needsEmbedding === true,
);

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(STRATEGY_INFO, name);
}
