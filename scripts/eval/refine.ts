/**
 * The harness's model hooks beyond scoring (lib/eval/experiment.ts): the embedding of each pool
 * candidate for the ALOE strategies, and --refine aloe's fine-tuning and rescoring, on the model
 * that stageScores (model.ts) trained or read from the cache for the same request.
 */
import { loadDetector } from "../../lib/detectors";
import { stretchEmbeddings } from "../../lib/detectors/embedding";
import type { LabelledSpan } from "../../lib/detectors/loe";
import { refineDetector } from "../../lib/detectors/refine";
import type { ModelRequest, RefineRequest } from "../../lib/eval/experiment";
import type { StageScores } from "../../lib/eval/stage";
import type { Stretch } from "../../lib/query/candidates";
import { zscore } from "../../lib/preprocess";
import type { SeriesColumns } from "../../lib/series/types";
import { modelKey, SCORE_BATCH, type ModelContext, type StageModel } from "./model";

/** Fine-tuning settings (--refine-epochs; the rest follow the model's training flags). */
export type RefineSettings = { epochs: number; learningRate: number; batchSize: number; maxWindows: number };

function stageModel(ctx: ModelContext, request: ModelRequest): StageModel {
  const model = ctx.models?.get(modelKey(ctx, request));
  if (!model) throw new Error(`no model kept for fold ${request.fold.fold + 1}, stage ${request.stageIndex + 1}`);
  return model;
}

function columnsOf(ctx: ModelContext, model: StageModel, id: string): SeriesColumns {
  const s = ctx.dataset.sequences.find((q) => q.id === id);
  if (!s) throw new Error(`sequence ${id} is not in the dataset`);
  return zscore(s.columns, model.stats);
}

/** The stage model's embedding of each stretch, in order. */
export async function embedStage(ctx: ModelContext, request: ModelRequest, stretches: readonly Stretch[]): Promise<Float32Array[]> {
  const model = stageModel(ctx, request);
  const detector = await loadDetector(model.weights);
  try {
    const out = new Array<Float32Array>(stretches.length);
    const bySequence = new Map<string, number[]>();
    stretches.forEach((s, i) => bySequence.set(s.sequenceId, [...(bySequence.get(s.sequenceId) ?? []), i]));
    for (const [id, indices] of bySequence) {
      const embeddings = await stretchEmbeddings(
        detector,
        columnsOf(ctx, model, id),
        indices.map((i) => [stretches[i]!.start, stretches[i]!.end] as const),
      );
      indices.forEach((i, k) => (out[i] = embeddings[k]!));
    }
    return out;
  } finally {
    detector.dispose();
  }
}

/**
 * The stage model refined with the labels (ALOE fine-tuning, or the linear detector's refit) on the
 * stage's training sequences and every labelled sequence, then every needed sequence scored again.
 */
export async function refineStage(ctx: ModelContext, request: RefineRequest, settings: RefineSettings): Promise<StageScores> {
  const model = stageModel(ctx, request.model);
  const trainIds = request.model.members.train.flatMap((i) => ctx.dataset.sequences[i]?.id ?? []);
  const ids = [...new Set([...trainIds, ...request.spans.map((s) => s.sequenceId)])];
  const sequences = ids.map((id) => columnsOf(ctx, model, id));
  const spans: LabelledSpan[] = request.spans.map((s) => ({
    sequence: ids.indexOf(s.sequenceId),
    start: s.start,
    end: s.end,
    anomalous: s.anomalous,
  }));
  const detector = await refineDetector(
    model.weights,
    { sequences, spans },
    {
      alpha: request.alpha,
      epochs: settings.epochs,
      learningRate: settings.learningRate,
      batchSize: settings.batchSize,
      maxWindows: settings.maxWindows,
      seed: request.seed,
    },
  );
  try {
    const scores = new Map<string, Float32Array>();
    for (const s of request.model.needed) {
      scores.set(s.id, (await detector.score(columnsOf(ctx, model, s.id), { batchSize: SCORE_BATCH, shift: model.shift })).score);
    }
    return scores;
  } finally {
    detector.dispose();
  }
}
