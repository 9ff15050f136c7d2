/**
 * The internal form of a multi-column NNLS problem in Gram form, shared by the kernels.
 *
 * Variables are equilibrated: with `dᵢ = 1/√Gᵢᵢ` (0 for a zero column of A) the kernels solve
 * `min ½ŝᵀĜŝ − ĉᵀŝ, ŝ ≥ 0` with `Ĝ = DGD` (unit diagonal), `ĉ = Dc`, and `s = Dŝ`. NNLS is
 * invariant under this change of variables (the support does not change), and on the unit-diagonal
 * problem the pivot threshold and the KKT tolerance are independent of how the columns of A are
 * scaled. Variables with `Gᵢᵢ = 0` are fixed at 0.
 *
 * Storage is column-major for the right-hand sides and solutions (`C[j*k + i]`), so one column's
 * k numbers are contiguous while it is being solved.
 * @internal
 */

/** Per-column status codes. @internal */
export const STATUS_CONVERGED = 0;
/** Iteration cap reached. @internal */
export const STATUS_CAPPED = 1;
/** Block pivoting gave up on this column (singular `G_FF` or cap); the active-set method finishes it. @internal */
export const STATUS_FALLBACK = 2;

/** @internal */
export interface GramProblem {
  readonly k: number;
  readonly n: number;
  /** Equilibrated Gram matrix Ĝ, k×k row-major, unit diagonal (zero rows/columns for fixed variables). */
  readonly G: Float64Array;
  /** Equilibrated right-hand sides ĉ, column-major (column j at `j*k`). */
  readonly C: Float64Array;
  /** Solutions ŝ, column-major; written by the kernels. */
  readonly S: Float64Array;
  /** `max_i |ĉ_ij|` per column. */
  readonly cmax: Float64Array;
  /** Relative KKT tolerance. */
  readonly tol: number;
  /** Iteration cap per column. */
  readonly maxIterations: number;
  /** Iterations spent on each column. */
  readonly iterations: Int32Array;
  /** Status of each column (`STATUS_*`). */
  readonly status: Uint8Array;
  /** Warm-start passive sets, column-major k×n mask, or null for a cold start. */
  readonly initial: Uint8Array | null;
}

/**
 * Scale of the KKT test of a column: `σ = max(max_i |ĉ_i|, max_i ŝ_i)`, the largest of the terms
 * `ĉ_i` and `Ĝ_ii ŝ_i` (Ĝ has a unit diagonal). Rounding in `ŵ = ĉ − Ĝŝ` is at most about
 * `(p + 1)·ε·σ` for p positive entries (`|Ĝ_il| ≤ 1`), so a relative tolerance well above `kε` is
 * attainable at every scale; σ is invariant under scaling A, X or single columns of A.
 * @internal
 */
export function kktScale(cmax: number, s: Float64Array, off: number, k: number): number {
  let sigma = cmax;
  for (let i = 0; i < k; i++) {
    const v = s[off + i]!;
    if (v > sigma) sigma = v;
  }
  return sigma;
}
