import { CscMatrix, Tensor, ValueError } from "@neural-nmf/tensor";
import type { Data } from "./data.js";
import type { TrainingHistory } from "./train.js";

/**
 * Largest |entry| (as a power of two) that the training handles as it is. Inside
 * [2⁻⁶⁴, 2⁶⁴] every square and product the model forms stays far from float64's limits
 * (2^±1022), so ordinary data is never copied; beyond it {@link normalisedData} rescales.
 */
export const SAFE_EXPONENT = 64;

/** Data scaled by an exact power of two, and the exponent to undo it. */
export interface ScaledData {
  /** `X · 2^(−exponent)`. */
  readonly x: Data;
  /** 0 when X was left as it is. */
  readonly exponent: number;
}

/**
 * X scaled by a power of two so that its largest entry lies in (0.5, 1], when that entry is
 * outside [2⁻⁶⁴, 2⁶⁴]; X itself otherwise. NMF is scale-equivariant — X·c has the factors A and
 * S·c — so the model fits the scaled data and puts the scale back (S, and the classifiers as
 * 1/c), which keeps every step size, tolerance and squared norm of training in range for data
 * from 1e-300 to 1e300. Power-of-two scaling is exact: no rounding is added.
 * @throws {@link ValueError} when X holds only zeros (there is nothing to factorise).
 */
export function normalisedData(x: Data): ScaledData {
  const values = x instanceof CscMatrix ? x.values : x.data;
  let max = 0;
  for (let t = 0; t < values.length; t++) max = Math.max(max, Math.abs(values[t] as number));
  if (max === 0) {
    throw new ValueError("fit: X holds only zeros; there is nothing to factorise", "X");
  }
  const e = Math.ceil(Math.log2(max));
  if (e >= -SAFE_EXPONENT && e <= SAFE_EXPONENT) return { x, exponent: 0 };
  return { x: scaleData(x, e), exponent: e };
}

/**
 * `v · 2^p` exactly, in two factors so that neither overflows: the exponents of subnormal data
 * reach −1074, and 2^1074 is not a double.
 */
function times(values: Float64Array, p: number): Float64Array {
  const a = Math.trunc(p / 2);
  const fa = 2 ** a;
  const fb = 2 ** (p - a);
  return values.map((v) => v * fa * fb);
}

/** X · 2^(−e), exactly (a new matrix; index arrays of a sparse X are shared). */
export function scaleData(x: Data, e: number): Data {
  if (x instanceof CscMatrix) {
    return new CscMatrix(x.rows, x.cols, x.colPtr, x.rowIndices, times(x.values, -e));
  }
  return new Tensor(times(x.data, -e), x.shape);
}

/** A tensor times 2^e, exactly (up to overflow or underflow of the results themselves). */
export function scaleTensor(t: Tensor, e: number): Tensor {
  if (e === 0) return t;
  return new Tensor(times(t.data, e), t.shape);
}

/** A history of a fit on data scaled by 2^−e, in the units of the original data (×4^e). */
export function rescaleHistory(history: TrainingHistory, e: number): void {
  // Two factors of 2^e, not one of 4^e: 4^e overflows (or underflows) where the products do not.
  const f = 2 ** e;
  const scale = (v: number) => v * f * f;
  history.initialLoss = scale(history.initialLoss);
  for (const info of history.epochs) {
    info.loss = scale(info.loss);
    for (const key of Object.keys(info.terms)) info.terms[key] = scale(info.terms[key] as number);
  }
  const weights = history.classificationWeights;
  if (weights) {
    for (const key of Object.keys(weights))
      weights[Number(key)] = scale(weights[Number(key)] as number);
  }
}
