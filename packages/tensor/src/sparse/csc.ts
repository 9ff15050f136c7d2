import { ArgumentTypeError, NonFiniteError, ShapeError, ValueError } from "../errors.js";
import { assertMatrix, assertTensor, Tensor } from "../tensor.js";

/**
 * A sparse matrix in compressed sparse column (CSC) form, used as constant input (a corpus:
 * one column per document). Column j holds the entries `values[p]` at rows `rowIndices[p]` for
 * `colPtr[j] ≤ p < colPtr[j+1]`, with strictly increasing row indices inside a column.
 *
 * CSC fits the products NMF needs: `AᵀX` is a loop over the nonzeros of each column (O(nnz·k)),
 * and so is `X Gᵀ`; the m×n dense matrix is never formed.
 */
export class CscMatrix {
  /** Number of rows (features / words). */
  readonly rows: number;
  /** Number of columns (samples / documents). */
  readonly cols: number;
  /** Column pointers, length `cols + 1`. */
  readonly colPtr: Int32Array;
  /** Row index of each stored entry. */
  readonly rowIndices: Int32Array;
  /** Value of each stored entry. */
  readonly values: Float64Array;

  /**
   * Wraps CSC arrays after validating them (pointers monotone, indices in range and strictly
   * increasing within each column, values finite). The arrays are taken over, not copied.
   */
  constructor(
    rows: number,
    cols: number,
    colPtr: Int32Array,
    rowIndices: Int32Array,
    values: Float64Array,
  ) {
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new ShapeError(
        `CscMatrix: shape [${rows}, ${cols}] must be non-negative integers`,
        "rows",
      );
    }
    if (
      !(colPtr instanceof Int32Array) ||
      !(rowIndices instanceof Int32Array) ||
      !(values instanceof Float64Array)
    ) {
      throw new ArgumentTypeError(
        "CscMatrix: expects Int32Array colPtr and rowIndices and a Float64Array of values",
        "colPtr",
      );
    }
    if (colPtr.length !== cols + 1 || colPtr[0] !== 0) {
      throw new ShapeError(
        `CscMatrix: argument \`colPtr\` must have length ${cols + 1} and start at 0`,
        "colPtr",
      );
    }
    const nnz = colPtr[cols] as number;
    if (rowIndices.length !== nnz || values.length !== nnz) {
      throw new ShapeError(
        `CscMatrix: colPtr announces ${nnz} entries, rowIndices has ${rowIndices.length}, values ${values.length}`,
        "rowIndices",
      );
    }
    for (let j = 0; j < cols; j++) {
      const start = colPtr[j] as number;
      const end = colPtr[j + 1] as number;
      if (end < start) throw new ShapeError(`CscMatrix: colPtr decreases at column ${j}`, "colPtr");
      let prev = -1;
      for (let p = start; p < end; p++) {
        const r = rowIndices[p] as number;
        if (r <= prev || r >= rows) {
          throw new ValueError(
            `CscMatrix: row index ${r} in column ${j} is out of range or not strictly increasing`,
            "rowIndices",
          );
        }
        prev = r;
        if (!Number.isFinite(values[p] as number)) {
          throw new NonFiniteError(
            `CscMatrix: value ${values[p]} at row ${r}, column ${j} is not finite`,
            "values",
          );
        }
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.colPtr = colPtr;
    this.rowIndices = rowIndices;
    this.values = values;
  }

  /** Shape `[rows, cols]`, as for a dense tensor. */
  get shape(): readonly [number, number] {
    return [this.rows, this.cols];
  }

  /** Number of stored entries. */
  get nnz(): number {
    return this.values.length;
  }

  /**
   * Builds a matrix from coordinate triplets (0-based). Duplicates are summed; explicit zeros are
   * dropped.
   */
  static fromTriplets(
    rows: number,
    cols: number,
    rowIdx: ArrayLike<number>,
    colIdx: ArrayLike<number>,
    vals: ArrayLike<number>,
  ): CscMatrix {
    if (rowIdx.length !== colIdx.length || rowIdx.length !== vals.length) {
      throw new ShapeError(
        `CscMatrix.fromTriplets: ${rowIdx.length} rows, ${colIdx.length} columns and ${vals.length} values differ in length`,
        "vals",
      );
    }
    const order = Array.from({ length: vals.length }, (_, t) => t);
    for (let t = 0; t < vals.length; t++) {
      const r = rowIdx[t] as number;
      const c = colIdx[t] as number;
      if (!Number.isInteger(r) || r < 0 || r >= rows) {
        throw new ValueError(
          `CscMatrix.fromTriplets: row index ${r} (entry ${t}) out of range [0, ${rows})`,
          "rowIdx",
        );
      }
      if (!Number.isInteger(c) || c < 0 || c >= cols) {
        throw new ValueError(
          `CscMatrix.fromTriplets: column index ${c} (entry ${t}) out of range [0, ${cols})`,
          "colIdx",
        );
      }
      if (!Number.isFinite(vals[t] as number)) {
        throw new NonFiniteError(
          `CscMatrix.fromTriplets: value ${vals[t]} (entry ${t}) is not finite`,
          "vals",
        );
      }
    }
    order.sort(
      (x, y) =>
        (colIdx[x] as number) - (colIdx[y] as number) ||
        (rowIdx[x] as number) - (rowIdx[y] as number),
    );
    const colPtr = new Int32Array(cols + 1);
    const ri: number[] = [];
    const vs: number[] = [];
    let lastR = -1;
    let lastC = -1;
    for (const t of order) {
      const r = rowIdx[t] as number;
      const c = colIdx[t] as number;
      const v = vals[t] as number;
      if (r === lastR && c === lastC) {
        vs[vs.length - 1] = (vs[vs.length - 1] as number) + v;
        continue;
      }
      ri.push(r);
      vs.push(v);
      colPtr[c + 1] = (colPtr[c + 1] as number) + 1;
      lastR = r;
      lastC = c;
    }
    for (let j = 0; j < cols; j++)
      colPtr[j + 1] = (colPtr[j + 1] as number) + (colPtr[j] as number);
    return new CscMatrix(
      rows,
      cols,
      colPtr,
      Int32Array.from(ri),
      Float64Array.from(vs),
    ).dropZeros();
  }

  /** The nonzero entries of a dense matrix. */
  static fromDense(t: Tensor): CscMatrix {
    assertTensor(t, "t", "CscMatrix.fromDense");
    assertMatrix(t, "t", "CscMatrix.fromDense");
    const [m, n] = [t.rows, t.cols];
    const colPtr = new Int32Array(n + 1);
    const ri: number[] = [];
    const vs: number[] = [];
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) {
        const v = t.data[i * n + j] as number;
        if (v !== 0) {
          ri.push(i);
          vs.push(v);
        }
      }
      colPtr[j + 1] = ri.length;
    }
    return new CscMatrix(m, n, colPtr, Int32Array.from(ri), Float64Array.from(vs));
  }

  /** A copy without explicit zeros. */
  dropZeros(): CscMatrix {
    let zeros = 0;
    for (let p = 0; p < this.values.length; p++) if (this.values[p] === 0) zeros++;
    if (zeros === 0) return this;
    const colPtr = new Int32Array(this.cols + 1);
    const ri = new Int32Array(this.nnz - zeros);
    const vs = new Float64Array(this.nnz - zeros);
    let q = 0;
    for (let j = 0; j < this.cols; j++) {
      for (let p = this.colPtr[j] as number; p < (this.colPtr[j + 1] as number); p++) {
        if (this.values[p] === 0) continue;
        ri[q] = this.rowIndices[p] as number;
        vs[q++] = this.values[p] as number;
      }
      colPtr[j + 1] = q;
    }
    return new CscMatrix(this.rows, this.cols, colPtr, ri, vs);
  }

  /** The dense m×n tensor (only for small matrices and tests). */
  toDense(): Tensor {
    const out = new Float64Array(this.rows * this.cols);
    const n = this.cols;
    for (let j = 0; j < n; j++) {
      for (let p = this.colPtr[j] as number; p < (this.colPtr[j + 1] as number); p++) {
        out[(this.rowIndices[p] as number) * n + j] = this.values[p] as number;
      }
    }
    return new Tensor(out, [this.rows, n]);
  }

  /** Columns `indices` as a new matrix. */
  selectColumns(indices: readonly number[]): CscMatrix {
    const colPtr = new Int32Array(indices.length + 1);
    let total = 0;
    indices.forEach((j, t) => {
      if (!Number.isInteger(j) || j < 0 || j >= this.cols) {
        throw new ValueError(
          `CscMatrix.selectColumns: index ${j} out of range [0, ${this.cols})`,
          "indices",
        );
      }
      total += (this.colPtr[j + 1] as number) - (this.colPtr[j] as number);
      colPtr[t + 1] = total;
    });
    const ri = new Int32Array(total);
    const vs = new Float64Array(total);
    indices.forEach((j, t) => {
      const s = this.colPtr[j] as number;
      const e = this.colPtr[j + 1] as number;
      ri.set(this.rowIndices.subarray(s, e), colPtr[t] as number);
      vs.set(this.values.subarray(s, e), colPtr[t] as number);
    });
    return new CscMatrix(this.rows, indices.length, colPtr, ri, vs);
  }

  /** `Σ xᵢⱼ²`. */
  frobeniusNormSquared(): number {
    let s = 0;
    for (let p = 0; p < this.values.length; p++) s += (this.values[p] as number) ** 2;
    return s;
  }

  /** Smallest stored value (0 for an empty matrix); NMF needs it to be ≥ 0. */
  minValue(): number {
    let mn = 0;
    for (let p = 0; p < this.values.length; p++) mn = Math.min(mn, this.values[p] as number);
    return mn;
  }

  /**
   * `AᵀX` (k×n, row-major) for a dense row-major A (m×k), in O(nnz·k): each nonzero x_ij adds
   * x_ij·A[i, :] to column j of the result.
   */
  transposeMatmul(
    a: Float64Array,
    k: number,
    out: Float64Array = new Float64Array(k * this.cols),
  ): Float64Array {
    if (a.length !== this.rows * k) {
      throw new ShapeError(
        `CscMatrix.transposeMatmul: A must be ${this.rows}×${k}, has ${a.length} entries`,
        "a",
      );
    }
    const n = this.cols;
    out.fill(0, 0, k * n);
    const acc = new Float64Array(k);
    for (let j = 0; j < n; j++) {
      acc.fill(0);
      for (let p = this.colPtr[j] as number; p < (this.colPtr[j + 1] as number); p++) {
        const v = this.values[p] as number;
        const o = (this.rowIndices[p] as number) * k;
        for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + v * (a[o + c] as number);
      }
      for (let c = 0; c < k; c++) out[c * n + j] = acc[c] as number;
    }
    return out;
  }

  /**
   * `X Gᵀ` (m×k, row-major) for a dense row-major G (k×n), in O(nnz·k): each nonzero x_ij adds
   * x_ij·G[:, j] to row i of the result.
   */
  matmulTransposed(
    g: Float64Array,
    k: number,
    out: Float64Array = new Float64Array(this.rows * k),
  ): Float64Array {
    const n = this.cols;
    if (g.length !== k * n) {
      throw new ShapeError(
        `CscMatrix.matmulTransposed: G must be ${k}×${n}, has ${g.length} entries`,
        "g",
      );
    }
    out.fill(0, 0, this.rows * k);
    const col = new Float64Array(k);
    for (let j = 0; j < n; j++) {
      for (let c = 0; c < k; c++) col[c] = g[c * n + j] as number;
      for (let p = this.colPtr[j] as number; p < (this.colPtr[j + 1] as number); p++) {
        const v = this.values[p] as number;
        const o = (this.rowIndices[p] as number) * k;
        for (let c = 0; c < k; c++) out[o + c] = (out[o + c] as number) + v * (col[c] as number);
      }
    }
    return out;
  }
}
