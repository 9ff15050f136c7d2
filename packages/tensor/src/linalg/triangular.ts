/**
 * Triangular solves with several right-hand sides: the strict building blocks behind
 * {@link choleskySolve} and for callers that hold a factor of their own.
 * @module
 */
import { ValueError } from "../errors.js";
import {
  checkBuffer,
  checkFinite,
  checkFiniteTriangle,
  checkNoOverlap,
  checkSize,
  outputBuffer,
} from "./checks.js";

/** Options of {@link solveLowerTriangular} and {@link solveUpperTriangular}. */
export interface TriangularSolveOptions {
  /** Solve with the transpose of the triangular matrix (`Tᵀ x = b`). Default `false`. */
  transpose?: boolean;
  /** Take the diagonal as all ones without reading it (unit-triangular factors). Default `false`. */
  unitDiagonal?: boolean;
  /**
   * Receives the n×nrhs solution (row-major). May be `b` itself to solve in place; must not
   * otherwise overlap `b` or the triangular matrix. Allocated when omitted.
   */
  out?: Float64Array;
}

/**
 * Solves `L x = b` (or `Lᵀ x = b` with `transpose`) for lower-triangular n×n `L` and n×nrhs `b`,
 * both row-major. Only the lower triangle of `L` is read (without the diagonal when
 * `unitDiagonal`), so a full matrix whose lower part holds the factor can be passed as is.
 *
 * This is the strict primitive: there is no pivoting or rank handling, and an exactly zero
 * diagonal entry throws rather than producing Infinity or NaN. Nearly zero pivots are the
 * caller's concern; {@link choleskySolve} is the tolerant variant for semidefinite systems.
 * Allocation-free when `out` is given.
 *
 * @returns the solution, `out` when given.
 * @throws {@link ShapeError} for a bad size or a buffer that is too short.
 * @throws {@link ArgumentTypeError} when a matrix is not a `Float64Array`.
 * @throws {@link NonFiniteError} when `b` or the read triangle of `L` holds NaN or ±Infinity.
 * @throws {@link ValueError} for a zero diagonal entry, or `out` partly overlapping an input.
 */
export function solveLowerTriangular(
  L: Float64Array,
  n: number,
  b: Float64Array,
  nrhs: number,
  options: TriangularSolveOptions = {},
): Float64Array {
  return strictSolve("solveLowerTriangular", "L", true, L, n, b, nrhs, options);
}

/**
 * Solves `U x = b` (or `Uᵀ x = b` with `transpose`) for upper-triangular n×n `U` and n×nrhs `b`,
 * both row-major. Only the upper triangle of `U` is read (without the diagonal when
 * `unitDiagonal`). Same strict contract as {@link solveLowerTriangular}: an exactly zero diagonal
 * entry throws. Allocation-free when `out` is given.
 *
 * @returns the solution, `out` when given.
 * @throws {@link ShapeError} for a bad size or a buffer that is too short.
 * @throws {@link ArgumentTypeError} when a matrix is not a `Float64Array`.
 * @throws {@link NonFiniteError} when `b` or the read triangle of `U` holds NaN or ±Infinity.
 * @throws {@link ValueError} for a zero diagonal entry, or `out` partly overlapping an input.
 */
export function solveUpperTriangular(
  U: Float64Array,
  n: number,
  b: Float64Array,
  nrhs: number,
  options: TriangularSolveOptions = {},
): Float64Array {
  return strictSolve("solveUpperTriangular", "U", false, U, n, b, nrhs, options);
}

function strictSolve(
  where: string,
  name: string,
  lower: boolean,
  t: Float64Array,
  n: number,
  b: Float64Array,
  nrhs: number,
  options: TriangularSolveOptions,
): Float64Array {
  checkSize(where, "n", n);
  checkSize(where, "nrhs", nrhs);
  checkBuffer(where, name, t, n, n);
  checkBuffer(where, "b", b, n, nrhs);
  const unit = options.unitDiagonal === true;
  checkFiniteTriangle(where, name, t, n, lower, !unit);
  checkFinite(where, "b", b, n, nrhs);
  // Pivots are checked before anything is written, so a failed in-place solve leaves b intact.
  if (!unit) {
    for (let i = 0; i < n; i++) {
      if (t[i * n + i] === 0) {
        throw new ValueError(
          `${where}: argument \`${name}\` has a zero diagonal entry at ${i}; the system is singular`,
          name,
        );
      }
    }
  }
  const x = outputBuffer(where, options.out, n * nrhs);
  checkNoOverlap(where, x, n * nrhs, name, t, n * n, false);
  checkNoOverlap(where, x, n * nrhs, "b", b, n * nrhs, true);
  if (x !== b) x.set(b.subarray(0, n * nrhs));
  triangularSolveInPlace(t, n, x, nrhs, lower, options.transpose === true, unit, null, false);
  return x;
}

/**
 * Overwrites the n×nrhs row-major `x` (holding `b`) with the solution of `op(T) x = b`, where `T`
 * is the lower (`lower`) or upper triangle of the n×n row-major `t` and `op` transposes when
 * `transpose`. Arguments are not checked.
 *
 * Index `i` is *skipped* when `skip?.[i] === 1`, or when `skipZeroPivots` and `T[i][i]` is zero:
 * its unknown is set to 0 and its equation ignored. For a Cholesky factor whose dropped columns
 * are zero this solves the subsystem of the kept indices exactly; for the strict public solvers
 * nothing is skipped (zero pivots were rejected beforehand).
 *
 * The untransposed cases walk rows of `T` (dot-product form), the transposed ones also walk rows
 * of `T`, in axpy form, so every inner loop is contiguous in both `t` and `x` whatever the case.
 * @internal
 */
export function triangularSolveInPlace(
  t: Float64Array,
  n: number,
  x: Float64Array,
  nrhs: number,
  lower: boolean,
  transpose: boolean,
  unitDiagonal: boolean,
  skip: Uint8Array | null,
  skipZeroPivots: boolean,
): void {
  // Forward substitution when the effective matrix op(T) is lower triangular.
  const forward = lower !== transpose;
  for (let step = 0; step < n; step++) {
    const i = forward ? step : n - 1 - step;
    const xi = i * nrhs;
    const d = unitDiagonal ? 1 : (t[i * n + i] as number);
    if ((skip !== null && skip[i] === 1) || (skipZeroPivots && d === 0)) {
      x.fill(0, xi, xi + nrhs);
      continue;
    }
    if (!transpose) {
      // x_i = (b_i − Σ_p T_ip x_p) / T_ii over the already solved p (p < i below, p > i above).
      const from = lower ? 0 : i + 1;
      const to = lower ? i : n;
      for (let p = from; p < to; p++) {
        const tip = t[i * n + p] as number;
        // Zero multipliers (whole columns of them where a Cholesky pivot was dropped) cost nothing;
        // inputs are finite, so skipping them cannot hide a NaN.
        if (tip === 0) continue;
        const xp = p * nrhs;
        for (let c = 0; c < nrhs; c++) x[xi + c]! -= tip * (x[xp + c] as number);
      }
      if (d !== 1) for (let c = 0; c < nrhs; c++) x[xi + c]! /= d;
    } else {
      // op(T)_pi = T_ip: once x_i is final, remove its contribution from the rows p still to
      // be solved (p < i for Lᵀ, p > i for Uᵀ), reading row i of T contiguously.
      if (d !== 1) for (let c = 0; c < nrhs; c++) x[xi + c]! /= d;
      const from = lower ? 0 : i + 1;
      const to = lower ? i : n;
      for (let p = from; p < to; p++) {
        const tip = t[i * n + p] as number;
        if (tip === 0) continue;
        const xp = p * nrhs;
        for (let c = 0; c < nrhs; c++) x[xp + c]! -= tip * (x[xi + c] as number);
      }
    }
  }
}
