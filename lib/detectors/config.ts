/**
 * Defaults and checks of the detector configurations. Sizes follow the reference TeVAE
 * (docs/algorithms.md §3–§5); every one can be overridden (tests use tiny networks).
 */
import { DetectorError } from "./errors";
import type { LinearConfig, LstmAeConfig, SizedOptions, TeVaeConfig, TimeVqvaeConfig, WavaeConfig } from "./types";

function fail(what: string): never {
  throw new DetectorError("invalid_config", `Invalid detector configuration: ${what}`);
}

function requireCount(value: number, name: string, min = 1): void {
  if (!Number.isInteger(value) || value < min) fail(`${name} must be a whole number ≥ ${min} (got ${value})`);
}

function checkCommon(c: { features: number; windowSize: number; hidden: number; latent: number; seed: number }): void {
  requireCount(c.features, "features");
  requireCount(c.windowSize, "windowSize");
  requireCount(c.hidden, "hidden");
  requireCount(c.latent, "latent");
  if (!Number.isFinite(c.seed)) fail("seed must be a finite number");
}

const halfFeatures = (features: number) => Math.max(1, Math.floor(features / 2));

export function resolveTeVaeConfig(o: SizedOptions<TeVaeConfig>): TeVaeConfig {
  const config: TeVaeConfig = {
    features: o.features,
    windowSize: o.windowSize,
    hidden: o.hidden ?? 16 * o.features,
    latent: o.latent ?? halfFeatures(o.features),
    heads: o.heads ?? 8,
    keyDim: o.keyDim ?? Math.max(1, Math.floor(o.features / 8)),
    noiseStd: o.noiseStd ?? 0.01,
    seed: o.seed ?? 0,
  };
  checkCommon(config);
  requireCount(config.heads, "heads");
  requireCount(config.keyDim, "keyDim");
  if (!(config.noiseStd >= 0 && Number.isFinite(config.noiseStd))) fail("noiseStd must be a finite number ≥ 0");
  return config;
}

export function resolveLstmAeConfig(o: SizedOptions<LstmAeConfig>): LstmAeConfig {
  const config: LstmAeConfig = {
    features: o.features,
    windowSize: o.windowSize,
    hidden: o.hidden ?? 8 * o.features,
    latent: o.latent ?? halfFeatures(o.features),
    seed: o.seed ?? 0,
  };
  checkCommon(config);
  return config;
}

const requireNonNegative = (value: number, name: string) => {
  if (!(value >= 0 && Number.isFinite(value))) fail(`${name} must be a finite number ≥ 0`);
};

export function resolveWavaeConfig(o: SizedOptions<WavaeConfig>): WavaeConfig {
  const config: WavaeConfig = {
    features: o.features,
    windowSize: o.windowSize,
    hidden: o.hidden ?? 4 * o.features,
    latent: o.latent ?? Math.max(2, halfFeatures(o.features)),
    jitterStd: o.jitterStd ?? 0.05,
    scaleStd: o.scaleStd ?? 0.05,
    maxShift: o.maxShift ?? Math.max(1, Math.floor(o.windowSize / 16)),
    temperature: o.temperature ?? 0.2,
    contrastiveWeight: o.contrastiveWeight ?? 1,
    adversarialWeight: o.adversarialWeight ?? 0,
    seed: o.seed ?? 0,
  };
  checkCommon(config);
  requireNonNegative(config.jitterStd, "jitterStd");
  requireNonNegative(config.scaleStd, "scaleStd");
  requireCount(config.maxShift, "maxShift", 0);
  if (config.maxShift >= config.windowSize) fail(`maxShift must be below windowSize (got ${config.maxShift})`);
  if (!(config.temperature > 0 && Number.isFinite(config.temperature))) fail("temperature must be a finite number > 0");
  requireNonNegative(config.contrastiveWeight, "contrastiveWeight");
  requireNonNegative(config.adversarialWeight, "adversarialWeight");
  return config;
}

export function resolveTimeVqvaeConfig(o: SizedOptions<TimeVqvaeConfig>): TimeVqvaeConfig {
  const nFft = o.nFft ?? 8;
  const config: TimeVqvaeConfig = {
    features: o.features,
    windowSize: o.windowSize,
    nFft,
    hop: o.hop ?? Math.max(1, Math.floor(nFft / 2)),
    lowBins: o.lowBins ?? 2,
    hidden: o.hidden ?? 32,
    latent: o.latent ?? 8,
    codes: o.codes ?? 32,
    heads: o.heads ?? 2,
    layers: o.layers ?? 1,
    maskSpan: o.maskSpan ?? 2,
    maskGroups: o.maskGroups ?? 8,
    priorPasses: o.priorPasses ?? 4,
    commitment: o.commitment ?? 0.25,
    seed: o.seed ?? 0,
  };
  checkCommon(config);
  requireCount(config.nFft, "nFft", 2);
  if (config.nFft % 2 !== 0) fail(`nFft must be even (got ${config.nFft})`);
  requireCount(config.hop, "hop");
  if (config.hop > config.nFft / 2) fail(`hop must be at most nFft/2 (got ${config.hop})`);
  requireCount(config.lowBins, "lowBins");
  if (config.lowBins > config.nFft / 2) fail(`lowBins must leave at least one bin to the high band (at most ${config.nFft / 2})`);
  if (config.windowSize < config.nFft) fail(`windowSize must be at least nFft (${config.nFft})`);
  requireCount(config.codes, "codes", 2);
  requireCount(config.heads, "heads");
  if (config.hidden % config.heads !== 0) fail(`hidden (${config.hidden}) must be a multiple of heads (${config.heads})`);
  requireCount(config.layers, "layers");
  requireCount(config.maskSpan, "maskSpan");
  requireCount(config.maskGroups, "maskGroups");
  requireCount(config.priorPasses, "priorPasses");
  requireNonNegative(config.commitment, "commitment");
  return config;
}

export function resolveLinearConfig(o: SizedOptions<LinearConfig>): LinearConfig {
  const config: LinearConfig = {
    features: o.features,
    windowSize: o.windowSize,
    lags: o.lags ?? 2,
    ridge: o.ridge ?? 1,
    seed: o.seed ?? 0,
  };
  requireCount(config.features, "features");
  requireCount(config.windowSize, "windowSize");
  requireCount(config.lags, "lags", 0);
  if (!(config.ridge > 0 && Number.isFinite(config.ridge))) fail("ridge must be a finite number > 0");
  if (!Number.isFinite(config.seed)) fail("seed must be a finite number");
  return config;
}
