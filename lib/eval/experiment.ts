/**
 * The experiment loop, pure apart from the injected model: for each fold, one model per stage
 * (trained and scored by the caller, e.g. with a cache) is shared by every strategy, budget,
 * mislabel rate and seed — the paper fixes the model and varies the strategy. The baselines are
 * evaluated once per (fold, stage). Every simulated run carries its queries across the stages.
 *
 * Progress counts one unit per simulated run and `modelWeight` units per (fold, stage) model (models
 * take about three quarters of the time here), advanced within a model as it reports. Seeds: run seed s
 * (0 … seeds − 1) drives the strategy's seed and the expert's draws through mixSeed(base, s); the
 * folds depend on `foldSeed` only, so adding seeds never moves a sequence to another fold.
 */
import { DistanceCache, EMBEDDING_STRATEGIES, type StrategyName } from "../query";
import { parseCandidateKey, type Stretch } from "../query/candidates";
import { fineTuneAlpha } from "../query/contamination";
import { poolSequences, resolvePoolRule, type PoolMode } from "../query/pool-rule";
import { suggestSegmentLength } from "../query/segment-length";
import type { RunRecord } from "./aggregate";
import { planFolds, stageMembers, type FoldPlan, type StageMembers } from "./folds";
import { labelSpans, refinedName, type ContaminationRecord, type RefineMode, type SequenceSpan } from "./refine";
import { mixSeed } from "./seeds";
import { stageSeparability, type SeparabilityRecord } from "./separability";
import { baselineOutcomes, OUR_PROTOCOL, outcomeWithLabels, simulateRunDetailed, type EvalProtocol, type StageInput } from "./simulate";
import { buildStageInput, neededSequences, type EvalSequence, type StageOptions, type StageScores } from "./stage";

export type ExperimentPlan = {
  sequences: EvalSequence[];
  samplingRate: number;
  folds: number;
  seeds: number;
  /** Ascending fractions in (0, 1]. */
  stages: number[];
  strategies: StrategyName[];
  /** Labels bought per stage. */
  budgets: number[];
  mislabel: number[];
  /** Seed of the fold assignment and arrival order. */
  foldSeed: number;
  /** Base of the run seeds. */
  seed: number;
  validationShare?: number;
  /** Candidates: whole sequences (null), segments of N steps, or "auto" (suggestSegmentLength on each fold's full pool). */
  segment?: number | "auto" | null;
  /** The app's pool rule (default "auto": validation, with train when validation holds fewer than 3 sequences). */
  pool?: PoolMode;
  /** Our protocol with a placement policy, or the reference's (default: ours, "margin"). */
  evaluation?: EvalProtocol;
  /** "aloe": after each stage's labels, also fine-tune the stage's model and rescore (refine.ts). */
  refine?: RefineMode | null;
};

/** The segment length of a fold: fixed, or suggested from the lengths of its pool at stage "all". */
export function foldSegmentLength(plan: ExperimentPlan, f: FoldPlan): number | null {
  const segment = plan.segment ?? null;
  if (segment !== "auto") return segment;
  const splits = [
    { split: "validation", members: f.validation },
    { split: "train", members: f.train },
  ];
  const pool = poolSequences(splits, resolvePoolRule(plan.pool ?? "auto", f.validation.length)).flatMap((s) => s.members);
  const lengths = pool.flatMap((i) => plan.sequences[i]?.length ?? []);
  return suggestSegmentLength({ lengths, window: (plan.evaluation ?? OUR_PROTOCOL).window });
}

export type ModelRequest = {
  fold: FoldPlan;
  stageIndex: number;
  members: StageMembers;
  /** The sequences to score: the stage's train and validation, and the fold's test. */
  needed: EvalSequence[];
  /** Says what the model is doing now ("training epoch 3/20", …) and how much of it is done (0–1). */
  report(detail: string, fraction?: number): void;
};

/** Fine-tune the model of a (fold, stage) with these labels and α, and score the request's sequences again. */
export type RefineRequest = {
  model: ModelRequest;
  spans: SequenceSpan[];
  alpha: number;
  seed: number;
};

export type ExperimentProgress = { done: number; total: number; phase: string };

export type ExperimentHooks = {
  scoreStage(request: ModelRequest): Promise<StageScores>;
  /** The model's embedding of each stretch (after scoreStage for the same request); needed by the ALOE strategies. */
  embedStage?(request: ModelRequest, stretches: readonly Stretch[]): Promise<Float32Array[]>;
  /** The fine-tuned model's scores (after scoreStage for the same request); needed by plan.refine. */
  refineStage?(request: RefineRequest): Promise<StageScores>;
  onProgress?(progress: ExperimentProgress): void;
  /** After each fold, with every record so far. */
  onFold?(state: ExperimentState): void | Promise<void>;
  /** Awaited between simulated runs, so that the caller's output can flush. */
  pause?(): Promise<void>;
};

export type ExperimentState = {
  records: RunRecord[];
  /** Per (fold, stage): how well the model's maximum scores separate the classes (separability.ts). */
  separability: SeparabilityRecord[];
  /** Per simulated run and stage: α̂ from its labels against the pool's true contamination. */
  contamination: ContaminationRecord[];
  modelSeconds: number;
  /** Seconds spent fine-tuning and rescoring (--refine). */
  refineSeconds: number;
  querySeconds: number;
  foldsDone: number;
  /** The segment length each fold used (null = whole sequences). */
  segmentLengths: (number | null)[];
};

export function runsPerFold(plan: ExperimentPlan): number {
  return plan.strategies.length * plan.budgets.length * plan.mislabel.length * plan.seeds;
}

/** Progress units of one model: together the models of a fold weigh three times its simulated runs. */
export function modelWeight(plan: ExperimentPlan): number {
  return Math.max(1, Math.round((3 * runsPerFold(plan)) / Math.max(1, plan.stages.length)));
}

/** Progress units of a run: 1, and one more per stage that is fine-tuned (--refine). */
function runWeight(plan: ExperimentPlan): number {
  return plan.refine ? 1 + plan.stages.length : 1;
}

export function progressTotal(plan: ExperimentPlan): number {
  return plan.folds * (plan.stages.length * modelWeight(plan) + runsPerFold(plan) * runWeight(plan));
}

/** Problems that make the plan impossible or meaningless; empty when it can run. */
export function planProblems(plan: ExperimentPlan): string[] {
  const problems: string[] = [];
  const anomalous = plan.sequences.filter((s) => s.truth.anomalous).length;
  const groups = plan.folds === 1 ? 3 : plan.folds;
  if (plan.sequences.length < 2 * groups)
    problems.push(`${plan.sequences.length} sequences are too few for ${plan.folds} fold(s): need at least ${2 * groups}`);
  if (anomalous < Math.min(plan.folds, groups))
    problems.push(`only ${anomalous} anomalous sequence(s): every test fold needs one, so use at most ${Math.max(1, anomalous)} fold(s)`);
  if (anomalous === plan.sequences.length) problems.push("every sequence is anomalous: there is no normal data to train on");
  if (plan.refine && plan.evaluation?.protocol === "reference") problems.push("--refine works with our protocol only");
  plan.stages.forEach((q, i) => {
    if (!(q > 0 && q <= 1)) problems.push(`stage ${q} is not in (0, 1]`);
    if (i > 0 && !(q > (plan.stages[i - 1] ?? 0))) problems.push("stages must be strictly ascending");
  });
  return problems;
}

type Tracker = { done: number; total: number; weight: number; hooks: ExperimentHooks };

type FoldStage = { input: StageInput; request: ModelRequest; options: StageOptions };

/** Gives each pool candidate the stage model's embedding of its stretch. */
async function embedPool(input: StageInput, request: ModelRequest, hooks: ExperimentHooks): Promise<void> {
  if (!hooks.embedStage) throw new Error("the ALOE strategies need the model's embeddings, which this harness does not provide");
  const stretches = input.pool.map((c): Stretch => {
    const stretch = parseCandidateKey(c.key);
    if (!stretch) throw new Error(`candidate key "${c.key}" names no stretch of a sequence`);
    return stretch;
  });
  const embeddings = await hooks.embedStage(request, stretches);
  input.pool.forEach((c, i) => (c.embedding = embeddings[i]));
}

/** One model per stage of the fold, its stage inputs, and the baseline records. */
async function modelsOfFold(plan: ExperimentPlan, f: FoldPlan, state: ExperimentState, t: Tracker): Promise<FoldStage[]> {
  const stages: FoldStage[] = [];
  const needsEmbedding = plan.strategies.some((s) => EMBEDDING_STRATEGIES.includes(s));
  const options: StageOptions = { segmentLength: foldSegmentLength(plan, f), pool: plan.pool ?? "auto" };
  state.segmentLengths.push(options.segmentLength);
  for (const [stage, fraction] of plan.stages.entries()) {
    const members = stageMembers(f, fraction);
    const phase = `fold ${f.fold + 1}/${plan.folds} · stage ${stage + 1}/${plan.stages.length}`;
    const report = (detail: string, share = 0) =>
      t.hooks.onProgress?.({
        done: t.done + Math.floor(t.weight * Math.min(1, Math.max(0, share))),
        total: t.total,
        phase: `${phase} · ${detail}`,
      });
    report("model");
    const started = performance.now();
    const needed = neededSequences(plan.sequences, members, f.test);
    const request: ModelRequest = { fold: f, stageIndex: stage, members, needed, report };
    const scores = await t.hooks.scoreStage(request);
    const input = buildStageInput({ sequences: plan.sequences, members, test: f.test, scores, distance: new DistanceCache(), options });
    if (needsEmbedding) {
      report("embedding the pool");
      await embedPool(input, request, t.hooks);
    }
    state.modelSeconds += (performance.now() - started) / 1000;
    stages.push({ input, request, options });
    state.separability.push(stageSeparability(input, f.fold));
    for (const [strategy, outcome] of Object.entries(baselineOutcomes(input, plan.samplingRate, plan.evaluation))) {
      state.records.push({ stage: fraction, strategy, budget: null, budgetPerStage: null, mislabel: null, seed: 0, fold: f.fold, outcome });
    }
    t.done += t.weight;
  }
  return stages;
}

/**
 * --refine: each stage's model fine-tuned with the labels bought up to that stage (and α from them),
 * rescored, and the labels' threshold refitted on the new scores; one outcome per stage.
 */
async function refinedOutcomes(
  plan: ExperimentPlan,
  stages: readonly FoldStage[],
  runs: ReturnType<typeof simulateRunDetailed>,
  spec: { seed: number; samplingRate: number; evaluation?: EvalProtocol },
  state: ExperimentState,
  t: Tracker,
  phase: string,
) {
  const refineStage = t.hooks.refineStage;
  if (!refineStage) throw new Error("--refine needs a harness that can fine-tune its models");
  const outcomes = [];
  for (const [i, { input, request, options }] of stages.entries()) {
    const run = runs[i]!;
    t.hooks.onProgress?.({ done: t.done, total: t.total, phase: `${phase} · fine-tuning stage ${i + 1}/${stages.length}` });
    const started = performance.now();
    const scores = await refineStage({
      model: request,
      spans: labelSpans(run.labels),
      alpha: fineTuneAlpha(run.contamination),
      seed: spec.seed,
    });
    const refined = buildStageInput({ sequences: plan.sequences, members: request.members, test: request.fold.test, scores, options });
    outcomes.push(outcomeWithLabels({ ...refined, fraction: input.fraction }, run.labels, spec));
    state.refineSeconds += (performance.now() - started) / 1000;
    t.done++;
  }
  return outcomes;
}

/** Every (strategy, budget, mislabel, seed) run of the fold, across its stages. */
async function runsOfFold(
  plan: ExperimentPlan,
  f: FoldPlan,
  stages: readonly FoldStage[],
  state: ExperimentState,
  t: Tracker,
): Promise<void> {
  const inputs = stages.map((s) => s.input);
  for (const strategy of plan.strategies) {
    for (const budget of plan.budgets) {
      for (const mislabel of plan.mislabel) {
        for (let s = 0; s < plan.seeds; s++) {
          const phase = `fold ${f.fold + 1}/${plan.folds} · querying: ${strategy}, budget ${budget}, mislabel ${mislabel}, seed ${s + 1}`;
          t.hooks.onProgress?.({ done: t.done, total: t.total, phase });
          const started = performance.now();
          const spec = {
            strategy,
            budget,
            mislabel,
            seed: mixSeed("seed", plan.seed, s),
            fold: f.fold,
            samplingRate: plan.samplingRate,
            evaluation: plan.evaluation,
          };
          const runs = simulateRunDetailed(inputs, spec);
          state.querySeconds += (performance.now() - started) / 1000;
          const refined = plan.refine ? await refinedOutcomes(plan, stages, runs, spec, state, t, phase) : null;
          runs.forEach((run, i) => {
            const stage = inputs[i]?.fraction ?? 1;
            const base = { stage, budget: budget * (i + 1), budgetPerStage: budget, mislabel, seed: s, fold: f.fold };
            state.records.push({ ...base, strategy, outcome: run.outcome });
            if (refined?.[i]) state.records.push({ ...base, strategy: refinedName(strategy), outcome: refined[i] });
            const c = run.contamination;
            state.contamination.push({
              stage,
              strategy,
              budget: budget * (i + 1),
              mislabel,
              seed: s,
              fold: f.fold,
              truth: run.truthAlpha,
              estimate: c.estimate,
              lower: c.lower,
              upper: c.upper,
              naive: c.naive,
              used: plan.refine ? fineTuneAlpha(c) : null,
            });
          });
          t.done++;
          await t.hooks.pause?.();
        }
      }
    }
  }
}

export async function runExperiment(plan: ExperimentPlan, hooks: ExperimentHooks): Promise<ExperimentState> {
  const state: ExperimentState = {
    records: [],
    separability: [],
    contamination: [],
    modelSeconds: 0,
    querySeconds: 0,
    refineSeconds: 0,
    foldsDone: 0,
    segmentLengths: [],
  };
  const tracker: Tracker = { done: 0, total: progressTotal(plan), weight: modelWeight(plan), hooks };
  for (const f of planFolds(
    plan.sequences.map((s) => s.truth.anomalous),
    plan.folds,
    plan.foldSeed,
    plan.validationShare,
  )) {
    const stages = await modelsOfFold(plan, f, state, tracker);
    await runsOfFold(plan, f, stages, state, tracker);
    state.foldsDone++;
    hooks.onProgress?.({ done: tracker.done, total: tracker.total, phase: `fold ${f.fold + 1}/${plan.folds} done` });
    await hooks.onFold?.(state);
  }
  return state;
}
