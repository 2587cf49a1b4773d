/**
 * ALOE in the harness, compact: one detector (LSTM autoencoder) trained on a contaminated training
 * split; the expert (ground truth) labels `budget` whole training sequences picked by random,
 * aloe-kmeans or aloe-pos on the detector's embedding; then
 *   - α̂ (importance-weighted, lib/query/contamination.ts) against the true contamination;
 *   - "threshold only": the app's threshold from the labels, on the parent's scores;
 *   - "threshold + ALOE fine-tuning": the detector fine-tuned with the labels and α̂ (loe.ts),
 *     rescored, and the threshold refitted from the same labels on the new scores;
 * both evaluated online on the held-out test sequences (every third). One model per dataset, one
 * stage, seeds as given. Usage:
 *   npx tsx scripts/eval/aloe.ts [--dataset demo|sensors|heartbeats|servers] [--budgets 5,10]
 *     [--seeds 2] [--epochs 3] [--sequences 24]
 */
import { parseArgs } from "node:util";
import { loadDetector, createDetector, type Detector } from "../../lib/detectors";
import type { NetworkDetector } from "../../lib/detectors/detector";
import type { LabelledSpan } from "../../lib/detectors/loe";
import { generatePathDataset } from "../../lib/demo/path-dataset";
import { getGenerator, isGeneratorName } from "../../lib/eval/generators";
import { thresholdFromLabels } from "../../lib/labelling/labels";
import { createChannelStats, finishChannelStats, updateChannelStats, zscore } from "../../lib/preprocess";
import { estimateContamination, getStrategy, type Candidate } from "../../lib/query";
import type { SeriesColumns } from "../../lib/series/types";
import { evaluateOnline, unsupervisedThreshold, type LabelledCandidate } from "../../lib/threshold";
import { startBackend } from "./backend";

type Sequence = { name: string; columns: SeriesColumns; labels: Uint8Array };

const { values } = parseArgs({
  options: {
    dataset: { type: "string", default: "demo" },
    budgets: { type: "string", default: "5,10" },
    seeds: { type: "string", default: "2" },
    epochs: { type: "string", default: "3" },
    sequences: { type: "string", default: "24" },
  },
});

function load(name: string, sequences: number): { sequences: Sequence[]; rate: number } {
  if (name === "demo") {
    const d = generatePathDataset({ seed: 1, sequences, anomalyFraction: 0.25 });
    return { sequences: d.sequences.map((s) => ({ name: s.name, columns: s.columns, labels: s.labels })), rate: d.samplingRate };
  }
  if (!isGeneratorName(name)) throw new Error(`unknown dataset ${name}`);
  const d = getGenerator(name).generate(1);
  return { sequences: d.sequences.map((s) => ({ name: s.name, columns: s.columns, labels: s.labels })), rate: d.samplingRate };
}

const onsetOf = (labels: Uint8Array) => labels.indexOf(1);
const labelled = (scores: Float32Array, labels: Uint8Array): LabelledCandidate =>
  onsetOf(labels) >= 0 ? { scores, anomalous: true, onset: onsetOf(labels) } : { scores, anomalous: false };

async function scoreAll(detector: Detector, data: SeriesColumns[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const columns of data) out.push((await detector.score(columns, { batchSize: 512 })).score);
  return out;
}

function f1At(threshold: number, test: LabelledCandidate[], rate: number): number {
  return evaluateOnline(test, threshold, { samplingRate: rate }).f1;
}

async function main(): Promise<void> {
  await startBackend("wasm");
  const { sequences, rate } = load(values.dataset!, Number(values.sequences));
  const test = sequences.filter((_, i) => i % 3 === 0);
  const train = sequences.filter((_, i) => i % 3 !== 0);
  const stats = createChannelStats(train[0]!.columns.length);
  for (const s of train) updateChannelStats(stats, s.columns);
  const z = finishChannelStats(stats);
  const trainZ = train.map((s) => zscore(s.columns, z));
  const testZ = test.map((s) => zscore(s.columns, z));
  const features = trainZ[0]!.length;
  const epochs = Number(values.epochs);
  const parent = createDetector("lstm-ae", { features, windowSize: 32, hidden: 16, seed: 1 }) as NetworkDetector;
  await parent.train({ train: trainZ, validation: [] }, { epochs, learningRate: 0.005, seed: 1, maxTrainWindows: 512 });
  const saved = await parent.save();
  const trainScores = await scoreAll(parent, trainZ);
  const testScores = await scoreAll(parent, testZ);
  const embeddings: Float32Array[] = [];
  for (const c of trainZ) embeddings.push((await parent.embed(c, [[0, c[0]!.length]]))[0]!);
  const candidates: Candidate[] = train.map((s, i) => ({ key: s.name, scores: trainScores[i]!, embedding: embeddings[i]! }));
  const truthAlpha = train.filter((s) => onsetOf(s.labels) >= 0).length / train.length;
  const unsupervised = unsupervisedThreshold(trainScores);
  const testParent = test.map((s, i) => labelled(testScores[i]!, s.labels));
  console.log(`${values.dataset}: ${train.length} train (α = ${truthAlpha.toFixed(3)}), ${test.length} test; LSTM-AE ${epochs} epochs`);
  console.log(`unsupervised threshold: test F1 ${f1At(unsupervised, testParent, rate).toFixed(3)}`);
  console.log("| strategy | budget | seed | α true | α̂ [95 %] | labelled fraction | F1 threshold only | F1 threshold + ALOE fine-tuning |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const budget of values.budgets!.split(",").map(Number)) {
    for (const strategy of ["random", "aloe-kmeans", "aloe-pos"] as const) {
      for (let seed = 0; seed < Number(values.seeds); seed++) {
        if (strategy === "aloe-pos" && seed > 0) continue; // deterministic
        const picks = getStrategy(strategy).select({ candidates, queried: [], budget, seed, threshold: unsupervised });
        const index = new Map(train.map((s, i) => [s.name, i]));
        const picked = picks.map((p) => index.get(p.key)!);
        const draws = picks.map((p, k) => ({ anomalous: onsetOf(train[picked[k]!]!.labels) >= 0, probability: p.probability }));
        const alpha = estimateContamination(draws, train.length, { seed });
        const thresholdOn = (scores: Float32Array[]) =>
          thresholdFromLabels(
            picked.map((i) => labelled(scores[i]!, train[i]!.labels)),
            unsupervisedThreshold(scores),
            rate,
          ).value ?? unsupervisedThreshold(scores);
        const only = f1At(thresholdOn(trainScores), testParent, rate);
        const child = (await loadDetector(saved)) as NetworkDetector;
        const spans: LabelledSpan[] = picked.map((i) => {
          const onset = onsetOf(train[i]!.labels);
          const length = train[i]!.labels.length;
          return onset >= 0
            ? { sequence: i, start: onset, end: length, anomalous: true }
            : { sequence: i, start: 0, end: length, anomalous: false };
        });
        const a = Math.min(0.5, Math.max(0, alpha.estimate ?? alpha.naive ?? 0));
        await child.fineTune({ sequences: trainZ, spans }, { alpha: a, epochs: 2, learningRate: 0.003, seed, maxWindows: 512 });
        const childTrain = await scoreAll(child, trainZ);
        const childTest = await scoreAll(child, testZ);
        child.dispose();
        const tuned = f1At(
          thresholdOn(childTrain),
          test.map((s, i) => labelled(childTest[i]!, s.labels)),
          rate,
        );
        const interval =
          alpha.estimate === null
            ? `— (${alpha.reason})`
            : `${alpha.estimate.toFixed(3)} [${alpha.lower!.toFixed(2)}, ${alpha.upper!.toFixed(2)}]`;
        console.log(
          `| ${strategy} | ${budget} | ${seed} | ${truthAlpha.toFixed(3)} | ${interval} | ${alpha.naive?.toFixed(3) ?? "—"} | ${only.toFixed(3)} | ${tuned.toFixed(3)} |`,
        );
      }
    }
  }
  parent.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
