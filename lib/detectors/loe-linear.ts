/**
 * The linear detector's closest honest analogue of ALOE's fine-tuning (loe.ts). A closed-form ridge
 * fit has no loss to push upwards, so anomalous data cannot be "scored up" by training; what it can
 * do is stop fitting it. The refit leaves out every step of a labelled-anomalous span and the top α
 * fraction of the remaining unlabelled steps by the parent's score (the latent anomalies), keeps
 * the labelled-normal steps, and fits again on the pieces that remain. Steps excluded this way no
 * longer pull the regression and the residual variance towards themselves, so the fit describes the
 * normal data more tightly and anomalies' residuals grow relative to it. One pass, no epochs.
 */
import type { SeriesColumns } from "../series/types";
import { createDetector } from "./index";
import type { LabelledSpan, LoeData } from "./loe";
import type { Detector, LinearConfig, TrainResult } from "./types";

/** Per sequence, 1 for each step to leave out (see the file comment). */
export function excludedSteps(data: LoeData, scores: readonly Float32Array[], alpha: number): Uint8Array[] {
  const masks = data.sequences.map((columns) => new Uint8Array(columns[0]?.length ?? 0));
  const normal = data.sequences.map((columns) => new Uint8Array(columns[0]?.length ?? 0));
  const mark = (s: LabelledSpan, into: Uint8Array[]) => {
    const m = into[s.sequence];
    if (m) for (let t = Math.max(0, s.start); t < Math.min(m.length, s.end); t++) m[t] = 1;
  };
  for (const s of data.spans) mark(s, s.anomalous ? masks : normal);
  const free: [number, number, number][] = [];
  masks.forEach((m, i) => {
    for (let t = 0; t < m.length; t++) if (!m[t] && !normal[i]![t]) free.push([scores[i]?.[t] ?? 0, i, t]);
  });
  free.sort((a, b) => b[0] - a[0]);
  for (const [, i, t] of free.slice(0, Math.floor(alpha * free.length))) masks[i]![t] = 1;
  return masks;
}

/** The runs of kept steps of each sequence, as sequences of their own (at least `minLength` steps). */
export function keptPieces(sequences: readonly SeriesColumns[], masks: readonly Uint8Array[], minLength: number): SeriesColumns[] {
  const pieces: SeriesColumns[] = [];
  sequences.forEach((columns, i) => {
    const mask = masks[i]!;
    let start = 0;
    for (let t = 0; t <= mask.length; t++) {
      if (t < mask.length && !mask[t]) continue;
      if (t - start >= minLength) pieces.push(columns.map((c) => c.slice(start, t)));
      start = t + 1;
    }
  });
  return pieces;
}

/** A new linear detector with the parent's configuration, fitted without the excluded steps. */
export async function refitLinear(
  config: LinearConfig,
  data: LoeData,
  scores: readonly Float32Array[],
  alpha: number,
): Promise<{ detector: Detector; result: TrainResult; excluded: number }> {
  const masks = excludedSteps(data, scores, alpha);
  const pieces = keptPieces(data.sequences, masks, config.lags + 2);
  const detector = createDetector("linear", config);
  const result = await detector.train({ train: pieces, validation: [] });
  return { detector, result, excluded: masks.reduce((n, m) => n + m.reduce((s, v) => s + v, 0), 0) };
}
