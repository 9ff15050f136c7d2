import {
  type CscMatrix,
  currentExecutor,
  evenBounds,
  gemm,
  inThreadExecutor,
  type Kernel,
  type KernelArray,
} from "@neural-nmf/tensor";
import {
  backward as backSubstitute,
  factorRows,
  forwardRows,
  RANK_TOL,
} from "../solver/cholesky.js";
import { compressColumns, denseTimesSparse, denseTimesSparseTransposed } from "./sparse-z.js";
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
  /**
   * Relative pivot tolerance of the Cholesky factorisations of G_PP (default: the solver's own,
   * so forward and backward drop the same dependent variables).
   */
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
  const { z, factorizations, rankDeficientColumns, supportEntries } = supportSolve(
    gram,
    s,
    gradS,
    k,
    n,
    input.pivotTolerance ?? RANK_TOL,
  );

  // Looping over the supports beats the blocked dense kernels only when they are very sparse
  // (measured: at 20% of the entries the loops are 1.0–1.8× slower than gemm).
  const compressed = supportEntries * 10 < k * n ? compressColumns(z, k, n) : null;

  let gradX: Float64Array | null = null;
  if (needX && x instanceof Float64Array) {
    // (A sparse X is constant data: no gradient.)
    gradX = new Float64Array(m * n);
    if (compressed) denseTimesSparse(a, m, k, compressed, n, gradX);
    else gemm(false, false, m, n, k, a, z, gradX);
  }

  let gradA: Float64Array | null = null;
  if (needA) {
    // X Zᵀ (m×k)
    if (!(x instanceof Float64Array)) gradA = x.rightMultiplyTransposed(z, k);
    else {
      gradA = new Float64Array(m * k);
      if (compressed) denseTimesSparseTransposed(x, m, n, compressed, k, gradA);
      else gemm(false, true, m, k, n, x, z, gradA);
    }
    subtractGramPart(a, s, z, m, k, n, gradA);
  }
  return { gradX, gradA, factorizations, rankDeficientColumns };
}

/** What {@link supportSolve} returns. */
export interface SupportSolution {
  /** Z (k×n row-major): `Z[P_j, j] = (G_PP)⁻¹ gradS[P_j, j]`, zero off each support. */
  readonly z: Float64Array;
  /** Distinct supports factorised (summed over the parts). */
  readonly factorizations: number;
  /** Columns whose G_PP was rank deficient. */
  readonly rankDeficientColumns: number;
  /** Σ_j |P_j|: the nonzeros of Z. */
  readonly supportEntries: number;
}

/** Columns below which the solves stay on the calling thread. */
const PARALLEL_MIN_COLUMNS = 256;
/** Per-part statistics of the kernel: factorisations, rank-deficient columns, support entries. */
const STATS = 3;

/**
 * The per-column half of the backward pass: for every column j with support `P_j` of S,
 * `Z[P_j, j] = (G_PP)⁻¹ gradS[P_j, j]`, one Cholesky factor per distinct support and part.
 * Columns are split in ranges on the current executor; every column's arithmetic is the same
 * whatever the split, so Z is identical bit for bit for any number of threads.
 */
export function supportSolve(
  gram: Float64Array,
  s: Float64Array,
  gradS: Float64Array,
  k: number,
  n: number,
  pivotTolerance: number = RANK_TOL,
): SupportSolution {
  const ex = n >= PARALLEL_MIN_COLUMNS ? currentExecutor() : inThreadExecutor;
  const bounds = evenBounds(n, ex.threads);
  const parts = bounds.length - 1;
  const z = ex.allocate(k * n);
  const stats = ex.allocate(parts * STATS);
  ex.run({
    kernel: supportSolveKernel,
    arrays: { gram, s, gradS, z, stats },
    outputs: ["z", "stats"],
    scalars: { k, n, pivotTolerance },
    bounds,
  });
  let factorizations = 0;
  let rankDeficientColumns = 0;
  let supportEntries = 0;
  for (let p = 0; p < parts; p++) {
    factorizations += stats[p * STATS]!;
    rankDeficientColumns += stats[p * STATS + 1]!;
    supportEntries += stats[p * STATS + 2]!;
  }
  return { z, factorizations, rankDeficientColumns, supportEntries };
}

function supportSolveColumns(
  arrays: Readonly<Record<string, KernelArray>>,
  scalars: Readonly<Record<string, number>>,
  start: number,
  end: number,
  part: number,
): void {
  const gram = arrays.gram as Float64Array;
  const s = arrays.s as Float64Array;
  const gradS = arrays.gradS as Float64Array;
  const z = arrays.z as Float64Array;
  const stats = arrays.stats as Float64Array;
  const k = scalars.k!;
  const n = scalars.n!;
  const tolerance = scalars.pivotTolerance!;
  for (let i = 0; i < k; i++) z.fill(0, i * n + start, i * n + end);
  const groups = groupBySupport(s, k, n, start, end);
  let rankDeficientColumns = 0;
  let supportEntries = 0;
  // Workspaces shared by every group: the factor of G_PP, its drop flags, one right-hand side.
  const factor = new Float64Array(k * k);
  const dropped = new Uint8Array(k);
  const rhs = new Float64Array(k);
  for (const { support, columns } of groups) {
    const p = support.length;
    supportEntries += p * columns.length;
    if (factorRows(gram, k, support, 0, p, factor, p, dropped, tolerance) > 0)
      rankDeficientColumns += columns.length;
    for (let t = 0; t < columns.length; t++) {
      const j = columns[t] as number;
      for (let r = 0; r < p; r++) rhs[r] = gradS[(support[r] as number) * n + j] as number;
      forwardRows(factor, p, dropped, rhs, rhs, 0, p);
      backSubstitute(factor, p, dropped, rhs, rhs, p);
      for (let r = 0; r < p; r++) z[(support[r] as number) * n + j] = rhs[r] as number;
    }
  }
  const at = part * STATS;
  stats[at] = groups.length;
  stats[at + 1] = rankDeficientColumns;
  stats[at + 2] = supportEntries;
}

/** The per-column backward kernel, by name for worker threads. */
export const supportSolveKernel: Kernel = { name: "nnls/support-solve", run: supportSolveColumns };

/**
 * The part of `∂ℓ/∂A` that flows through `G = AᵀA`: `out −= A (S Zᵀ + Z Sᵀ)` (m×k), with
 * `M = S Zᵀ + Z Sᵀ` a k×k product over the n columns. `∂ℓ/∂A = X Zᵀ − A M` is then complete.
 */
export function subtractGramPart(
  a: Float64Array,
  s: Float64Array,
  z: Float64Array,
  m: number,
  k: number,
  n: number,
  out: Float64Array,
): void {
  const mk = new Float64Array(k * k);
  gemm(false, true, k, k, n, s, z, mk);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const v = (mk[i * k + j] as number) + (mk[j * k + i] as number);
      mk[i * k + j] = -v;
      mk[j * k + i] = -v;
    }
  }
  gemm(false, false, m, k, k, a, mk, out, true);
}
