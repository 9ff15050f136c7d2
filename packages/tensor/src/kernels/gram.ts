import { ShapeError } from "../errors.js";
import {
  currentExecutor,
  evenBounds,
  inThreadExecutor,
  type Kernel,
} from "../parallel/executor.js";

/**
 * The Gram matrix `G = AᵀA` (k×k) of a row-major m×k matrix A, exploiting symmetry: only the
 * upper triangle is accumulated, four rows of A at a time (so every load and store of G carries
 * four multiply-adds), then mirrored. For the tall-skinny A of NMF (m ≫ k) this reads A once and
 * does half the work of a general product.
 */
export function gram(
  a: Float64Array,
  m: number,
  k: number,
  out: Float64Array = new Float64Array(k * k),
): Float64Array {
  if (a.length < m * k)
    throw new ShapeError(`gram: A must hold ${m}×${k} values, has ${a.length}`, "a");
  if (out.length < k * k)
    throw new ShapeError(`gram: out must hold ${k}×${k} values, has ${out.length}`, "out");
  // Long A: rows split over the current executor's threads, one k×k block each, added in order.
  const ex = m * k * k >= PARALLEL_MIN_WORK ? currentExecutor() : inThreadExecutor;
  const bounds = evenBounds(m, ex.threads);
  const parts = bounds.length - 1;
  if (parts === 1) {
    gramRows(a, k, 0, m, out, 0);
  } else {
    const block = k * k;
    const partials = ex.allocate(parts * block);
    ex.run({
      kernel: gramKernel,
      arrays: { a, partials },
      outputs: ["partials"],
      scalars: { k },
      bounds,
    });
    for (let t = 0; t < block; t++) {
      let v = partials[t] as number;
      for (let r = 1; r < parts; r++) v += partials[r * block + t] as number;
      out[t] = v;
    }
  }
  return out;
}

/** Below this many multiply-adds the Gram matrix is formed on the calling thread. */
const PARALLEL_MIN_WORK = 500_000;

/** The Gram kernel by row ranges: arrays a (m×k), partials (parts·k·k); scalar k. */
export const gramKernel: Kernel = {
  name: "tensor/gram-rows",
  run: (arrays, scalars, start, end, part) => {
    const k = scalars.k as number;
    gramRows(
      arrays.a as Float64Array,
      k,
      start,
      end,
      arrays.partials as Float64Array,
      part * k * k,
    );
  },
};

/** `out[at…] = A[start:end]ᵀ A[start:end]` (k×k) for rows `[start, end)` of row-major A. */
function gramRows(
  a: Float64Array,
  k: number,
  start: number,
  end: number,
  buffer: Float64Array,
  at: number,
): void {
  const out = at === 0 ? buffer : buffer.subarray(at, at + k * k);
  const m = end;
  out.fill(0, 0, k * k);
  let i = start;
  for (; i + 3 < m; i += 4) {
    const r0 = i * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    for (let p = 0; p < k; p++) {
      const a0 = a[r0 + p] as number;
      const a1 = a[r1 + p] as number;
      const a2 = a[r2 + p] as number;
      const a3 = a[r3 + p] as number;
      const o = p * k;
      for (let q = p; q < k; q++) {
        out[o + q] =
          (out[o + q] as number) +
          a0 * (a[r0 + q] as number) +
          a1 * (a[r1 + q] as number) +
          a2 * (a[r2 + q] as number) +
          a3 * (a[r3 + q] as number);
      }
    }
  }
  for (; i < m; i++) {
    const r = i * k;
    for (let p = 0; p < k; p++) {
      const ap = a[r + p] as number;
      const o = p * k;
      for (let q = p; q < k; q++) out[o + q] = (out[o + q] as number) + ap * (a[r + q] as number);
    }
  }
  for (let p = 0; p < k; p++)
    for (let q = p + 1; q < k; q++) out[q * k + p] = out[p * k + q] as number;
}
