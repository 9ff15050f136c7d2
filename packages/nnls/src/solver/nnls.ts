import {
  ArgumentTypeError,
  assertFinite,
  assertMatrix,
  assertTensor,
  CscMatrix,
  formatShape,
  NonFiniteError,
  ShapeError,
  Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { solveGram } from "./core.js";
import { normalEquations } from "./normal-equations.js";
import { parseOptions } from "./options.js";
import type { NnlsGramResult, NnlsOptions, NnlsResult } from "./types.js";

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    return `an object (${(value as object).constructor?.name ?? "Object"})`;
  }
  return `${typeof value} ${String(value)}`;
}

function assertDimension(value: unknown, name: string, where: string): asserts value is number {
  if (typeof value !== "number") {
    throw new ArgumentTypeError(
      `${where}: argument \`${name}\` must be a number, got ${kindOf(value)}`,
      name,
    );
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new ValueError(
      `${where}: argument \`${name}\` must be a non-negative integer, got ${value}`,
      name,
    );
  }
}

function assertFloat64(value: unknown, name: string, length: number, where: string): void {
  if (!(value instanceof Float64Array)) {
    throw new ArgumentTypeError(
      `${where}: argument \`${name}\` must be a Float64Array, got ${kindOf(value)}`,
      name,
    );
  }
  if (value.length !== length) {
    throw new ShapeError(
      `${where}: argument \`${name}\` has ${value.length} entries, expected ${length}`,
      name,
    );
  }
  assertFinite(value, name, where);
}

/**
 * Checks that G looks like a Gram matrix: symmetric and satisfying the 2×2 principal-minor
 * conditions `Gᵢᵢ ≥ 0`, `|G_il| ≤ √(Gᵢᵢ G_ll)` (to a relative slack of 1e-8 for rounding).
 */
function assertGram(G: Float64Array, k: number, where: string): void {
  const slack = 1e-8;
  for (let i = 0; i < k; i++) {
    const gii = G[i * k + i]!;
    if (gii < 0) {
      throw new ValueError(
        `${where}: argument \`G\` must be a Gram matrix AᵀA, but G[${i}, ${i}] = ${gii} < 0`,
        "G",
      );
    }
    for (let l = 0; l < i; l++) {
      const a = G[i * k + l]!;
      const b = G[l * k + i]!;
      const bound = Math.sqrt(gii * G[l * k + l]!);
      if (Math.abs(a - b) > slack * Math.max(Math.abs(a), Math.abs(b), bound)) {
        throw new ValueError(
          `${where}: argument \`G\` must be symmetric, but G[${i}, ${l}] = ${a} and G[${l}, ${i}] = ${b}`,
          "G",
        );
      }
      if (Math.abs(a) > (1 + slack) * bound) {
        throw new ValueError(
          `${where}: argument \`G\` is not positive semidefinite: |G[${i}, ${l}]| = ${Math.abs(a)} exceeds √(G[${i}, ${i}]·G[${l}, ${l}]) = ${bound}`,
          "G",
        );
      }
    }
  }
}

/**
 * Nonnegative least squares in Gram form for many right-hand sides: for every column j,
 * `min_{s ≥ 0} ½ sᵀ G s − c_jᵀ s`, which is `min_{s ≥ 0} ‖x_j − A s‖₂` when `G = AᵀA` and
 * `C = AᵀX`. This is the entry point of the differentiable layer and of training loops that
 * already hold G and C.
 *
 * Inputs are read, never modified.
 *
 * @param G - k×k Gram matrix `AᵀA`, row-major (symmetric positive semidefinite).
 * @param C - k×n right-hand sides `AᵀX`, row-major.
 * @param k - number of variables (columns of A).
 * @param n - number of problems (columns of X).
 * @param options - warm start, tolerance, iteration cap, method: see {@link NnlsOptions}.
 * @returns the k×n solution (row-major), its support and convergence information.
 * @throws {@link ArgumentTypeError} when G or C is not a `Float64Array` or k, n are not numbers;
 *   {@link ShapeError} when their lengths are not k·k and k·n; {@link NonFiniteError} for
 *   NaN/±Infinity; {@link ValueError} for negative or non-integer sizes, a G that is not
 *   symmetric with a nonnegative diagonal (and `|G_il| ≤ √(Gᵢᵢ G_ll)`), or bad options.
 *
 * @example
 * ```ts
 * import { nnlsGram } from "@neural-nmf/nnls";
 * // A = [[1, 0], [1, 0], [0, 1]], x = [2, 1, 1]:  G = AᵀA, c = Aᵀx
 * const G = Float64Array.of(2, 0, 0, 1);
 * const C = Float64Array.of(3, 1);
 * nnlsGram(G, C, 2, 1).S; // Float64Array [1.5, 1]
 * ```
 */
export function nnlsGram(
  G: Float64Array,
  C: Float64Array,
  k: number,
  n: number,
  options?: NnlsOptions,
): NnlsGramResult {
  const where = "nnlsGram";
  assertDimension(k, "k", where);
  assertDimension(n, "n", where);
  assertFloat64(G, "G", k * k, where);
  assertFloat64(C, "C", k * n, where);
  assertGram(G, k, where);
  const opts = parseOptions(options, k, n, where);
  return solveGram(G, C, k, n, opts, where);
}

/**
 * Nonnegative least squares for many right-hand sides: for every column `x_j` of X,
 * `s_j = argmin_{s ≥ 0} ‖x_j − A s‖₂`, i.e. `S = argmin_{S ≥ 0} ‖X − A S‖²_F`.
 *
 * A is m×k with a small k (up to about 100); X is m×n, dense or sparse. The solver forms
 * `G = AᵀA` and `C = AᵀX` once (O(mk² + mnk), or O(mk² + nnz·k) for a sparse X, which is never
 * densified), then solves the n k-dimensional problems by block principal pivoting with column
 * grouping (see {@link NnlsMethod}). Degenerate problems are handled: zero, duplicate or
 * dependent columns of A, m < k, columns of X in the negative cone (answer 0) or equal to 0.
 * Forming AᵀA squares the condition number: columns of A within `sin²θ ≤ 1e-12` of the span of
 * others are treated as dependent.
 *
 * Inputs are read, never modified; the result never holds NaN.
 *
 * @param A - m×k dictionary (any signs).
 * @param X - m×n data, a dense {@link Tensor} or a {@link CscMatrix}.
 * @param options - warm start, tolerance, iteration cap, method: see {@link NnlsOptions}.
 * @returns S (k×n), its support, iteration counts, and the KKT-based convergence report.
 * @throws {@link ArgumentTypeError} when A is not a Tensor or X neither a Tensor nor a
 *   CscMatrix; {@link ShapeError} when they are not matrices or their row counts differ;
 *   {@link NonFiniteError} for NaN/±Infinity in A or X (or overflow of AᵀA, AᵀX);
 *   {@link ValueError} for bad options.
 *
 * @example
 * ```ts
 * import { nnls } from "@neural-nmf/nnls";
 * import { tensor } from "@neural-nmf/tensor";
 * const A = tensor([[1, 0], [1, 0], [0, 1]]);
 * const X = tensor([[2, -1], [1, -1], [1, -1]]);
 * const { S, converged } = nnls(A, X);
 * S.toArray(); // [[1.5, 0], [1, 0]]
 * ```
 */
export function nnls(A: Tensor, X: Tensor | CscMatrix, options?: NnlsOptions): NnlsResult {
  const where = "nnls";
  assertTensor(A, "A", where);
  assertMatrix(A, "A", where);
  const sparse = X instanceof CscMatrix;
  if (!sparse) {
    if (!(X instanceof Tensor)) {
      throw new ArgumentTypeError(
        `${where}: argument \`X\` must be a Tensor or a CscMatrix, got ${kindOf(X)}`,
        "X",
      );
    }
    assertMatrix(X, "X", where);
  }
  const m = A.rows;
  const k = A.cols;
  const n = X.shape[1] as number;
  if (X.shape[0] !== m) {
    throw new ShapeError(
      `${where}: argument \`X\` has shape ${formatShape(X.shape)}, expected ${m} rows like A ${formatShape(A.shape)}`,
      "X",
    );
  }
  assertFinite(A.data, "A", where);
  assertFinite(sparse ? X.values : X.data, "X", where);
  const opts = parseOptions(options, k, n, where);

  const { G, C } = normalEquations(A.data, m, k, X);
  for (let t = 0; t < G.length; t++) {
    if (!Number.isFinite(G[t]!)) {
      throw new NonFiniteError(`${where}: AᵀA overflows; rescale argument \`A\``, "A");
    }
  }
  // solveGram rejects a non-finite AᵀX (overflow) in its first pass over C.
  const res = solveGram(G, C, k, n, opts, where);
  // S is finite by construction: wrap it without another pass.
  return { ...res, S: new Tensor(res.S, [k, n]) };
}
