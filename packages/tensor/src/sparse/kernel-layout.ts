/**
 * The row numbering the sparse kernels use. Word frequencies are Zipfian, so most nonzeros of a
 * corpus fall on a few thousand rows; numbering rows by decreasing count puts those rows' entries
 * of every dense strip next to each other, where one cache holds them (measured on a 20 000 ×
 * 20 000 corpus: AᵀX 75 → 48 ms). Only the row indices are renumbered (values and the order of
 * entries within a column stay), so every sum runs in the same order as without it and results
 * are identical bit for bit.
 * @module
 * @internal
 */

/** A renumbering of the rows of a CSC matrix. */
export interface KernelLayout {
  /** `position[i]`: the new number of row i. */
  readonly position: Int32Array;
  /** Row indices in the new numbering, entry for entry like the matrix's own. */
  readonly rowIndices: Int32Array;
}

/** Builds the frequency-ordered layout: O(nnz + m log m) time, one Int32Array of nnz. */
export function buildKernelLayout(rows: number, rowIndices: Int32Array): KernelLayout {
  const counts = new Int32Array(rows);
  for (let p = 0; p < rowIndices.length; p++) counts[rowIndices[p] as number]!++;
  const order = Array.from({ length: rows }, (_, i) => i).sort(
    (a, b) => (counts[b] as number) - (counts[a] as number) || a - b,
  );
  const position = new Int32Array(rows);
  for (let r = 0; r < rows; r++) position[order[r] as number] = r;
  // In shared memory where there is any, so a thread pool reads it without a copy.
  const renumbered =
    typeof SharedArrayBuffer === "undefined"
      ? new Int32Array(rowIndices.length)
      : new Int32Array(new SharedArrayBuffer(rowIndices.length * 4));
  for (let p = 0; p < rowIndices.length; p++) {
    renumbered[p] = position[rowIndices[p] as number] as number;
  }
  return { position, rowIndices: renumbered };
}
