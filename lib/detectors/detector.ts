/**
 * A Detector over any Network: training, evaluation, scoring and save/load are shared, the
 * network is what differs between kinds. One call at a time: a second one while training or
 * scoring runs is refused with `busy` (the weights would change under it).
 */
import type { SeriesColumns } from "../series/types";
import { ExclusiveUse } from "./exclusive";
import { reconstructionLoss } from "./evaluate";
import type { Network } from "./network";
import { scoreColumns } from "./score";
import { TRAIN_DEFAULTS, evaluationBatchSize } from "./train-options";
import { trainNetwork } from "./trainer";
import type {
  Detector,
  DetectorConfigs,
  DetectorKind,
  SavedWeights,
  ScoreOptions,
  ScoreResult,
  TrainData,
  TrainOptions,
  TrainResult,
} from "./types";
import { embedStretches } from "./embedding";
import { fineTuneLoe, type LoeData, type LoeOptions, type LoeResult } from "./loe";
import { assignBytes, weightsToBytes, type WeightBytes } from "./weights";
import { windowRefs } from "./windows";

export type DetectorIdentity = { [K in DetectorKind]: { kind: K; config: DetectorConfigs[K] } }[DetectorKind];

export class NetworkDetector implements Detector {
  private readonly use = new ExclusiveUse();

  constructor(
    private readonly identity: DetectorIdentity,
    private readonly net: Network,
  ) {}

  get kind(): DetectorKind {
    return this.identity.kind;
  }

  get config(): DetectorConfigs[DetectorKind] {
    return this.identity.config;
  }

  get parameterCount(): number {
    return this.net.variables.reduce((n, v) => n + v.variable.size, 0);
  }

  train(data: TrainData, options?: TrainOptions): Promise<TrainResult> {
    return this.use.run(() => trainNetwork(this.net, data, this.config, options));
  }

  evaluate(sequences: SeriesColumns[], options: { batchSize?: number } = {}): Promise<number> {
    const batch = options.batchSize ?? evaluationBatchSize(TRAIN_DEFAULTS.batchSize);
    return this.use.run(() => {
      const refs = windowRefs(sequences, this.config.windowSize, this.config.features);
      return reconstructionLoss(this.net, sequences, refs, this.config, batch);
    });
  }

  score(columns: SeriesColumns, options?: ScoreOptions): Promise<ScoreResult> {
    return this.use.run(() => scoreColumns((x) => this.net.predict(x), columns, this.config, options));
  }

  /** ALOE's label-aware fine-tuning in place (loe.ts). */
  fineTune(data: LoeData, options: LoeOptions): Promise<LoeResult> {
    return this.use.run(() => fineTuneLoe(this.net, data, this.config, options));
  }

  /** The mean window embedding of each stretch [start, end) of the sequence (embedding.ts). */
  embed(columns: SeriesColumns, stretches: readonly (readonly [number, number])[]): Promise<Float32Array[]> {
    return this.use.run(() => embedStretches(this.net, columns, stretches, this.config));
  }

  save(): Promise<SavedWeights> {
    return this.use.run(async () => ({ ...this.identity, ...(await weightsToBytes(this.net.variables)) }));
  }

  /** Replaces the weights with saved ones (names, shapes and sizes must match). */
  load(weights: WeightBytes): void {
    this.use.assertUsable();
    assignBytes(this.net.variables, weights);
  }

  dispose(): void {
    if (this.use.dispose()) this.net.dispose();
  }
}
