/**
 * Moore–Penrose pseudo-inverse of a small dense matrix.
 * @module
 */
import { gemm } from "../kernels/gemm.js";
import { checkBuffer, checkFinite, checkNonNegative, checkSize } from "./checks.js";
import { defaultRcond, numericalRank, svdScaled } from "./svd.js";

/** Options of {@link pinv}. */
export interface PinvOptions {
  /**
   * Relative cutoff: singular values `σ ≤ rcond · σ_max` are treated as zero. Default
   * `max(m, n) · ε` (NumPy's default). Must be finite and ≥ 0.
   */
  rcond?: number;
}

/**
 * Moore–Penrose pseudo-inverse `a⁺` (n×m, row-major) of the m×n row-major matrix `a`: the unique
 * matrix with `a a⁺ a = a`, `a⁺ a a⁺ = a⁺` and `a a⁺`, `a⁺ a` symmetric. `a⁺ b` is the
 * minimum-norm least-squares solution of `a x ≈ b` (prefer {@link lstsq} for a single solve).
 *
 * Computed as `V Σ⁺ Uᵀ` from the {@link svd} of `a`, with singular values at or below
 * `rcond · σ_max` treated as zero, so a numerically rank-deficient matrix gets the pseudo-inverse
 * of its best low-rank approximation instead of a huge, noise-driven one; this matches
 * `numpy.linalg.pinv(a)`. The zero matrix (and any empty matrix) maps to zero. Meant for small
 * matrices; allocates its workspace.
 *
 * @throws {@link ShapeError} when `m` or `n` is not a non-negative integer or `a` is too short.
 * @throws {@link ArgumentTypeError} when `a` is not a `Float64Array`.
 * @throws {@link NonFiniteError} when `a` holds NaN or ±Infinity.
 * @throws {@link ValueError} for a negative or non-finite `rcond`.
 */
export function pinv(
  a: Float64Array,
  m: number,
  n: number,
  options: PinvOptions = {},
): Float64Array {
  const where = "pinv";
  checkSize(where, "m", m);
  checkSize(where, "n", n);
  checkBuffer(where, "a", a, m, n);
  checkFinite(where, "a", a, m, n);
  const rcond = options.rcond ?? defaultRcond(m, n);
  checkNonNegative(where, "rcond", rcond);

  const { u, s, vt, exponent } = svdScaled(a, m, n);
  const r = s.length;
  const rank = numericalRank(s, rcond);
  // z = Σ_k⁻¹ U_kᵀ (rank×m) over the kept singular triplets only, then a⁺ = V_k z, with V_k read
  // in place from the first rank rows of vt (transA). The singular values are those of
  // 2^-exponent·a, hence the final 2^-exponent (exact, and Infinity only on true overflow).
  const z = new Float64Array(rank * m);
  for (let k = 0; k < rank; k++) {
    const sk = s[k] as number;
    for (let i = 0; i < m; i++) z[k * m + i] = (u[i * r + k] as number) / sk;
  }
  const out = new Float64Array(n * m);
  gemm(true, false, n, m, rank, vt, z, out);
  if (exponent !== 0) {
    const scale = 2 ** -exponent;
    for (let q = 0; q < out.length; q++) out[q]! *= scale;
  }
  return out;
}
