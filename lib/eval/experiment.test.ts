import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { aggregateRecords } from "./aggregate";
import { fineTuneAlpha } from "../query/contamination";
import {
  planProblems,
  progressTotal,
  runExperiment,
  type ExperimentPlan,
  type ExperimentProgress,
  type ModelRequest,
  type RefineRequest,
} from "./experiment";
import { refinedName } from "./refine";
import { reportSchema } from "./report";
import type { EvalSequence } from "./stage";

const sequences: EvalSequence[] = Array.from({ length: 24 }, (_, i) => ({
  id: `q${i}`,
  name: `q${i}`,
  truth: i % 4 === 0 ? { anomalous: true, onset: 20 } : { anomalous: false, onset: null },
}));

/** A fake model: noise, plus a jump after the onset whose height grows with the training data seen. */
async function scoreStage(request: ModelRequest): Promise<Map<string, Float32Array>> {
  const height = 2 + request.members.train.length / 4;
  return new Map(
    request.needed.map((s) => {
      const rng = createRng(Number(s.id.slice(1)) + 1000 * request.stageIndex);
      const onset = s.truth.onset;
      return [s.id, Float32Array.from({ length: 40 }, (_, t) => 1 + 0.3 * rng.next() + (onset !== null && t >= onset ? height : 0))];
    }),
  );
}

const plan: ExperimentPlan = {
  sequences,
  samplingRate: 1,
  folds: 2,
  seeds: 2,
  stages: [0.5, 1],
  strategies: ["dqs", "random"],
  budgets: [1, 3],
  mislabel: [0, 0.2],
  foldSeed: 1,
  seed: 1,
};

describe("runExperiment", () => {
  it("trains one model per fold and stage, runs every combination, and reports progress up to the total", async () => {
    const requests: ModelRequest[] = [];
    const progress: ExperimentProgress[] = [];
    let folds = 0;
    const state = await runExperiment(plan, {
      scoreStage: (r) => (requests.push(r), scoreStage(r)),
      onProgress: (p) => progress.push(p),
      onFold: () => void folds++,
    });
    expect(requests.map((r) => [r.fold.fold, r.stageIndex])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(folds).toBe(2);
    expect(state.separability.map((s) => [s.fold, s.stage])).toEqual([
      [0, 0.5],
      [0, 1],
      [1, 0.5],
      [1, 1],
    ]);
    expect(progress.at(-1)?.done).toBe(progressTotal(plan));
    // Per fold: 2 stages × 3 baselines + 2 strategies × 2 budgets × 2 rates × 2 seeds × 2 stages.
    expect(state.records.length).toBe(2 * (6 + 32));
    const rows = aggregateRecords(state.records, plan.strategies);
    expect(rows.length).toBe(2 * (3 + 8));
    expect(rows.filter((r) => r.strategy === "dqs" && r.stage === 1).map((r) => r.budget)).toEqual([2, 2, 6, 6]);
    expect(rows.find((r) => r.strategy === "dqs")?.n).toBe(4);
    expect(rows.find((r) => r.strategy === "best")?.n).toBe(2);
    expect(rows.find((r) => r.strategy === "oracle")?.n).toBe(2);
    const report = {
      version: 1,
      id: "t",
      name: "t",
      createdAt: "now",
      finishedAt: null,
      status: "running",
      progress: progress.at(-1),
      dataset: { source: "demo", name: "d", sequences: 24, channels: 1, samplingRate: 1, anomalous: 6 },
      settings: {
        detector: "lstm-ae",
        detectorOptions: {},
        backend: "cpu",
        strategies: plan.strategies,
        budgets: plan.budgets,
        mislabel: plan.mislabel,
        seeds: 2,
        folds: 2,
        stages: plan.stages,
        quick: false,
      },
      rows,
      timings: { modelSeconds: state.modelSeconds, querySeconds: state.querySeconds },
    };
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it("names the problems of an impossible plan", () => {
    expect(planProblems(plan)).toEqual([]);
    expect(planProblems({ ...plan, folds: 7 })[0]).toContain("every test fold needs one");
    expect(planProblems({ ...plan, stages: [1, 0.5] })).toContain("stages must be strictly ascending");
    expect(planProblems({ ...plan, sequences: sequences.slice(0, 3) })[0]).toContain("too few");
  });

  it("--refine: embeds the pool for ALOE's strategies, fine-tunes each run's stage model with its labels and α, and adds the refined rows", async () => {
    const refinePlan: ExperimentPlan = {
      ...plan,
      stages: [1],
      seeds: 1,
      mislabel: [0],
      budgets: [3],
      strategies: ["random", "aloe-kmeans"],
      refine: "aloe",
    };
    const refines: RefineRequest[] = [];
    const progress: ExperimentProgress[] = [];
    let embedded = 0;
    const state = await runExperiment(refinePlan, {
      scoreStage,
      // A fake embedding: where the stretch sits, and whether its sequence is one of every fourth.
      embedStage: async (_request, stretches) =>
        stretches.map((s) => (embedded++, Float32Array.from([s.start / 10, Number(s.sequenceId.slice(1)) % 4]))),
      // The "fine-tuned" model: the first model's scores times 10 (so its thresholds are ten times larger).
      refineStage: async (r) => (refines.push(r), new Map([...(await scoreStage(r.model))].map(([id, s]) => [id, s.map((v) => 10 * v)]))),
      onProgress: (p) => progress.push(p),
    });
    expect(embedded).toBeGreaterThan(0);
    // 2 folds × 2 strategies × 1 seed × 1 stage.
    expect(refines).toHaveLength(4);
    expect(refines.every((r) => r.spans.length === 3)).toBe(true);
    expect(state.contamination).toHaveLength(4);
    expect(refines.map((r) => r.alpha)).toEqual(state.contamination.map((c) => fineTuneAlpha(c)));
    expect(state.contamination.every((c) => c.truth > 0 && c.truth < 1 && c.used !== null)).toBe(true);
    expect(progress.at(-1)?.done).toBe(progressTotal(refinePlan));
    const rows = aggregateRecords(state.records, ["random", refinedName("random"), "aloe-kmeans", refinedName("aloe-kmeans")]);
    const threshold = (name: string) => rows.find((r) => r.strategy === name)!.threshold.mean;
    expect(rows.map((r) => r.strategy)).toEqual([
      "unsupervised",
      "best",
      "oracle",
      "random",
      "random + ALOE fine-tuning",
      "aloe-kmeans",
      "aloe-kmeans + ALOE fine-tuning",
    ]);
    expect(threshold("random + ALOE fine-tuning")).toBeCloseTo(10 * threshold("random"), 3);
  });
});
