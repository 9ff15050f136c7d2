import {
  ArgumentTypeError,
  assertFinite,
  assertMatrix,
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

  // NNLS is equivariant under scaling: each column j of X is its own problem, s_j(βx_j) = β s_j,
  // and scaling column i of A by α scales s_i by 1/α. Columns far from unit size are brought near
  // it by exact powers of two first — per column of A and of X — so that AᵀA and AᵀX neither
  // underflow (a column of 1e-300s would otherwise read as zero and its variable be fixed at 0)
  // nor overflow; the answer is scaled back: s_ij = s̃_ij · 2^(ex_j − ea_i).
  const ea = columnExponents(A.data, m, k);
  const ex = sparse ? sparseColumnExponents(X) : columnExponents(X.data, m, n);
  const a = ea === null ? A.data : scaleColumns(A.data, m, k, ea);
  let x: Tensor | CscMatrix = X;
  if (ex !== null) {
    x = sparse
      ? new CscMatrix(X.rows, X.cols, X.colPtr, X.rowIndices, scaleSparseColumns(X, ex))
      : new Tensor(scaleColumns(X.data, m, n, ex), X.shape);
  }
  const { G, C } = normalEquations(a, m, k, x);
  for (let t = 0; t < G.length; t++) {
    if (!Number.isFinite(G[t]!)) {
      throw new NonFiniteError(`${where}: AᵀA overflows; rescale argument \`A\``, "A");
    }
  }
  // solveGram rejects a non-finite AᵀX (overflow) in its first pass over C.
  const res = solveGram(G, C, k, n, opts, where);
  if (ea === null && ex === null) return { ...res, S: new Tensor(res.S, [k, n]) };
  const S = res.S;
  const unit = S.slice();
  const lostBits = new Uint8Array(n);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < n; j++) {
      const v = S[i * n + j]!;
      if (v === 0) continue;
      const out = times(v, (ex?.[j] ?? 0) - (ea?.[i] ?? 0));
      if (!Number.isFinite(out)) {
        throw new NonFiniteError(
          `${where}: the solution at (${i}, ${j}) overflows float64; rescale \`X\` or \`A\``,
          "X",
        );
      }
      // Scaled back into the subnormal range (or to 0), the entry keeps fewer bits than it had.
      if (out < 2 ** -1022) lostBits[j] = 1;
      S[i * n + j] = out;
    }
  }
  if (!lostBits.includes(1)) return { ...res, S: new Tensor(S, [k, n]) };
  // Report the truth about what is returned: re-measure those columns with the rounded entries.
  let worst = res.maxKktViolation;
  let unconverged = res.unconverged;
  const passive = res.passive;
  for (let j = 0; j < n; j++) {
    if (lostBits[j] !== 1) continue;
    for (let i = 0; i < k; i++) {
      unit[i * n + j] = times(S[i * n + j]!, (ea?.[i] ?? 0) - (ex?.[j] ?? 0));
      passive[i * n + j] = S[i * n + j]! > 0 ? 1 : 0;
    }
    const v = columnViolation(G, C, unit, k, n, j);
    if (v > opts.tolerance && !(res.maxKktViolation > opts.tolerance)) unconverged++;
    worst = Math.max(worst, v);
  }
  return {
    ...res,
    S: new Tensor(S, [k, n]),
    maxKktViolation: worst,
    unconverged,
    converged: unconverged === 0,
    passive,
  };
}

/**
 * The relative KKT violation of column j of row-major s (k×n) for `min ½sᵀGs − cᵀs, s ≥ 0`, in
 * the form {@link NnlsGramResult.maxKktViolation} documents.
 */
function columnViolation(
  G: Float64Array,
  C: Float64Array,
  s: Float64Array,
  k: number,
  n: number,
  j: number,
): number {
  let sigma = 0;
  let worst = 0;
  for (let i = 0; i < k; i++) {
    const gii = G[i * k + i]!;
    if (gii === 0) continue;
    const d = Math.sqrt(gii);
    let gs = 0;
    for (let l = 0; l < k; l++) gs += G[i * k + l]! * s[l * n + j]!;
    const w = (C[i * n + j]! - gs) / d;
    const si = s[i * n + j]!;
    sigma = Math.max(sigma, Math.abs(C[i * n + j]!) / d, d * si);
    worst = Math.max(worst, si > 0 ? Math.abs(w) : w);
  }
  return sigma > 0 ? worst / sigma : 0;
}

/** Column exponents outside [2⁻²⁰⁰, 2²⁰⁰] only matter; inside, every product is safe. */
const SAFE = 200;

function exponentOfMax(max: number): number {
  if (max === 0) return 0;
  const e = Math.ceil(Math.log2(max));
  return e >= -SAFE && e <= SAFE ? 0 : e;
}

/** The power of two of each column of row-major rows×cols `values` (null when all are 0). */
function columnExponents(values: Float64Array, rows: number, cols: number): Int32Array | null {
  const max = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) max[j] = Math.max(max[j]!, Math.abs(values[i * cols + j]!));
  }
  const e = Int32Array.from(max, exponentOfMax);
  return e.some((v) => v !== 0) ? e : null;
}

function sparseColumnExponents(x: CscMatrix): Int32Array | null {
  const e = new Int32Array(x.cols);
  for (let j = 0; j < x.cols; j++) {
    let max = 0;
    for (let p = x.colPtr[j]!; p < x.colPtr[j + 1]!; p++)
      max = Math.max(max, Math.abs(x.values[p]!));
    e[j] = exponentOfMax(max);
  }
  return e.some((v) => v !== 0) ? e : null;
}

/** `values` with column j multiplied by 2^(−e_j), exactly. */
function scaleColumns(
  values: Float64Array,
  rows: number,
  cols: number,
  e: Int32Array,
): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = times(values[i * cols + j]!, -e[j]!);
  }
  return out;
}

function scaleSparseColumns(x: CscMatrix, e: Int32Array): Float64Array {
  const out = new Float64Array(x.values.length);
  for (let j = 0; j < x.cols; j++) {
    for (let p = x.colPtr[j]!; p < x.colPtr[j + 1]!; p++) out[p] = times(x.values[p]!, -e[j]!);
  }
  return out;
}

/**
 * `v · 2^p` exactly (rounded once, if the result is subnormal), in factors of at most 2^±1000 so
 * that no factor overflows: p may reach ±2148 (a subnormal X over a huge column of A).
 */
function times(v: number, p: number): number {
  let out = v;
  let left = p;
  while (left !== 0 && out !== 0 && Number.isFinite(out)) {
    const step = Math.max(-1000, Math.min(1000, left));
    out *= 2 ** step;
    left -= step;
  }
  return out;
}
