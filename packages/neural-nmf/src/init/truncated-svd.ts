import { CscMatrix, gemm, svd } from "@neural-nmf/tensor";
import type { Data } from "../data.js";

/** Leading singular triplets of X: `u` m×r, `s` r, `v` n×r (all row-major). */
export interface TruncatedSvd {
  u: Float64Array;
  s: Float64Array;
  v: Float64Array;
  rank: number;
}

/**
 * The r leading singular triplets of an m×n matrix through the Gram matrix of its smaller side
 * (`XᵀX`, n×n, when n ≤ m): for document collections n (documents) is small next to m (words),
 * and for sparse X the Gram matrix costs O(nnz · n) without densifying X. The small symmetric
 * matrix is decomposed by the SVD of `@neural-nmf/tensor` and the other side recovered as
 * `u = X v / σ`. Squaring the singular values loses accuracy only for the tiny ones, which
 * initialisation does not use.
 */
export function truncatedSvd(x: Data, r: number): TruncatedSvd {
  const m = x.rows;
  const n = x.cols;
  const useCols = n <= m;
  const p = useCols ? n : m;
  const gram = new Float64Array(p * p);
  if (x instanceof CscMatrix) {
    sparseGram(x, useCols, gram);
  } else if (useCols) {
    gemm(true, false, n, n, m, x.data, x.data, gram);
  } else {
    gemm(false, true, m, m, n, x.data, x.data, gram);
  }
  const { u: ev, s: ew } = svd(gram, p, p); // eigenvectors of the PSD Gram (columns of u)
  const rank = Math.min(r, p);
  const s = new Float64Array(rank);
  const small = new Float64Array(p * rank); // eigenvectors, p×rank
  for (let j = 0; j < rank; j++) {
    s[j] = Math.sqrt(Math.max(0, ew[j] as number));
    for (let i = 0; i < p; i++) small[i * rank + j] = ev[i * p + j] as number;
  }
  const other = new Float64Array((useCols ? m : n) * rank);
  if (x instanceof CscMatrix && useCols) {
    // u = X v / σ: X (m×n) · v (n×rank) through the sparse columns.
    for (let col = 0; col < n; col++) {
      for (let q = x.colPtr[col] as number; q < (x.colPtr[col + 1] as number); q++) {
        const i = x.rowIndices[q] as number;
        const val = x.values[q] as number;
        for (let j = 0; j < rank; j++)
          other[i * rank + j] =
            (other[i * rank + j] as number) + val * (small[col * rank + j] as number);
      }
    }
  } else if (x instanceof CscMatrix) {
    // v = Xᵀ u / σ: row `col` of v gathers column `col` of X against u (m×rank).
    for (let col = 0; col < n; col++) {
      for (let q = x.colPtr[col] as number; q < (x.colPtr[col + 1] as number); q++) {
        const i = x.rowIndices[q] as number;
        const val = x.values[q] as number;
        for (let j = 0; j < rank; j++)
          other[col * rank + j] =
            (other[col * rank + j] as number) + val * (small[i * rank + j] as number);
      }
    }
  } else if (useCols) {
    gemm(false, false, m, rank, n, x.data, small, other);
  } else {
    gemm(true, false, n, rank, m, x.data, small, other);
  }
  const rows = useCols ? m : n;
  for (let j = 0; j < rank; j++) {
    const sj = s[j] as number;
    for (let i = 0; i < rows; i++)
      other[i * rank + j] = sj > 0 ? (other[i * rank + j] as number) / sj : 0;
  }
  return useCols ? { u: other, s, v: small, rank } : { u: small, s, v: other, rank };
}

/**
 * Gram matrix of sparse X without densifying it: `XᵀX` (n×n) by scattering one column into a
 * length-m buffer and dotting every later column against it (O(n · nnz)), or `XXᵀ` (m×m) as the
 * sum of the outer products of the columns (O(Σ nnz_j²)).
 */
function sparseGram(x: CscMatrix, columns: boolean, out: Float64Array): void {
  const { colPtr, rowIndices, values } = x;
  if (columns) {
    const n = x.cols;
    const scratch = new Float64Array(x.rows);
    for (let a = 0; a < n; a++) {
      const a0 = colPtr[a] as number;
      const a1 = colPtr[a + 1] as number;
      for (let q = a0; q < a1; q++) scratch[rowIndices[q] as number] = values[q] as number;
      for (let b = a; b < n; b++) {
        let dot = 0;
        for (let q = colPtr[b] as number; q < (colPtr[b + 1] as number); q++) {
          dot += (scratch[rowIndices[q] as number] as number) * (values[q] as number);
        }
        out[a * n + b] = dot;
        out[b * n + a] = dot;
      }
      for (let q = a0; q < a1; q++) scratch[rowIndices[q] as number] = 0;
    }
    return;
  }
  const m = x.rows;
  for (let col = 0; col < x.cols; col++) {
    const c0 = colPtr[col] as number;
    const c1 = colPtr[col + 1] as number;
    for (let p = c0; p < c1; p++) {
      const i = rowIndices[p] as number;
      const vi = values[p] as number;
      for (let q = c0; q < c1; q++) {
        const j = rowIndices[q] as number;
        out[i * m + j] = (out[i * m + j] as number) + vi * (values[q] as number);
      }
    }
  }
}
