import "server-only";
import { detectorSpec } from "../detectors/registry";
import { AppError } from "../errors";
import type { ChannelSummary } from "../preprocess";
import {
  readStored,
  withCounterfactual,
  type CounterfactualCache,
  type CounterfactualInput,
  type StoredCounterfactual,
} from "../runs/counterfactuals";
import { assertRunAccess } from "./access";
import type { CurrentUser } from "./auth";
import { db } from "./db";

/**
 * The counterfactual cache of a run's sequence (lib/runs/counterfactuals.ts), kept on the run's
 * Score row of the sequence. Only runs of a detector that makes counterfactuals (TimeVQVAE-AD) have
 * one; every role that may view the run may read it and add to it (the browser that computed a
 * counterfactual stores it, so the next viewer does not compute it again).
 */

async function counterfactualRun(user: CurrentUser, runId: string) {
  const { datasetId } = await assertRunAccess(user, runId);
  const run = await db.detectorRun.findUniqueOrThrow({ where: { id: runId }, select: { detector: true, status: true } });
  if (!detectorSpec(run.detector)?.counterfactuals) {
    throw new AppError("invalid", "Only runs of TimeVQVAE-AD have counterfactuals.");
  }
  return { datasetId, status: run.status };
}

export async function getCounterfactuals(user: CurrentUser, runId: string, sequenceId: string): Promise<CounterfactualCache> {
  const { datasetId } = await counterfactualRun(user, runId);
  const [score, dataset] = await Promise.all([
    db.score.findUnique({ where: { runId_sequenceId: { runId, sequenceId } }, select: { counterfactuals: true } }),
    db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { trainStats: true } }),
  ]);
  if (!score) throw new AppError("not_found", "This sequence has no scores in this run.");
  const stats = dataset.trainStats as ChannelSummary | null;
  return { counterfactuals: readStored(score.counterfactuals), trainStats: stats ? { mean: stats.mean, std: stats.std } : null };
}

export async function storeCounterfactual(user: CurrentUser, runId: string, input: CounterfactualInput): Promise<StoredCounterfactual[]> {
  const { status } = await counterfactualRun(user, runId);
  if (status !== "complete") throw new AppError("conflict", "Counterfactuals are stored for complete runs only.");
  const { sequenceId, ...counterfactual } = input;
  const sequence = await db.sequence.findUnique({ where: { id: sequenceId }, select: { length: true, channelNames: true } });
  const score = await db.score.findUnique({ where: { runId_sequenceId: { runId, sequenceId } }, select: { counterfactuals: true } });
  if (!sequence || !score) throw new AppError("not_found", "This sequence has no scores in this run.");
  if (counterfactual.end > sequence.length) {
    throw new AppError("invalid", `The stretch ends at step ${counterfactual.end}; the sequence has ${sequence.length} steps.`);
  }
  const channels = (sequence.channelNames as unknown[]).length;
  if (counterfactual.values.length !== channels) {
    throw new AppError("invalid", `The counterfactual has ${counterfactual.values.length} channels; the sequence has ${channels}.`);
  }
  const next = withCounterfactual(readStored(score.counterfactuals), counterfactual);
  await db.score.update({ where: { runId_sequenceId: { runId, sequenceId } }, data: { counterfactuals: next } });
  return next;
}
