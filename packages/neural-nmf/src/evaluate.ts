import {
  CscMatrix,
  gemm,
  gram,
  pinv,
  ShapeError,
  type Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import type { Data } from "./data.js";
import { SAFE_EXPONENT, scaleData, scaleTensor } from "./data-scale.js";

/**
 * Relative error `‖X − P S‖_F / ‖X‖_F` of one level, with P (m×k) the level's topic matrix and
 * S (k×n) its representation. For sparse X the residual is expanded as
 * `‖X‖² − 2⟨PᵀX, S⟩ + ⟨(PᵀP)S, S⟩`, so no m×n matrix is formed. 0 for an all-zero X.
 */
export function relativeErrorOf(x: Data, p: Tensor, s: Tensor): number {
  // Scale-free: data of extreme scale (and its codes, which scale with it) are brought to a safe
  // range by the same power of two first, so squares neither overflow nor underflow.
  const values = x instanceof CscMatrix ? x.values : x.data;
  let max = 0;
  for (let t = 0; t < values.length; t++) max = Math.max(max, Math.abs(values[t] as number));
  if (max === 0) return 0;
  const e = Math.ceil(Math.log2(max));
  if (e < -SAFE_EXPONENT || e > SAFE_EXPONENT) {
    return relativeErrorAtSafeScale(scaleData(x, e), p, scaleTensor(s, -e));
  }
  return relativeErrorAtSafeScale(x, p, s);
}

function relativeErrorAtSafeScale(x: Data, p: Tensor, s: Tensor): number {
  const m = p.rows;
  const k = p.cols;
  const n = s.cols;
  const xx = x.frobeniusNormSquared();
  if (xx === 0) return 0;
  if (!(x instanceof CscMatrix)) {
    const ps = new Float64Array(m * n);
    gemm(false, false, m, n, k, p.data, s.data, ps);
    let r = 0;
    for (let i = 0; i < ps.length; i++) r += ((x.data[i] as number) - (ps[i] as number)) ** 2;
    return Math.sqrt(r / xx);
  }
  const ptx = x.leftMultiplyTransposed(p.data, k);
  const ptp = gram(p.data, m, k);
  const q = new Float64Array(k * n);
  gemm(false, false, k, n, k, ptp, s.data, q);
  let cross = 0;
  let quad = 0;
  for (let i = 0; i < k * n; i++) {
    cross += (ptx[i] as number) * (s.data[i] as number);
    quad += (q[i] as number) * (s.data[i] as number);
  }
  return Math.sqrt(Math.max(0, xx - 2 * cross + quad) / xx);
}

/** Fraction of `predicted[j] === truth[j]` over the columns `on` (default: all). */
export function accuracyOf(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  on?: ArrayLike<number>,
): number {
  if (predicted.length !== truth.length) {
    throw new ShapeError(
      `accuracy: ${predicted.length} predictions for ${truth.length} labels`,
      "labels",
    );
  }
  const idx = on ?? Array.from({ length: truth.length }, (_, j) => j);
  if (idx.length === 0) throw new ValueError("accuracy: no columns to score", "on");
  let hit = 0;
  for (let t = 0; t < idx.length; t++) {
    const j = idx[t] as number;
    if (predicted[j] === truth[j]) hit++;
  }
  return hit / idx.length;
}

/** Index of the largest entry of each column of a row-major c×n matrix. */
export function argmaxColumns(scores: Float64Array, c: number, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    let best = 0;
    let bv = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < c; r++) {
      const v = scores[r * n + j] as number;
      if (v > bv) {
        bv = v;
        best = r;
      }
    }
    out[j] = best;
  }
  return out;
}

/**
 * The authors' post-hoc classifier: `B̂ = (Y ⊙ M) · pinv(S)` fitted on the columns `fitOn`
 * (the labelled ones), then `argmax(B̂ S)` for every column. Returns the predictions.
 */
export function posthocPredict(
  s: Tensor,
  labels: ArrayLike<number>,
  classes: number,
  fitOn: ArrayLike<number>,
): Int32Array {
  const k = s.rows;
  const n = s.cols;
  const p = fitOn.length;
  if (p === 0) throw new ValueError("posthocPredict: no labelled columns to fit on", "fitOn");
  // S restricted to the labelled columns (k×p) and the one-hot labels of those columns (c×p).
  const sk = new Float64Array(k * p);
  const y = new Float64Array(classes * p);
  for (let t = 0; t < p; t++) {
    const j = fitOn[t] as number;
    for (let r = 0; r < k; r++) sk[r * p + t] = s.data[r * n + j] as number;
    const c = labels[j] as number;
    if (!Number.isInteger(c) || c < 0 || c >= classes) {
      throw new ValueError(
        `posthocPredict: label ${c} of column ${j} is outside [0, ${classes})`,
        "labels",
      );
    }
    y[c * p + t] = 1;
  }
  const sp = pinv(sk, k, p); // p×k
  const bHat = new Float64Array(classes * k);
  gemm(false, false, classes, k, p, y, sp, bHat);
  const scores = new Float64Array(classes * n);
  gemm(false, false, classes, n, k, bHat, s.data, scores);
  return argmaxColumns(scores, classes, n);
}

/** A summary of the model's accuracy at one level. */
export interface AccuracyOptions {
  /** Level whose representation S⁽ˡ⁾ is scored (1-based; default: the top level). */
  level?: number;
  /**
   * `"posthoc"` (default): the authors' least-squares classifier `B̂ = (Y⊙M) pinv(S⁽ˡ⁾)`;
   * `"classifier"`: the trained classifier of that level (supervised levels only).
   */
  method?: "posthoc" | "classifier";
  /** Columns the post-hoc classifier is fitted on (default: all). */
  fitOn?: ArrayLike<number>;
  /** Columns that are scored (default: all). */
  scoreOn?: ArrayLike<number>;
}
