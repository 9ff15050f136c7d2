import type { Tensor } from "@neural-nmf/tensor";

/**
 * Algorithm of the k-dimensional solves.
 * - `"bpp"`: block principal pivoting (Kim & Park) with column grouping and the backup rule;
 *   columns it cannot handle (singular `G_FF` from dependent columns of A, or too many exchanges)
 *   are finished by the active-set method.
 * - `"active-set"`: per-column Lawson–Hanson on the normal equations (Bro & De Jong's fast NNLS)
 *   with an incrementally updated Cholesky factor.
 * - `"auto"` (default): `"bpp"`, the faster of the two on every measured shape (see the README).
 */
export type NnlsMethod = "auto" | "bpp" | "active-set";

/**
 * Options of {@link nnls} and {@link nnlsGram}.
 */
export interface NnlsOptions {
  /**
   * Warm start: a previous solution S (k×n `Tensor`, or a row-major k×n `Float64Array`), whose
   * positive entries give the initial passive sets, or directly a passive-set mask (row-major k×n
   * `Uint8Array`, nonzero = passive). Only the support is used, so the result is the same as a
   * cold start (bit for bit when the final supports agree); only the work changes. Entries of S
   * may be any finite numbers.
   */
  initial?: Tensor | Float64Array | Uint8Array;
  /**
   * Relative KKT tolerance (default `1e-10`), see {@link NnlsGramResult.maxKktViolation}. Must be
   * in `(0, 1)`.
   */
  tolerance?: number;
  /**
   * Iteration cap per column (default `10·k + 100`). With `"bpp"`, block exchanges and the
   * active-set steps of a fallback column count against the same cap. Hitting it never throws:
   * the column keeps its last feasible iterate and the result says `converged: false`.
   */
  maxIterations?: number;
  /** Algorithm (default `"auto"`). */
  method?: NnlsMethod;
}

/**
 * Result of {@link nnlsGram}. Everything is row-major k×n like the input `C`.
 */
export interface NnlsGramResult {
  /** The solution, k×n row-major, every entry finite and ≥ 0. */
  S: Float64Array;
  /**
   * Largest number of iterations spent on one column. An iteration is one change of the passive
   * set: one block exchange of block pivoting, or one added variable / one inner step of the
   * active-set method.
   */
  iterations: number;
  /** Iterations summed over all columns (the work measure used for warm starts). */
  totalIterations: number;
  /** Whether every column satisfies the KKT conditions within the tolerance. */
  converged: boolean;
  /** Number of columns that hit the iteration cap or violate the KKT conditions. */
  unconverged: number;
  /**
   * Largest relative KKT violation over all columns, measured on the returned S after the solve.
   * With `w = c − Gs = Aᵀ(x − As)`, measure each variable in units of its column of A:
   * `ŵᵢ = wᵢ/√Gᵢᵢ` (the residual's correlation with the unit column `aᵢ/‖aᵢ‖`), `ĉᵢ = cᵢ/√Gᵢᵢ`,
   * `ŝᵢ = √Gᵢᵢ·sᵢ`. The violation of column j is `max_i vᵢ / σⱼ` with `vᵢ = |ŵᵢ|` if `sᵢ > 0` and
   * `max(ŵᵢ, 0)` if `sᵢ = 0`, and `σⱼ = max_i max(|ĉᵢ|, ŝᵢ)` (the size of the terms `ĉ` and
   * `diag(Ĝ)·ŝ` whose difference is ŵ; rounding alone gives about `k·1e-16`). It is invariant under
   * scaling A, X, or single columns of A. Variables with `Gᵢᵢ = 0` (zero columns of A) are fixed at
   * 0 and not counted. A column is converged when its violation is at most the tolerance.
   */
  maxKktViolation: number;
  /**
   * Support of the solution, k×n row-major: 1 where `S > 0`. The backward pass of the NNLS layer
   * needs `(G_PP)⁻¹` on exactly these sets.
   */
  passive: Uint8Array;
}

/** Result of {@link nnls}: {@link NnlsGramResult} with S as a k×n {@link Tensor}. */
export interface NnlsResult extends Omit<NnlsGramResult, "S"> {
  /** The solution, a k×n tensor, every entry finite and ≥ 0. */
  S: Tensor;
}
