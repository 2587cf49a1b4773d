/**
 * Precision, recall and F1 from outcome counts, with 0/0 defined as 0 (scikit-learn's
 * `zero_division=0`): no predicted positive → precision 0; no actual positive → recall 0;
 * 2·tp + fp + fn = 0 → F1 0. F1 is computed as 2·tp / (2·tp + fp + fn), the form scikit-learn
 * uses, which equals 2·P·R / (P + R) whenever that is defined.
 */

export function precisionOf(tp: number, fp: number): number {
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

export function recallOf(tp: number, fn: number): number {
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

/** F1 as an exact ratio of integers, so that ties can be recognised without rounding. */
export type F1Ratio = { num: number; den: number };

export function f1Ratio(tp: number, fp: number, fn: number): F1Ratio {
  const den = 2 * tp + fp + fn;
  return den === 0 ? { num: 0, den: 1 } : { num: 2 * tp, den };
}

export function f1Of(tp: number, fp: number, fn: number): number {
  const { num, den } = f1Ratio(tp, fp, fn);
  return num / den;
}

/**
 * Sign of a − b, exactly (cross-multiplication of integers far below 2^53 for any realistic
 * number of candidates).
 */
export function compareF1(a: F1Ratio, b: F1Ratio): number {
  return Math.sign(a.num * b.den - b.num * a.den);
}
