/**
 * Products with one long dimension, the shapes Neural NMF's k×n representations produce
 * (k ≤ a few dozen, n up to millions of documents), as kernels over column ranges so that an
 * {@link Executor} can run them on several threads:
 *
 * - {@link smallTimesWide}: `C (p×n) = W (p×q) · B (q×n)` with a small W, split by columns of B;
 * - {@link wideTimesWideTransposed}: `C (p×q) = A (p×n) · Bᵀ` with B q×n, split by columns, each
 *   part summing its own p×q block, added up in part order;
 * - {@link tallTimesSmall}: `C (m×p) = A (m×q) · W (q×p)` for a tall A (the m×k factors), split
 *   by rows.
 *
 * Both tile the columns so the touched pieces of every row stay in L1/L2, and keep four
 * independent sums per inner loop; measured about 2 GFLOP/s per core on 20×20×20 000 shapes
 * against 1.3–1.7 for the general `gemm` (whose blocking is for large squares).
 * @module
 */
import {
  currentExecutor,
  type Executor,
  evenBounds,
  inThreadExecutor,
  type Kernel,
  type KernelArray,
} from "../parallel/executor.js";

type Arrays = Readonly<Record<string, KernelArray>>;
type Scalars = Readonly<Record<string, number>>;

const TILE = 512;

/**
 * Columns `[start, end)` of `c = op(W) · B`: W is p×q row-major (or q×p read transposed when
 * `transW` is 1), B q×n row-major, C p×n row-major. Arrays: w, b, c; scalars: p, q, n, transW.
 */
function smallTimesWideColumns(arrays: Arrays, scalars: Scalars, start: number, end: number): void {
  const w = arrays.w as Float64Array;
  const b = arrays.b as Float64Array;
  const c = arrays.c as Float64Array;
  const p = scalars.p as number;
  const q = scalars.q as number;
  const n = scalars.n as number;
  const transW = scalars.transW === 1;
  // W(i, l) sits at i·q + l, or at l·p + i when W is stored transposed.
  const si = transW ? 1 : q;
  const sl = transW ? p : 1;
  for (let t0 = start; t0 < end; t0 += TILE) {
    const t1 = Math.min(end, t0 + TILE);
    for (let i = 0; i < p; i++) {
      const o = i * n;
      c.fill(0, o + t0, o + t1);
      let l = 0;
      for (; l + 3 < q; l += 4) {
        const w0 = w[i * si + l * sl] as number;
        const w1 = w[i * si + (l + 1) * sl] as number;
        const w2 = w[i * si + (l + 2) * sl] as number;
        const w3 = w[i * si + (l + 3) * sl] as number;
        const b0 = l * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        for (let j = t0; j < t1; j++) {
          c[o + j] =
            (c[o + j] as number) +
            w0 * (b[b0 + j] as number) +
            w1 * (b[b1 + j] as number) +
            w2 * (b[b2 + j] as number) +
            w3 * (b[b3 + j] as number);
        }
      }
      for (; l < q; l++) {
        const w0 = w[i * si + l * sl] as number;
        const b0 = l * n;
        for (let j = t0; j < t1; j++) c[o + j] = (c[o + j] as number) + w0 * (b[b0 + j] as number);
      }
    }
  }
}

/**
 * Part `part` of `A · Bᵀ` over columns `[start, end)`: A p×n, B q×n (both row-major), the part's
 * p×q block written at `partials[part·p·q …]`. With `symmetric` = 1 (A and B the same matrix) only
 * l ≥ i is computed and mirrored. Arrays: a, b, partials; scalars: p, q, n, symmetric.
 */
function wideTimesWideTransposedColumns(
  arrays: Arrays,
  scalars: Scalars,
  start: number,
  end: number,
  part: number,
): void {
  const a = arrays.a as Float64Array;
  const b = arrays.b as Float64Array;
  const out = arrays.partials as Float64Array;
  const p = scalars.p as number;
  const q = scalars.q as number;
  const n = scalars.n as number;
  const symmetric = scalars.symmetric === 1;
  const base = part * p * q;
  out.fill(0, base, base + p * q);
  for (let t0 = start; t0 < end; t0 += TILE) {
    const t1 = Math.min(end, t0 + TILE);
    for (let i = 0; i < p; i++) {
      const ai = i * n;
      const o = base + i * q;
      let l = symmetric ? i : 0;
      for (; l + 3 < q; l += 4) {
        const b0 = l * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let j = t0; j < t1; j++) {
          const x = a[ai + j] as number;
          s0 += x * (b[b0 + j] as number);
          s1 += x * (b[b1 + j] as number);
          s2 += x * (b[b2 + j] as number);
          s3 += x * (b[b3 + j] as number);
        }
        out[o + l] = (out[o + l] as number) + s0;
        out[o + l + 1] = (out[o + l + 1] as number) + s1;
        out[o + l + 2] = (out[o + l + 2] as number) + s2;
        out[o + l + 3] = (out[o + l + 3] as number) + s3;
      }
      for (; l < q; l++) {
        const b0 = l * n;
        let s0 = 0;
        for (let j = t0; j < t1; j++) s0 += (a[ai + j] as number) * (b[b0 + j] as number);
        out[o + l] = (out[o + l] as number) + s0;
      }
    }
  }
  if (symmetric) {
    for (let i = 0; i < p; i++)
      for (let l = 0; l < i; l++) out[base + i * q + l] = out[base + l * q + i] as number;
  }
}

/**
 * Rows `[start, end)` of `c = A · W`: A m×q row-major (tall), W q×p row-major (small), C m×p.
 * Arrays: a, w, c; scalars: p, q.
 */
function tallTimesSmallRows(arrays: Arrays, scalars: Scalars, start: number, end: number): void {
  const a = arrays.a as Float64Array;
  const w = arrays.w as Float64Array;
  const c = arrays.c as Float64Array;
  const p = scalars.p as number;
  const q = scalars.q as number;
  for (let i = start; i < end; i++) {
    const ai = i * q;
    const ci = i * p;
    c.fill(0, ci, ci + p);
    for (let l = 0; l < q; l++) {
      const x = a[ai + l] as number;
      if (x === 0) continue;
      const wl = l * p;
      for (let j = 0; j < p; j++) c[ci + j] = (c[ci + j] as number) + x * (w[wl + j] as number);
    }
  }
}

/** `A·W` by row ranges of a tall A (see {@link tallTimesSmall}). */
export const tallTimesSmallKernel: Kernel = {
  name: "tensor/tall-times-small",
  run: tallTimesSmallRows,
};

/**
 * `C = A · W` (m×p) for a tall A (m×q) and a small W (q×p), rows split over the current
 * executor; every row is computed the same way whatever the split.
 */
export function tallTimesSmall(
  m: number,
  q: number,
  p: number,
  a: Float64Array,
  w: Float64Array,
  c: Float64Array = currentExecutor().allocate(m * p),
): Float64Array {
  const ex = executorFor(m * q * p);
  ex.run({
    kernel: tallTimesSmallKernel,
    arrays: { a, w, c },
    outputs: ["c"],
    scalars: { p, q },
    bounds: evenBounds(m, ex.threads),
  });
  return c;
}

/** `op(W)·B` by column ranges (see the module notes). */
export const smallTimesWideKernel: Kernel = {
  name: "tensor/small-times-wide",
  run: smallTimesWideColumns,
};
/** `A·Bᵀ` by column ranges into per-part blocks (see the module notes). */
export const wideTimesWideTransposedKernel: Kernel = {
  name: "tensor/wide-times-wide-transposed",
  run: wideTimesWideTransposedColumns,
};

/** Below this many multiply-adds a product stays on the calling thread. */
const PARALLEL_MIN_WORK = 500_000;

function executorFor(work: number): Executor {
  return work >= PARALLEL_MIN_WORK ? currentExecutor() : inThreadExecutor;
}

/**
 * `C = op(W) · B` (p×n) for a small W (p×q, or q×p stored when `transW`) and a wide B (q×n),
 * on the current executor. Returns C (by default allocated in shared memory when the executor has
 * workers, so it needs no copy).
 */
export function smallTimesWide(
  transW: boolean,
  p: number,
  q: number,
  n: number,
  w: Float64Array,
  b: Float64Array,
  c: Float64Array = currentExecutor().allocate(p * n),
): Float64Array {
  const ex = executorFor(p * q * n);
  ex.run({
    kernel: smallTimesWideKernel,
    arrays: { w, b, c },
    outputs: ["c"],
    scalars: { p, q, n, transW: transW ? 1 : 0 },
    bounds: evenBounds(n, ex.threads),
  });
  return c;
}

/**
 * `C = A · Bᵀ` (p×q) for wide A (p×n) and B (q×n), on the current executor; `a === b` computes
 * only one triangle. Parts are added in order, so several threads may differ from one in the last
 * bits (relative 1e-15 per entry).
 */
export function wideTimesWideTransposed(
  p: number,
  q: number,
  n: number,
  a: Float64Array,
  b: Float64Array,
  out: Float64Array = new Float64Array(p * q),
): Float64Array {
  const symmetric = a === b && p === q;
  const ex = executorFor(p * q * n);
  const bounds = evenBounds(n, ex.threads);
  const parts = bounds.length - 1;
  const block = p * q;
  const partials = parts === 1 ? out : ex.allocate(parts * block);
  ex.run({
    kernel: wideTimesWideTransposedKernel,
    arrays: symmetric ? { a, b: a, partials } : { a, b, partials },
    outputs: ["partials"],
    scalars: { p, q, n, symmetric: symmetric ? 1 : 0 },
    bounds,
  });
  if (parts > 1) {
    for (let t = 0; t < block; t++) {
      let v = partials[t] as number;
      for (let r = 1; r < parts; r++) v += partials[r * block + t] as number;
      out[t] = v;
    }
  }
  return out;
}

/** Every kernel of this module, by name. */
export const wideKernels: readonly Kernel[] = [
  smallTimesWideKernel,
  wideTimesWideTransposedKernel,
  tallTimesSmallKernel,
];
