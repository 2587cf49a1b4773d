/**
 * A y axis fitted to what is in view: the extent of a channel's points inside the zoom window, padded
 * and rounded out to a readable step, so that zooming in shows the shape of the visible stretch
 * instead of a flat line on the whole sequence's scale. Pure.
 */

export type Extent = { min: number; max: number };

/**
 * Smallest and largest y of the points whose x lies in [from, to], plus the nearest point on either
 * side (the line into the view is drawn from there). null when no point is finite.
 */
export function visibleExtent(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): Extent | null {
  let min = Infinity;
  let max = -Infinity;
  let before = -1;
  let after = -1;
  const take = (i: number) => {
    const v = y[i];
    if (v === undefined || !Number.isFinite(v)) return;
    if (v < min) min = v;
    if (v > max) max = v;
  };
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? Number.NaN;
    if (xi < from) before = i;
    else if (xi > to) {
      if (after < 0) after = i;
    } else take(i);
  }
  if (min > max) {
    // Nothing inside (a view between two kept points): the neighbours are what is drawn.
    if (before >= 0) take(before);
    if (after >= 0) take(after);
  }
  return min <= max ? { min, max } : null;
}

/** A "nice" step (1, 2, 2.5 or 5 × 10ⁿ) near `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const f = rough / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * The axis range for an extent: padded by 5 % of its span (a flat line gets room of its own size),
 * ends rounded out to a step of about a third of the span, so that the labels read as round numbers;
 * not across zero when the data stay on one side of it. `interval` is that step (the axis's label spacing).
 */
export function fitRange(extent: Extent, splits = 3): Extent & { interval: number } {
  const { min, max } = extent;
  const span = max - min;
  const pad = span > 0 ? span * 0.05 : Math.max(Math.abs(min) * 0.05, 1e-6);
  const step = niceStep((span + 2 * pad) / Math.max(1, splits));
  // The padding never takes the axis across zero when the data do not cross it (a speed of 0 stays the bottom).
  const lo = min >= 0 && max > 0 ? Math.max(0, Math.floor((min - pad) / step) * step) : Math.floor((min - pad) / step) * step;
  const hi = max <= 0 && min < 0 ? Math.min(0, Math.ceil((max + pad) / step) * step) : Math.ceil((max + pad) / step) * step;
  // Rounded to the step's own digits: 0.1 × 3 is 0.30000000000000004 otherwise.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return { min: Number(lo.toFixed(digits)), max: Number(hi.toFixed(digits)), interval: Number(step.toFixed(digits)) };
}
