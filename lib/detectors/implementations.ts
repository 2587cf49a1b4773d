/**
 * How each detector in the registry (registry.ts) is built: a network behind the shared
 * NetworkDetector, or a class of its own. Kept apart from the registry because it loads
 * TensorFlow.js, which the pages that read the registry must not; the compiler insists on a line
 * per kind.
 */
import { NetworkDetector } from "./detector";
import { LinearDetector } from "./linear";
import { createLstmAeNetwork } from "./lstm-ae";
import type { DetectorConfigs, DetectorKind } from "./registry";
import { createTeVaeNetwork } from "./tevae";
import { TimeVqvaeDetector } from "./timevqvae";
import type { Detector } from "./types";
import { createWavaeNetwork } from "./wavae";
import type { WeightBytes } from "./weights";

/** A detector that can take saved weights (loadDetector). */
export type LoadableDetector = Detector & { load(weights: WeightBytes): void };

export const IMPLEMENTATIONS: { [K in DetectorKind]: (config: DetectorConfigs[K]) => LoadableDetector } = {
  tevae: (config) => new NetworkDetector({ kind: "tevae", config }, createTeVaeNetwork(config)),
  "lstm-ae": (config) => new NetworkDetector({ kind: "lstm-ae", config }, createLstmAeNetwork(config)),
  linear: (config) => new LinearDetector(config),
  wavae: (config) => new NetworkDetector({ kind: "wavae", config }, createWavaeNetwork(config)),
  timevqvae: (config) => new TimeVqvaeDetector(config),
};
