/**
 * Products with the backward pass's Z (k×n), which is zero off each column's support: when
 * supports are small (NNLS solutions are sparse), looping over the support of each column costs
 * O(m·n·p̄) instead of the O(m·n·k) of a dense product (p̄ the mean support size).
 */
export interface CompressedColumns {
  /** `ptr[j] … ptr[j+1]` index the entries of column j. */
  readonly ptr: Int32Array;
  /** Row (topic) index of each entry. */
  readonly rows: Int32Array;
  /** Value of each entry. */
  readonly values: Float64Array;
}

/** Compresses the nonzeros of row-major Z (k×n) column by column. */
export function compressColumns(z: Float64Array, k: number, n: number): CompressedColumns {
  let nnz = 0;
  for (let t = 0; t < z.length; t++) if (z[t] !== 0) nnz++;
  const ptr = new Int32Array(n + 1);
  const rows = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let q = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < k; i++) {
      const v = z[i * n + j] as number;
      if (v !== 0) {
        rows[q] = i;
        values[q++] = v;
      }
    }
    ptr[j + 1] = q;
  }
  return { ptr, rows, values };
}

/** `out (m×n) = A (m×k, row-major) · Z` with Z compressed: each output row is a dot over supports. */
export function denseTimesSparse(
  a: Float64Array,
  m: number,
  k: number,
  z: CompressedColumns,
  n: number,
  out: Float64Array,
): void {
  const { ptr, rows, values } = z;
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const oi = i * n;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let q = ptr[j] as number; q < (ptr[j + 1] as number); q++)
        s += (a[ai + (rows[q] as number)] as number) * (values[q] as number);
      out[oi + j] = s;
    }
  }
}

/** `out (m×k) = X (m×n, row-major) · Zᵀ` with Z compressed: row i gathers x_ij · z_·j over supports. */
export function denseTimesSparseTransposed(
  x: Float64Array,
  m: number,
  n: number,
  z: CompressedColumns,
  k: number,
  out: Float64Array,
): void {
  const { ptr, rows, values } = z;
  for (let i = 0; i < m; i++) {
    const xi = i * n;
    const oi = i * k;
    for (let c = 0; c < k; c++) out[oi + c] = 0;
    for (let j = 0; j < n; j++) {
      const xv = x[xi + j] as number;
      if (xv === 0) continue;
      for (let q = ptr[j] as number; q < (ptr[j + 1] as number); q++) {
        const o = oi + (rows[q] as number);
        out[o] = (out[o] as number) + xv * (values[q] as number);
      }
    }
  }
}
