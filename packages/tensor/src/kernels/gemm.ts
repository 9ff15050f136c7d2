import { ArgumentTypeError, ShapeError, ValueError } from "../errors.js";
import { gemmDirect } from "./gemm-direct.js";
import { gemmPacked } from "./gemm-packed.js";
import { smallTimesWide, tallTimesSmall, wideTimesWideTransposed } from "./wide.js";

/**
 * Dense matrix product on raw row-major `Float64Array`s:
 * `C (m×n) = op(A) · op(B)` (or `C += …` with `accumulate`), where `op(A)` is m×k and is A itself
 * (stored m×k) or Aᵀ (A stored k×m) when `transA`; likewise `op(B)` is k×n, B stored k×n or
 * n×k when `transB`. Transposed variants read the operands in place: nothing is copied by the
 * caller.
 *
 * Without `accumulate` the first `m·n` entries of `c` are overwritten and their previous contents
 * (even NaN) never reach the result, as with `beta = 0` in BLAS. With `accumulate` the product is
 * added to them. `k = 0` therefore zeroes C, or leaves it unchanged when accumulating. No entry
 * is skipped because it is zero, so NaN and ±Infinity in A or B propagate as IEEE 754 says.
 *
 * Products with one long side and two short ones (the k×n representations of NMF, see
 * {@link isWide}) go to the column-range kernels of `wide.ts`, on every thread of the current
 * executor. Two kernels sit behind the rest (see {@link chooseDirect}): a register-blocked loop
 * that reads the operands in place, for small or thin products where latency matters, and a
 * cache-blocked one over packed panels for large products. Both run all four transpose
 * combinations at the same speed. About 5–6.5 GFLOP/s on one core of a recent x86-64 server
 * (512³: ~6.5; 87×9 · 9×90: ~25 µs), against ~1.7 for a plain triple loop.
 *
 * Buffers may be longer than needed; only their first `m·k`, `k·n` and `m·n` entries are used.
 * Allocates nothing except, on the large-product path, packing buffers that are kept and reused
 * (at most ~2.2 MiB).
 *
 * @throws {@link ShapeError} when a size is not a non-negative integer or a buffer is too short.
 * @throws {@link ArgumentTypeError} when an operand is not a `Float64Array`.
 * @throws {@link ValueError} when `c` shares memory with `a` or `b` (the result would overwrite
 * operands still being read).
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  accumulate = false,
): void {
  validate(m, n, k, a, b, c);
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) c.fill(0, 0, m * n);
    return;
  }
  if (!accumulate && isWide(transA, transB, m, n, k)) {
    if (transB) wideTimesWideTransposed(m, n, k, a, b, c);
    else smallTimesWide(transA, m, k, n, a, b, c);
    return;
  }
  if (!accumulate && !transA && !transB && m >= WIDE && n <= NARROW && k <= NARROW) {
    tallTimesSmall(m, k, n, a, b, c);
    return;
  }
  if (chooseDirect(transB, m, n, k)) gemmDirect(transA, transB, m, n, k, a, b, c, accumulate);
  else gemmPacked(transA, transB, m, n, k, a, b, c, accumulate);
}

/** A dimension this long makes a product "wide" (see {@link isWide}). */
const WIDE = 2048;
/** Largest short side of a wide product. */
const NARROW = 64;

/**
 * Whether a product has the shape of Neural NMF's k×n representations: `W·B` with a small W and a
 * wide B (n ≥ 2048, m, k ≤ 64), or `A·Bᵀ` of two wide matrices into a small result (k ≥ 2048,
 * m, n ≤ 64). Those go to the column-range kernels of `wide.ts`, which are faster there (measured
 * ~2 vs 1.3–1.7 GFLOP/s at 20×20×20 000) and run on every thread of the current executor.
 */
function isWide(transA: boolean, transB: boolean, m: number, n: number, k: number): boolean {
  if (!transB) return n >= WIDE && m <= NARROW && k <= NARROW;
  return !transA && k >= WIDE && m <= NARROW && n <= NARROW;
}

/**
 * Whether the unpacked kernel beats the packed one for this shape. The thresholds come from timing
 * both kernels over a grid of shapes and all transpose modes (Node 20, one core of an x86-64
 * server); the reasons behind them are:
 * - tiny products (≤ 2¹⁷ multiply-adds, e.g. 64×64×32): the packing copies and block loop
 *   bookkeeping are a visible share of the work, and everything is in L1/L2 anyway;
 * - `k ≤ 12`: a micro-tile does too few inner steps to amortise the per-tile call and write-back;
 * - `n ≤ 16`: the packed kernel pads C's columns to multiples of 4 (9 columns cost 12) while the
 *   direct one has exact edge tiles, and op(A) is read once either way;
 * - `m ≤ 16`: packing op(B) is amortised over too few rows; the direct kernel is faster as long as
 *   op(B) is read along its rows (`transB`) or is moderate (`k·n ≤ 2¹⁸` doubles, 2 MiB), and much
 *   slower when it streams a large row-major B column-wise from memory.
 * @internal
 */
export function chooseDirect(transB: boolean, m: number, n: number, k: number): boolean {
  return m * n * k <= 131_072 || k <= 12 || n <= 16 || (m <= 16 && (transB || k * n <= 262_144));
}

function validate(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
): void {
  checkSize("m", m);
  checkSize("n", n);
  checkSize("k", k);
  checkArray("a", a);
  checkArray("b", b);
  checkArray("c", c);
  if (a.length < m * k) {
    throw new ShapeError(
      `gemm: argument \`a\` has ${a.length} entries, op(a) is ${m}×${k} and needs ${m * k}`,
      "a",
    );
  }
  if (b.length < k * n) {
    throw new ShapeError(
      `gemm: argument \`b\` has ${b.length} entries, op(b) is ${k}×${n} and needs ${k * n}`,
      "b",
    );
  }
  if (c.length < m * n) {
    throw new ShapeError(
      `gemm: argument \`c\` has ${c.length} entries, the ${m}×${n} result needs ${m * n}`,
      "c",
    );
  }
  if (overlaps(c, m * n, a, m * k) || overlaps(c, m * n, b, k * n)) {
    throw new ValueError(
      "gemm: argument `c` shares memory with `a` or `b`; the product needs separate storage",
      "c",
    );
  }
}

// Separate helpers rather than loops over [name, value] pairs: gemm sits in hot loops of its
// callers, so validation must not allocate.
function checkSize(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new ShapeError(
      `gemm: argument \`${name}\` must be a non-negative integer, got ${v}`,
      name,
    );
  }
}

function checkArray(name: string, v: unknown): void {
  if (!(v instanceof Float64Array)) {
    throw new ArgumentTypeError(`gemm: argument \`${name}\` must be a Float64Array`, name);
  }
}

/** Whether the first `lx` entries of `x` and the first `ly` of `y` share any byte. */
function overlaps(x: Float64Array, lx: number, y: Float64Array, ly: number): boolean {
  if (lx === 0 || ly === 0 || x.buffer !== y.buffer) return false;
  const x0 = x.byteOffset;
  const y0 = y.byteOffset;
  return x0 < y0 + ly * 8 && y0 < x0 + lx * 8;
}
