/**
 * Minimum-norm least squares for small dense systems of any shape and rank.
 * @module
 */
import { gemm } from "../kernels/gemm.js";
import { checkBuffer, checkFinite, checkNonNegative, checkSize } from "./checks.js";
import { defaultRcond, numericalRank, svdScaled } from "./svd.js";

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /**
   * Relative cutoff: singular values `σ ≤ rcond · σ_max` are treated as zero. Default
   * `max(m, n) · ε` (NumPy's default). Must be finite and ≥ 0.
   */
  rcond?: number;
}

/** Result of {@link lstsq}. */
export interface LstsqResult {
  /** n×nrhs row-major minimum-norm least-squares solution. */
  x: Float64Array;
  /** Number of singular values above the cutoff: the numerical rank of `a`. */
  rank: number;
  /** All min(m, n) singular values of `a`, non-increasing. */
  singularValues: Float64Array;
}

/**
 * Minimum-norm least-squares solution of `a x ≈ b` for m×n `a` and m×nrhs `b` (row-major):
 * among the minimisers of ‖a x − b‖₂ (one per column of b), the one of smallest norm. Works for
 * any m and n, including underdetermined (m < n) and rank-deficient systems, where it is the
 * well-defined, stable answer that normal equations or plain elimination cannot give.
 *
 * Computed as `x = V Σ⁺ Uᵀ b` from the {@link svd} of `a`, with singular values at or below
 * `rcond · σ_max` treated as zero so that noise-level directions do not blow up the solution;
 * this matches `numpy.linalg.lstsq(a, b, rcond=None)`. Meant for small matrices (the one-sided
 * Jacobi SVD is O(min(m,n)²·max(m,n)) per sweep); allocates its workspace.
 *
 * @throws {@link ShapeError} for a bad size or a buffer that is too short.
 * @throws {@link ArgumentTypeError} when `a` or `b` is not a `Float64Array`.
 * @throws {@link NonFiniteError} when `a` or `b` holds NaN or ±Infinity.
 * @throws {@link ValueError} for a negative or non-finite `rcond`.
 */
export function lstsq(
  a: Float64Array,
  m: number,
  n: number,
  b: Float64Array,
  nrhs: number,
  options: LstsqOptions = {},
): LstsqResult {
  const where = "lstsq";
  checkSize(where, "m", m);
  checkSize(where, "n", n);
  checkSize(where, "nrhs", nrhs);
  checkBuffer(where, "a", a, m, n);
  checkBuffer(where, "b", b, m, nrhs);
  checkFinite(where, "a", a, m, n);
  checkFinite(where, "b", b, m, nrhs);
  const rcond = options.rcond ?? defaultRcond(m, n);
  checkNonNegative(where, "rcond", rcond);

  const { u, s, vt, exponent } = svdScaled(a, m, n);
  const r = s.length;
  const rank = numericalRank(s, rcond);
  // y = Σ_k⁻¹ U_kᵀ b over the kept singular triplets only (a division per entry, so a zero
  // projection stays zero), then x = V_k y: the cut directions never enter the result.
  // The singular values are those of 2^-exponent·a, hence the final 2^-exponent.
  const y = new Float64Array(rank * nrhs);
  for (let k = 0; k < rank; k++) {
    const sk = s[k] as number;
    for (let c = 0; c < nrhs; c++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += (u[i * r + k] as number) * (b[i * nrhs + c] as number);
      y[k * nrhs + c] = dot / sk;
    }
  }
  const x = new Float64Array(n * nrhs);
  // The first `rank` rows of vt are V_kᵀ, stored rank×n: transA reads them as V_k.
  gemm(true, false, n, nrhs, rank, vt, y, x);
  if (exponent !== 0) {
    const scale = 2 ** -exponent;
    for (let q = 0; q < x.length; q++) x[q]! *= scale;
  }
  const singularValues = s.map((v) => v * 2 ** exponent);
  return { x, rank, singularValues };
}
