import { aloeKmeansStrategy, aloePosStrategy } from "./aloe";
import { dqsStrategy } from "./dqs";
import { scoreKmeansStrategy } from "./score-kmeans";
import { randomStrategy, topStrategy, uncertainStrategy } from "./simple-strategies";
import { isStrategyName, STRATEGY_NAMES, type StrategyName } from "./registry";
import { QueryError, type QueryStrategy } from "./types";

export { isStrategyName, STRATEGY_NAMES };

/** Each strategy of the registry (registry.ts) bound to its implementation. */
export const QUERY_STRATEGIES: Readonly<Record<StrategyName, QueryStrategy>> = {
  dqs: dqsStrategy,
  random: randomStrategy,
  top: topStrategy,
  uncertain: uncertainStrategy,
  "score-kmeans": scoreKmeansStrategy,
  "aloe-kmeans": aloeKmeansStrategy,
  "aloe-pos": aloePosStrategy,
};

export function getStrategy(name: string): QueryStrategy {
  if (!isStrategyName(name)) throw new QueryError("unknown-strategy", `unknown query strategy "${name}"`);
  return QUERY_STRATEGIES[name];
}
