/**
 * A measurement, not a detector of the app: how well a cross-channel linear model separates the
 * classes on the harness's folds and stages, for comparison with the "detector separability" lines
 * that `npm run eval` prints for its detector. Per channel c, a ridge regression predicts x_c(t) from
 * the other channels at t and every channel at t − 1 … t − lags (z-scored with the stage's training
 * statistics, fitted on its training sequences, every other step); the score of a step is the
 * Gaussian NLL of the residuals summed over channels, as the detectors score. Prints, per fold and
 * stage, the ROC AUC of each sequence's maximum score on the test split and on the query pool, and
 * the oracle F1 (the best test F1 of any threshold).
 *
 *   npx tsx --conditions=react-server scripts/eval/probe-linear.ts [eval flags] [--lags N]
 */
import { truthOf } from "../../lib/eval/expert";
import { planFolds, stageMembers } from "../../lib/eval/folds";
import { rocAuc } from "../../lib/eval/separability";
import { createChannelStats, finishChannelStats, updateChannelStats, zscore, type ZScoreParams } from "../../lib/preprocess";
import type { SeriesColumns } from "../../lib/series";
import { refineThreshold, type LabelledCandidate } from "../../lib/threshold";
import { loadDataset } from "./dataset";
import { parseEvalArgs } from "./options";

const RIDGE: number = 1;

/** Solves A x = b (A symmetric positive definite after the ridge term) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  const at = (i: number, j: number) => m[i]?.[j] ?? 0;
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let k = i + 1; k < n; k++) if (Math.abs(at(k, i)) > Math.abs(at(p, i))) p = k;
    [m[i], m[p]] = [m[p] ?? [], m[i] ?? []];
    for (let k = i + 1; k < n; k++) {
      const f = at(k, i) / at(i, i);
      const row = m[k] ?? [];
      for (let j = i; j <= n; j++) row[j] = at(k, j) - f * at(i, j);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = at(i, n);
    for (let j = i + 1; j < n; j++) s -= at(i, j) * (x[j] ?? 0);
    x[i] = s / at(i, i);
  }
  return x;
}

/** Regressors of channel c at step t: 1, the other channels at t, every channel at t − 1 … t − lags (clamped at 0). */
function regressors(cols: SeriesColumns, c: number, t: number, lags: number): number[] {
  const f = [1];
  cols.forEach((col, k) => k !== c && f.push(col[t] ?? 0));
  for (let l = 1; l <= lags; l++) for (const col of cols) f.push(col[Math.max(0, t - l)] ?? 0);
  return f;
}

const dot = (w: readonly number[], x: readonly number[]) => x.reduce((s, v, k) => s + v * (w[k] ?? 0), 0);

type ChannelModel = { w: number[]; variance: number };

function fit(train: SeriesColumns[], channels: number, lags: number): ChannelModel[] {
  return Array.from({ length: channels }, (_, c) => {
    const size = channels + lags * channels;
    const a = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j ? RIDGE : 0)));
    const b = new Array<number>(size).fill(0);
    for (const cols of train) {
      for (let t = 0; t < (cols[0]?.length ?? 0); t += 2) {
        const x = regressors(cols, c, t, lags);
        const y = cols[c]?.[t] ?? 0;
        x.forEach((xi, i) => {
          b[i] = (b[i] ?? 0) + xi * y;
          const row = a[i] ?? [];
          x.forEach((xj, j) => (row[j] = (row[j] ?? 0) + xi * xj));
        });
      }
    }
    const w = solve(a, b);
    let squares = 0;
    let n = 0;
    for (const cols of train) {
      for (let t = 0; t < (cols[0]?.length ?? 0); t += 2) {
        squares += ((cols[c]?.[t] ?? 0) - dot(w, regressors(cols, c, t, lags))) ** 2;
        n++;
      }
    }
    return { w, variance: Math.max(1e-6, squares / Math.max(1, n)) };
  });
}

function score(cols: SeriesColumns, models: readonly ChannelModel[], lags: number): Float32Array {
  const steps = cols[0]?.length ?? 0;
  const out = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    let s = 0;
    models.forEach(({ w, variance }, c) => {
      const r = (cols[c]?.[t] ?? 0) - dot(w, regressors(cols, c, t, lags));
      s += 0.5 * (Math.log(2 * Math.PI * variance) + (r * r) / variance);
    });
    out[t] = s;
  }
  return out;
}

const maxOf = (a: Float32Array) => a.reduce((m, v) => (v > m ? v : m), -Infinity);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const lagAt = argv.indexOf("--lags");
  const lags = lagAt >= 0 ? Number(argv.splice(lagAt, 2)[1]) : 2;
  const parsed = parseEvalArgs(argv);
  if (parsed.help) return;
  const o = parsed.options;
  const dataset = await loadDataset(o);
  const sequences = dataset.sequences.map((s) => ({ ...s, truth: truthOf(s.labels) }));
  const channels = dataset.channels.length;
  console.log(`linear probe: ridge ${RIDGE}, lags ${lags}, ${sequences.length} sequences, ${o.folds} folds, stages ${o.stages.join(", ")}`);
  for (const f of planFolds(sequences.map((s) => s.truth.anomalous), o.folds, o.seed)) {
    for (const fraction of o.stages) {
      const members = stageMembers(f, fraction);
      const stats = createChannelStats(channels);
      for (const i of members.train) updateChannelStats(stats, sequences[i]?.columns ?? []);
      const params: ZScoreParams = finishChannelStats(stats);
      const z = (i: number) => zscore(sequences[i]?.columns ?? [], params);
      const models = fit(members.train.map(z), channels, lags);
      const scored = (indices: readonly number[]) =>
        indices.map((i): LabelledCandidate => {
          const truth = sequences[i]?.truth ?? { anomalous: false, onset: null };
          const scores = score(z(i), models, lags);
          return truth.anomalous ? { scores, anomalous: true, onset: truth.onset ?? 0 } : { scores, anomalous: false };
        });
      const auc = (list: LabelledCandidate[]) =>
        rocAuc(list.filter((c) => c.anomalous).map((c) => maxOf(c.scores as Float32Array)), list.filter((c) => !c.anomalous).map((c) => maxOf(c.scores as Float32Array)));
      const test = scored(f.test);
      const pool = scored([...members.train, ...members.validation]);
      const oracle = refineThreshold(test, { samplingRate: dataset.samplingRate });
      console.log(`fold ${f.fold + 1} stage ${fraction}: test AUC ${auc(test)?.toFixed(2) ?? "—"}, pool AUC ${auc(pool)?.toFixed(2) ?? "—"}, oracle F1 ${oracle?.f1.toFixed(2) ?? "—"}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
