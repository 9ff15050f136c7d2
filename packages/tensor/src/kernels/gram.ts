import { ShapeError } from "../errors.js";

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
  out.fill(0, 0, k * k);
  let i = 0;
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
  return out;
}
