import { type CscMatrix, cholesky, choleskySolve, gemm } from "@neural-nmf/tensor";
import { groupBySupport } from "./support-groups.js";

/** Inputs of {@link nnlsBackward}: one NNLS layer `S = argmin_{S≥0} ‖X − A S‖²_F` and `∂ℓ/∂S`. */
export interface NnlsBackwardInput {
  /** A, row-major m×k. */
  readonly a: Float64Array;
  /** X, row-major m×n dense, or sparse. */
  readonly x: Float64Array | CscMatrix;
  /** S = q(X, A), row-major k×n. */
  readonly s: Float64Array;
  /** G = AᵀA, row-major k×k. */
  readonly gram: Float64Array;
  /** ∂ℓ/∂S, row-major k×n. */
  readonly gradS: Float64Array;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  /** Which gradients are wanted. */
  readonly needX: boolean;
  readonly needA: boolean;
  /** Relative pivot tolerance of the Cholesky factorisations of G_PP. */
  readonly pivotTolerance?: number;
}

/** Gradients of one NNLS layer; `null` where not requested. */
export interface NnlsBackwardOutput {
  /** ∂ℓ/∂X = A Z, m×n (only for dense X). */
  readonly gradX: Float64Array | null;
  /** ∂ℓ/∂A = (X − A S) Zᵀ − A Z Sᵀ, m×k. */
  readonly gradA: Float64Array | null;
  /** Number of distinct supports, i.e. Cholesky factorisations performed. */
  readonly factorizations: number;
  /** Columns whose G_PP was rank deficient (handled by dropping dependent variables). */
  readonly rankDeficientColumns: number;
}

/**
 * The batched closed-form backward pass of the NNLS layer (`neural-nmf.md` §3).
 *
 * For each column j with support P_j, `Z[P_j, j] = (A_PᵀA_P)⁻¹ ∂ℓ/∂S[P_j, j]` (zero elsewhere),
 * solved once per distinct support with a Cholesky factor of G_PP shared by every column having
 * that support. Then `∂ℓ/∂X = A Z` and
 * `∂ℓ/∂A = (X − AS)Zᵀ − AZSᵀ = X Zᵀ − A (S Zᵀ + Z Sᵀ)`; the second form needs only
 * m×k and k×k products, so the m×n residual is never formed (X may be sparse).
 *
 * Rank-deficient supports (A_P without full column rank, e.g. duplicate columns of A): the
 * semidefinite Cholesky drops the dependent variables and their entries of Z are set to 0, which
 * is the derivative of the solution restricted to the independent variables the solver kept. The
 * result is always finite.
 */
export function nnlsBackward(input: NnlsBackwardInput): NnlsBackwardOutput {
  const { a, x, s, gram, gradS, m, k, n, needX, needA } = input;
  const z = new Float64Array(k * n);
  const groups = groupBySupport(s, k, n);
  let rankDeficientColumns = 0;
  const sub = new Float64Array(k * k);
  let rhs = new Float64Array(k * 64);
  for (const { support, columns } of groups) {
    const p = support.length;
    const c = columns.length;
    for (let r = 0; r < p; r++) {
      const gr = (support[r] as number) * k;
      for (let t = 0; t < p; t++) sub[r * p + t] = gram[gr + (support[t] as number)] as number;
    }
    const chol = cholesky(sub.subarray(0, p * p), p, { tolerance: input.pivotTolerance });
    if (!chol.fullRank) rankDeficientColumns += c;
    if (rhs.length < p * c) rhs = new Float64Array(p * c);
    const b = rhs.subarray(0, p * c);
    for (let r = 0; r < p; r++) {
      const row = (support[r] as number) * n;
      for (let t = 0; t < c; t++) b[r * c + t] = gradS[row + (columns[t] as number)] as number;
    }
    const sol = choleskySolve(chol.factor, p, b, c, { dropped: chol.dropped });
    for (let r = 0; r < p; r++) {
      const row = (support[r] as number) * n;
      for (let t = 0; t < c; t++) z[row + (columns[t] as number)] = sol[r * c + t] as number;
    }
  }

  let gradX: Float64Array | null = null;
  if (needX && !(x instanceof Float64Array)) {
    gradX = null; // a sparse X is constant data
  } else if (needX) {
    gradX = new Float64Array(m * n);
    gemm(false, false, m, n, k, a, z, gradX);
  }

  let gradA: Float64Array | null = null;
  if (needA) {
    // X Zᵀ (m×k)
    gradA = x instanceof Float64Array ? new Float64Array(m * k) : x.matmulTransposed(z, k);
    if (x instanceof Float64Array) gemm(false, true, m, k, n, x, z, gradA);
    // M = S Zᵀ + Z Sᵀ (k×k, symmetric), then X Zᵀ − A M.
    const mk = new Float64Array(k * k);
    gemm(false, true, k, k, n, s, z, mk);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const v = (mk[i * k + j] as number) + (mk[j * k + i] as number);
        mk[i * k + j] = -v;
        mk[j * k + i] = -v;
      }
    }
    gemm(false, false, m, k, k, a, mk, gradA, true);
  }
  return { gradX, gradA, factorizations: groups.length, rankDeficientColumns };
}
