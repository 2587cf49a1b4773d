/**
 * Short-time Fourier transform of one channel and its inverse, in plain JavaScript (TimeVQVAE-AD,
 * docs/algorithms.md §5.2). A periodic Hann window of `nFft` steps moves by `hop` steps over the
 * signal, edge-padded by nFft/2 on both sides, so that frame f is centred on step f·hop and there are
 * ⌊length / hop⌋ + 1 frames. Each frame keeps the nFft/2 + 1 non-negative frequency bins. The inverse
 * is the weighted overlap-add (each frame's inverse DFT times the window, divided by the sum of the
 * squared windows over the frames that cover a step), which gives the signal back exactly whenever
 * hop ≤ nFft/2. Splitting the bins into a low and a high band and inverting each gives two signals
 * that add up to the original (the transform is linear).
 */

export type StftShape = { nFft: number; hop: number };

/** A channel's spectrum, frame-major: bin k of frame f at [f·bins + k]. */
export type Spectrum = { frames: number; bins: number; re: Float32Array; im: Float32Array };

export type Band = "low" | "high";
export const BANDS: readonly Band[] = ["low", "high"];

/** The periodic Hann window: 0.5 − 0.5·cos(2πn / N). */
export function hann(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
}

export function checkStftShape({ nFft, hop }: StftShape): void {
  if (!Number.isInteger(nFft) || nFft < 2 || nFft % 2 !== 0) throw new RangeError(`nFft must be an even whole number ≥ 2 (got ${nFft})`);
  if (!Number.isInteger(hop) || hop < 1 || hop > nFft / 2) throw new RangeError(`hop must be a whole number in [1, nFft/2] (got ${hop})`);
}

export function frameCount(length: number, hop: number): number {
  return Math.floor(length / hop) + 1;
}

export const binCount = (nFft: number) => nFft / 2 + 1;

/** The step a frame is centred on (frames beyond the signal's end are clamped to its last step). */
export const frameCentre = (frame: number, hop: number) => frame * hop;

export function stft(signal: ArrayLike<number>, shape: StftShape): Spectrum {
  checkStftShape(shape);
  const { nFft, hop } = shape;
  const length = signal.length;
  if (length === 0) throw new RangeError("stft of an empty signal");
  const half = nFft / 2;
  const frames = frameCount(length, hop);
  const bins = binCount(nFft);
  const w = hann(nFft);
  const re = new Float32Array(frames * bins);
  const im = new Float32Array(frames * bins);
  const frame = new Float64Array(nFft);
  for (let f = 0; f < frames; f++) {
    for (let n = 0; n < nFft; n++) {
      const t = Math.min(length - 1, Math.max(0, f * hop + n - half));
      frame[n] = (signal[t] ?? 0) * (w[n] ?? 0);
    }
    for (let k = 0; k < bins; k++) {
      let r = 0;
      let i = 0;
      for (let n = 0; n < nFft; n++) {
        const angle = (-2 * Math.PI * k * n) / nFft;
        r += (frame[n] ?? 0) * Math.cos(angle);
        i += (frame[n] ?? 0) * Math.sin(angle);
      }
      re[f * bins + k] = r;
      im[f * bins + k] = i;
    }
  }
  return { frames, bins, re, im };
}

/** The signal of `length` steps whose STFT is `spectrum` (weighted overlap-add). */
export function istft(spectrum: Spectrum, shape: StftShape, length: number): Float32Array {
  checkStftShape(shape);
  const { nFft, hop } = shape;
  const { frames, bins, re, im } = spectrum;
  if (bins !== binCount(nFft)) throw new RangeError(`a spectrum of ${bins} bins does not fit nFft ${nFft}`);
  if (frames !== frameCount(length, hop)) throw new RangeError(`${frames} frames do not fit ${length} steps with hop ${hop}`);
  const half = nFft / 2;
  const w = hann(nFft);
  const padded = length + nFft;
  const sum = new Float64Array(padded);
  const weight = new Float64Array(padded);
  for (let f = 0; f < frames; f++) {
    for (let n = 0; n < nFft; n++) {
      // Inverse real DFT from the non-negative bins (Hermitian symmetry).
      let x = 0;
      for (let k = 0; k < bins; k++) {
        const angle = (2 * Math.PI * k * n) / nFft;
        const term = (re[f * bins + k] ?? 0) * Math.cos(angle) - (im[f * bins + k] ?? 0) * Math.sin(angle);
        x += k === 0 || k === half ? term : 2 * term;
      }
      x /= nFft;
      const p = f * hop + n;
      sum[p] = (sum[p] ?? 0) + x * (w[n] ?? 0);
      weight[p] = (weight[p] ?? 0) + (w[n] ?? 0) ** 2;
    }
  }
  const out = new Float32Array(length);
  for (let t = 0; t < length; t++) {
    const p = t + half;
    out[t] = (weight[p] ?? 0) > 1e-12 ? (sum[p] ?? 0) / (weight[p] ?? 1) : 0;
  }
  return out;
}

/** Bins [0, lowBins) are the low band, the rest the high band. */
export function bandBins(band: Band, bins: number, lowBins: number): [number, number] {
  return band === "low" ? [0, lowBins] : [lowBins, bins];
}

/** The spectrum with every bin outside the band set to zero. */
export function keepBand(spectrum: Spectrum, band: Band, lowBins: number): Spectrum {
  const [from, to] = bandBins(band, spectrum.bins, lowBins);
  const re = new Float32Array(spectrum.re.length);
  const im = new Float32Array(spectrum.im.length);
  for (let f = 0; f < spectrum.frames; f++) {
    for (let k = from; k < to; k++) {
      re[f * spectrum.bins + k] = spectrum.re[f * spectrum.bins + k] ?? 0;
      im[f * spectrum.bins + k] = spectrum.im[f * spectrum.bins + k] ?? 0;
    }
  }
  return { ...spectrum, re, im };
}

/** The signal's low- and high-frequency parts on the time axis; they add up to the signal. */
export function splitBands(signal: ArrayLike<number>, shape: StftShape, lowBins: number): Record<Band, Float32Array> {
  const spectrum = stft(signal, shape);
  return {
    low: istft(keepBand(spectrum, "low", lowBins), shape, signal.length),
    high: istft(keepBand(spectrum, "high", lowBins), shape, signal.length),
  };
}

/**
 * One band's bins as features per frame, [frames, 2·(to − from)]: the real and the imaginary part of
 * each bin, divided by `scale` (the model sees values of the signal's order).
 */
export function bandFeatures(spectrum: Spectrum, band: Band, lowBins: number, scale: number): Float32Array {
  const [from, to] = bandBins(band, spectrum.bins, lowBins);
  const width = 2 * (to - from);
  const out = new Float32Array(spectrum.frames * width);
  for (let f = 0; f < spectrum.frames; f++) {
    for (let k = from; k < to; k++) {
      out[f * width + 2 * (k - from)] = (spectrum.re[f * spectrum.bins + k] ?? 0) / scale;
      out[f * width + 2 * (k - from) + 1] = (spectrum.im[f * spectrum.bins + k] ?? 0) / scale;
    }
  }
  return out;
}

/** The inverse of `bandFeatures`: writes the band's bins (times `scale`) into `spectrum`, in place. */
export function setBandFeatures(spectrum: Spectrum, band: Band, lowBins: number, scale: number, features: ArrayLike<number>): void {
  const [from, to] = bandBins(band, spectrum.bins, lowBins);
  const width = 2 * (to - from);
  for (let f = 0; f < spectrum.frames; f++) {
    for (let k = from; k < to; k++) {
      spectrum.re[f * spectrum.bins + k] = (features[f * width + 2 * (k - from)] ?? 0) * scale;
      spectrum.im[f * spectrum.bins + k] = (features[f * width + 2 * (k - from) + 1] ?? 0) * scale;
    }
  }
}

/** An all-zero spectrum of the given size. */
export function emptySpectrum(frames: number, bins: number): Spectrum {
  return { frames, bins, re: new Float32Array(frames * bins), im: new Float32Array(frames * bins) };
}

/**
 * Per-frame values onto the steps: linear interpolation between the frame centres (f·hop), the last
 * frame's value after the last centre.
 */
export function framesToSteps(values: ArrayLike<number>, hop: number, length: number): Float32Array {
  const out = new Float32Array(length);
  const last = values.length - 1;
  for (let t = 0; t < length; t++) {
    const f = Math.min(last, Math.floor(t / hop));
    const g = Math.min(last, f + 1);
    const a = (t - f * hop) / hop;
    out[t] = f === g ? (values[f] ?? 0) : (1 - a) * (values[f] ?? 0) + a * (values[g] ?? 0);
  }
  return out;
}
