import { aloeKmeansStrategy, aloePosStrategy } from "./aloe";
import { dqsStrategy } from "./dqs";
import { scoreKmeansStrategy } from "./score-kmeans";
import { randomStrategy, topStrategy, uncertainStrategy } from "./simple-strategies";
import { QueryError, STRATEGY_NAMES, type QueryStrategy, type StrategyName } from "./types";

export { STRATEGY_NAMES };

export const QUERY_STRATEGIES: Readonly<Record<StrategyName, QueryStrategy>> = {
  dqs: dqsStrategy,
  random: randomStrategy,
  top: topStrategy,
  uncertain: uncertainStrategy,
  "score-kmeans": scoreKmeansStrategy,
  "aloe-kmeans": aloeKmeansStrategy,
  "aloe-pos": aloePosStrategy,
};

export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}

export function getStrategy(name: string): QueryStrategy {
  if (!isStrategyName(name)) throw new QueryError("unknown-strategy", `unknown query strategy "${name}"`);
  return QUERY_STRATEGIES[name];
}
