/**
 * Cholesky factorisation that tolerates rank deficiency, for the positive semi-definite Gram
 * matrices (`XᵀX`, `WᵀW`) that least-squares and NMF updates produce: collinear columns make
 * them singular, and rounding can make them very slightly indefinite.
 * @module
 */
import { ArgumentTypeError, ShapeError } from "../errors.js";
import {
  checkBuffer,
  checkFiniteTriangle,
  checkNonNegative,
  checkNoOverlap,
  checkSize,
  outputBuffer,
} from "./checks.js";

/** Default relative pivot tolerance of {@link cholesky}. */
export const CHOLESKY_DEFAULT_TOLERANCE = 1e-12;

/** Options of {@link cholesky}. */
export interface CholeskyOptions {
  /**
   * Relative pivot tolerance: a pivot `d ≤ tolerance · max_i a_ii` counts as zero. Relative, so
   * scaling `a` by any positive factor drops the same pivots. Pivots are on the scale of `a`
   * (squared entries of L), so the default {@link CHOLESKY_DEFAULT_TOLERANCE} = 1e-12 treats a
   * column as dependent when, measured in the `a`-norm, less than about 1e-6 of it lies outside
   * the span of the columns kept before it; that is well above the ~n·ε·max a_ii rounding noise
   * of an exactly dependent column. Must be finite and ≥ 0.
   */
  tolerance?: number;
  /**
   * Receives the n×n factor. May be `a` itself (in-place factorisation: only its lower triangle
   * is read and each entry is read before it is overwritten); must not otherwise overlap `a`.
   * Allocated when omitted.
   */
  out?: Float64Array;
  /** Receives the n dropped-pivot flags. Allocated when omitted. */
  dropped?: Uint8Array;
}

/** Result of {@link cholesky}. */
export interface CholeskyResult {
  /**
   * n×n row-major lower-triangular L with `L Lᵀ ≈ a`; the strict upper triangle is zero, and so
   * is column j (diagonal included) for every dropped pivot j.
   */
  factor: Float64Array;
  /** Number of accepted pivots: the numerical rank of `a` as seen in the given variable order. */
  rank: number;
  /** `rank === n`. */
  fullRank: boolean;
  /** `dropped[j] === 1` where the pivot of column j was rejected, 0 elsewhere. */
  dropped: Uint8Array;
}

/**
 * Factors a symmetric positive semi-definite n×n row-major matrix as `a ≈ L Lᵀ`, with L lower
 * triangular, continuing past rank deficiency instead of failing.
 *
 * Columns are processed in their given order (no pivoting, so the flags refer to the caller's
 * own variables). When the pivot of column j, `d_j = a_jj − Σ_{p<j} L_jp²`, is at most
 * `tolerance · max_i a_ii` (zero and negative pivots included), column j of L is set to zero and
 * `dropped[j] = 1`: variable j is treated as a combination of the variables kept before it, and
 * the factorisation goes on with the others. The kept rows and columns of L are then the
 * Cholesky factor of the principal submatrix of `a` on the kept indices (bit for bit: dropped
 * columns only add exact zeros), which is what {@link choleskySolve} relies on. Row j keeps its
 * entries left of the diagonal, so `L Lᵀ` still reproduces `a` except for errors of order
 * √(d_j · max a_ii) in row and column j, which vanish with the dropped pivot.
 *
 * Accuracy of the rank decision: without pivoting, a computed pivot carries a rounding error of
 * up to about n·ε·κ·max a_ii, κ the condition number of the block of `a` on the variables kept
 * before it. Rank and flags are therefore reliable when κ is well below tolerance/(n·ε)
 * (≈ 4500/n at the default tolerance), i.e. when the kept variables are not themselves nearly
 * collinear; otherwise a dependent variable may be kept with a tiny, noise-level pivot. Use
 * {@link svd} or {@link lstsq} when the rank itself must be reliable for arbitrary input.
 *
 * Never produces NaN and never throws for semi-definite or slightly indefinite input (negative
 * pivots from rounding are dropped like zero ones). For a clearly indefinite matrix the result is
 * NaN-free but not meaningful. Only the lower triangle (diagonal included) of `a` is read; the
 * matrix is scaled internally by a power of two so that neither the tolerance test nor the
 * arithmetic depends on the magnitude of `a`. Costs n³/6 multiply-adds; allocation-free apart
 * from the result object when `out` and `dropped` are given.
 *
 * @throws {@link ShapeError} when `n` is not a non-negative integer or a buffer is too short.
 * @throws {@link ArgumentTypeError} when `a`, `out` or `dropped` has the wrong type.
 * @throws {@link NonFiniteError} when the lower triangle of `a` holds NaN or ±Infinity.
 * @throws {@link ValueError} for a negative or non-finite tolerance, or `out` partly overlapping `a`.
 * @example
 * ```ts
 * // Gram matrix of the columns [1, 0], [0, 1], [1, 1]: the third is the sum of the others.
 * const { factor, rank, dropped } = cholesky(new Float64Array([1, 0, 1, 0, 1, 1, 1, 1, 2]), 3);
 * // rank === 2, dropped = [0, 0, 1]
 * ```
 */
export function cholesky(
  a: Float64Array,
  n: number,
  options: CholeskyOptions = {},
): CholeskyResult {
  const where = "cholesky";
  checkSize(where, "n", n);
  checkBuffer(where, "a", a, n, n);
  checkFiniteTriangle(where, "a", a, n, true, true);
  const tolerance = options.tolerance ?? CHOLESKY_DEFAULT_TOLERANCE;
  checkNonNegative(where, "tolerance", tolerance);
  const dropped = droppedBuffer(where, options.dropped, n);
  const L = outputBuffer(where, options.out, n * n);
  checkNoOverlap(where, L, n * n, "a", a, n * n, true);

  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, a[i * n + i] as number);
  // Work on 2^-e·a with e even, so max diag lands in [0.5, 2): powers of two scale exactly, and
  // the final 2^(e/2) rescaling of L is exact too. Keeps sums of squares far from overflow and
  // underflow, and makes the result exactly equivariant under power-of-two scaling of a.
  let scale = 1;
  let unscale = 1;
  if (maxDiag > 0) {
    const e = Math.max(-1020, Math.min(1020, 2 * Math.round(Math.log2(maxDiag) / 2)));
    scale = 2 ** -e;
    unscale = 2 ** (e / 2);
  }
  const threshold = tolerance * maxDiag * scale;

  let rank = 0;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    // Row j left of the diagonal was finished while earlier columns were processed.
    let d = (a[rj + j] as number) * scale;
    for (let p = 0; p < j; p++) {
      const v = L[rj + p] as number;
      d -= v * v;
    }
    // The strict upper triangle of a is never read, so it can be cleared even in place.
    L.fill(0, rj + j + 1, rj + n);
    // Written as a negated comparison so that a NaN pivot (only possible after overflow on
    // absurd indefinite input) is dropped too instead of spreading through sqrt.
    if (!(d > threshold)) {
      dropped[j] = 1;
      for (let i = j; i < n; i++) L[i * n + j] = 0;
      continue;
    }
    dropped[j] = 0;
    rank++;
    const ljj = Math.sqrt(d);
    L[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = (a[ri + j] as number) * scale;
      for (let p = 0; p < j; p++) s -= (L[ri + p] as number) * (L[rj + p] as number);
      L[ri + j] = s / ljj;
    }
  }
  if (unscale !== 1) {
    for (let i = 0; i < n; i++) {
      for (let q = i * n; q <= i * n + i; q++) L[q]! *= unscale;
    }
  }
  return { factor: L, rank, fullRank: rank === n, dropped };
}

function droppedBuffer(where: string, dropped: unknown, n: number): Uint8Array {
  if (dropped === undefined) return new Uint8Array(n);
  if (!(dropped instanceof Uint8Array)) {
    throw new ArgumentTypeError(`${where}: option \`dropped\` must be a Uint8Array`, "dropped");
  }
  if (dropped.length < n) {
    throw new ShapeError(
      `${where}: option \`dropped\` has ${dropped.length} entries, needs ${n}`,
      "dropped",
    );
  }
  return dropped;
}
