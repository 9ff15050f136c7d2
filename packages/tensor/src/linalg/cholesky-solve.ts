/**
 * Solves with a (possibly rank-deficient) factor from {@link cholesky}.
 * @module
 */
import { ArgumentTypeError, ShapeError } from "../errors.js";
import {
  checkBuffer,
  checkFinite,
  checkFiniteTriangle,
  checkNoOverlap,
  checkSize,
  outputBuffer,
} from "./checks.js";
import { triangularSolveInPlace } from "./triangular.js";

/** Options of {@link choleskySolve}. */
export interface CholeskySolveOptions {
  /**
   * The `dropped` flags returned by {@link cholesky} with this factor. Optional: a dropped pivot
   * leaves a zero on the diagonal of the factor, and zero diagonal entries are treated as dropped
   * whether or not they are flagged.
   */
  dropped?: Uint8Array;
  /**
   * Receives the n×nrhs solution (row-major). May be `b` itself to solve in place; must not
   * otherwise overlap `b` or the factor. Allocated when omitted.
   */
  out?: Float64Array;
}

/**
 * Solves `L Lᵀ x = b` for n×nrhs row-major `b`, given the lower-triangular factor L of
 * {@link cholesky} (only its lower triangle is read).
 *
 * Rank deficiency: a component j whose pivot was dropped (flagged in `dropped`, or with
 * `L_jj = 0`) gets `x_j = 0`, and the equations of the other components are solved exactly.
 * Because the kept part of L is the Cholesky factor of the principal submatrix `A_KK` of the
 * kept indices K, this returns `x_K = A_KK⁻¹ b_K, x_D = 0`. It is the minimum-change, NaN-free
 * treatment of a singular system: the variables judged redundant are held at zero instead of
 * receiving ±Infinity or NaN, and nothing else is perturbed. When the dropped variables are
 * exact combinations of the kept ones and `b` lies in the range of `A`, x solves `A x = b`
 * exactly; otherwise the equations of the dropped indices are in general not satisfied. It is
 * not the minimum-norm solution; use {@link lstsq} for that.
 *
 * Costs n²·nrhs multiply-adds (two triangular solves); allocation-free when `out` is given.
 *
 * @returns the solution, `out` when given.
 * @throws {@link ShapeError} for a bad size or a buffer that is too short.
 * @throws {@link ArgumentTypeError} when a buffer has the wrong type.
 * @throws {@link NonFiniteError} when `b` or the lower triangle of the factor holds NaN or ±Infinity.
 * @throws {@link ValueError} when `out` partly overlaps `b` or overlaps the factor.
 * @example
 * ```ts
 * const { factor, dropped } = cholesky(gram, n);
 * const x = choleskySolve(factor, n, rhs, 1, { dropped });
 * ```
 */
export function choleskySolve(
  factor: Float64Array,
  n: number,
  b: Float64Array,
  nrhs: number,
  options: CholeskySolveOptions = {},
): Float64Array {
  const where = "choleskySolve";
  checkSize(where, "n", n);
  checkSize(where, "nrhs", nrhs);
  checkBuffer(where, "factor", factor, n, n);
  checkBuffer(where, "b", b, n, nrhs);
  checkFiniteTriangle(where, "factor", factor, n, true, true);
  checkFinite(where, "b", b, n, nrhs);
  const dropped = options.dropped;
  if (dropped !== undefined) {
    if (!(dropped instanceof Uint8Array)) {
      throw new ArgumentTypeError(`${where}: option \`dropped\` must be a Uint8Array`, "dropped");
    }
    if (dropped.length < n) {
      throw new ShapeError(
        `${where}: option \`dropped\` has ${dropped.length} entries, needs ${n}`,
        "dropped",
      );
    }
  }
  const x = outputBuffer(where, options.out, n * nrhs);
  checkNoOverlap(where, x, n * nrhs, "factor", factor, n * n, false);
  checkNoOverlap(where, x, n * nrhs, "b", b, n * nrhs, true);
  if (x !== b) x.set(b.subarray(0, n * nrhs));
  const skip = dropped ?? null;
  triangularSolveInPlace(factor, n, x, nrhs, true, false, false, skip, true);
  triangularSolveInPlace(factor, n, x, nrhs, true, true, false, skip, true);
  return x;
}
