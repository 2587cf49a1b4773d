/**
 * The model cache: per (dataset, detector options, backend, fold, stage) the trained weights AND
 * the per-sequence anomaly scores, so that re-running only the query part costs no training or
 * scoring. One folder per key (a SHA-256 of everything the model depends on, see modelKey):
 * meta.json (detector kind, config, weight specs, scored sequences, training summary), weights.bin
 * and scores.bin (little-endian float32, sequences concatenated in meta order). A folder is written
 * under a temporary name and renamed, so a reader never sees half of one; an unreadable folder counts
 * as a miss.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DETECTOR_KINDS, type SavedWeights } from "../../lib/detectors";
import { decodeFloat32, encodeFloat32 } from "../../lib/series/chunks";
import type { LoadedDataset } from "./dataset";

/** Bump when training or scoring changes in a way the key cannot see. */
export const CACHE_VERSION = 1;

export type TrainSummary = { epochs: number; bestEpoch: number; bestLoss: number; stopReason: string; seconds: number; windowSize: number };
export type CachedScores = { scores: Map<string, Float32Array>; train: TrainSummary };
export type CachedModel = CachedScores & { weights: SavedWeights };

const metaSchema = z.object({
  version: z.literal(CACHE_VERSION),
  kind: z.enum(DETECTOR_KINDS),
  config: z.record(z.string(), z.number()),
  specs: z.array(z.object({ name: z.string(), shape: z.array(z.number().int()), dtype: z.literal("float32") })),
  sequences: z.array(z.object({ id: z.string(), length: z.number().int().min(0) })),
  train: z.object({
    epochs: z.number(),
    bestEpoch: z.number(),
    bestLoss: z.number(),
    stopReason: z.string(),
    seconds: z.number(),
    windowSize: z.number(),
  }),
});

/** SHA-256 (hex) of the JSON of `parts`. */
export function hashOf(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** A fingerprint of the data itself: channels, rate, and every sequence's id, values and labels. */
export function datasetFingerprint(dataset: LoadedDataset): string {
  const hash = createHash("sha256").update(JSON.stringify([dataset.channels, dataset.samplingRate]));
  for (const s of dataset.sequences) {
    hash.update(`|${s.id}|${s.columns[0]?.length ?? 0}|`);
    for (const column of s.columns) hash.update(encodeFloat32(column));
    hash.update(s.labels ?? new Uint8Array(0));
  }
  return hash.digest("hex");
}

export class ModelCache {
  constructor(readonly dir: string) {}

  /** The scores and training summary of a cached model (the weights stay on disk: loadDetector reads them). */
  read(key: string): CachedScores | null {
    const folder = path.join(this.dir, key);
    try {
      const meta = metaSchema.parse(JSON.parse(readFileSync(path.join(folder, "meta.json"), "utf8")));
      const values = decodeFloat32(readFileSync(path.join(folder, "scores.bin")));
      const scores = new Map<string, Float32Array>();
      let offset = 0;
      for (const { id, length } of meta.sequences) {
        if (offset + length > values.length) return null;
        scores.set(id, values.slice(offset, offset + length));
        offset += length;
      }
      const weightBytes = meta.specs.reduce((n, spec) => n + 4 * spec.shape.reduce((a, b) => a * b, 1), 0);
      if (readFileSync(path.join(folder, "weights.bin")).byteLength !== weightBytes) return null;
      return offset === values.length ? { scores, train: meta.train } : null;
    } catch {
      return null;
    }
  }

  /** The weights of a cached model (null when the folder is missing or unreadable). */
  readWeights(key: string): SavedWeights | null {
    const folder = path.join(this.dir, key);
    try {
      const meta = metaSchema.parse(JSON.parse(readFileSync(path.join(folder, "meta.json"), "utf8")));
      const data = new Uint8Array(readFileSync(path.join(folder, "weights.bin")));
      return { kind: meta.kind, config: meta.config as SavedWeights["config"], specs: meta.specs, data };
    } catch {
      return null;
    }
  }

  write(key: string, model: CachedModel): void {
    mkdirSync(this.dir, { recursive: true });
    const folder = path.join(this.dir, key);
    if (existsSync(folder)) return;
    const temp = mkdtempSync(path.join(this.dir, `.tmp-${key.slice(0, 12)}-`));
    try {
      const sequences = [...model.scores].map(([id, s]) => ({ id, length: s.length }));
      const meta = {
        version: CACHE_VERSION,
        kind: model.weights.kind,
        config: model.weights.config,
        specs: model.weights.specs,
        sequences,
        train: model.train,
      };
      writeFileSync(path.join(temp, "meta.json"), JSON.stringify(meta));
      writeFileSync(path.join(temp, "weights.bin"), model.weights.data);
      const all = new Float32Array(sequences.reduce((n, s) => n + s.length, 0));
      let offset = 0;
      for (const s of model.scores.values()) {
        all.set(s, offset);
        offset += s.length;
      }
      writeFileSync(path.join(temp, "scores.bin"), encodeFloat32(all));
      renameSync(temp, folder);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      if (!existsSync(folder)) throw error;
    }
  }
}
