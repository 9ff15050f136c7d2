import { BRAND, isBrandedInstance } from "../brand.js";
import { ArgumentTypeError, NonFiniteError, ShapeError, ValueError } from "../errors.js";
import {
  currentExecutor,
  type Executor,
  inThreadExecutor,
  weightedBounds,
} from "../parallel/executor.js";
import { assertMatrix, assertTensor, Tensor } from "../tensor.js";
import { buildKernelLayout, type KernelLayout } from "./kernel-layout.js";
import { atxKernel, xbtKernel } from "./kernels.js";

/**
 * A sparse matrix in compressed sparse column (CSC) form, used as constant input (a corpus:
 * one column per document). Column j holds the entries `values[p]` at rows `rowIndices[p]` for
 * `colPtr[j] ≤ p < colPtr[j+1]`, with strictly increasing row indices inside a column.
 *
 * CSC fits the products NMF needs: `AᵀX` is a loop over the nonzeros of each column (O(nnz·k)),
 * and so is `X Gᵀ`; the m×n dense matrix is never formed.
 */
export class CscMatrix {
  static readonly [BRAND]: string = "@neural-nmf/tensor:CscMatrix";
  /** True for a CscMatrix of any installed copy of this package (see `brand.ts`). */
  static [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass asked about, not this class.
    return isBrandedInstance(this, value);
  }
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
  private normSquared: number | undefined;
  private kernelLayout: KernelLayout | undefined;

  /**
   * Wraps CSC arrays after validating them (pointers monotone, indices in range and strictly
   * increasing within each column, values finite). The arrays are taken over, not copied, and
   * must not be modified afterwards: the matrix is constant data, and thread pools keep shared
   * copies of it.
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

  /** `Σ xᵢⱼ²` (computed once: the matrix never changes). */
  frobeniusNormSquared(): number {
    if (this.normSquared === undefined) {
      let s = 0;
      for (let p = 0; p < this.values.length; p++) s += (this.values[p] as number) ** 2;
      this.normSquared = s;
    }
    return this.normSquared;
  }

  /** Smallest stored value (0 for an empty matrix); NMF needs it to be ≥ 0. */
  minValue(): number {
    let mn = 0;
    for (let p = 0; p < this.values.length; p++) mn = Math.min(mn, this.values[p] as number);
    return mn;
  }

  /**
   * `AᵀX` (k×n row-major) for a dense row-major A (m×k): A multiplied on the left, transposed.
   * O(nnz·k), in column ranges on the {@link currentExecutor} (so on every thread of a pool).
   * @param a - m×k row-major.
   * @param out - optional k×n output (overwritten).
   */
  leftMultiplyTransposed(
    a: Float64Array,
    k: number,
    out: Float64Array = currentExecutor().allocate(k * this.cols),
  ): Float64Array {
    const m = this.rows;
    const n = this.cols;
    if (!(a instanceof Float64Array) || a.length !== m * k) {
      throw new ShapeError(
        `CscMatrix.leftMultiplyTransposed: A must be a ${m}×${k} Float64Array, has ${a?.length} entries`,
        "a",
      );
    }
    if (!(out instanceof Float64Array) || out.length < k * n) {
      throw new ShapeError(
        `CscMatrix.leftMultiplyTransposed: \`out\` must hold ${k}×${n} entries`,
        "out",
      );
    }
    const ex = executorFor(this.nnz * k);
    const layout = this.layout();
    const aT = ex.allocate(k * m);
    const position = layout.position;
    for (let i = 0; i < m; i++) {
      const r = position[i] as number;
      for (let c = 0; c < k; c++) aT[c * m + r] = a[i * k + c] as number;
    }
    ex.run({
      kernel: atxKernel,
      arrays: { colPtr: this.colPtr, rowIndices: layout.rowIndices, values: this.values, aT, out },
      outputs: ["out"],
      constants: CSC_ARRAYS,
      scalars: { m, n, k },
      bounds: weightedBounds(this.colPtr, ex.threads, k),
    });
    return out;
  }

  /**
   * `X Bᵀ` (m×k row-major) for a dense row-major B (k×n): X multiplied on the right by B
   * transposed. O(nnz·k), in column ranges on the {@link currentExecutor}; each part sums its
   * columns and the parts are added in order, so with several threads the result may differ from
   * the one-thread one by rounding (relative 1e-15 per entry).
   * @param b - k×n row-major.
   * @param out - optional m×k output (overwritten).
   */
  rightMultiplyTransposed(
    b: Float64Array,
    k: number,
    out: Float64Array = new Float64Array(this.rows * k),
  ): Float64Array {
    const m = this.rows;
    const n = this.cols;
    if (!(b instanceof Float64Array) || b.length !== k * n) {
      throw new ShapeError(
        `CscMatrix.rightMultiplyTransposed: B must be a ${k}×${n} Float64Array, has ${b?.length} entries`,
        "b",
      );
    }
    if (!(out instanceof Float64Array) || out.length < m * k) {
      throw new ShapeError(
        `CscMatrix.rightMultiplyTransposed: \`out\` must hold ${m}×${k} entries`,
        "out",
      );
    }
    const ex = executorFor(this.nnz * k);
    const layout = this.layout();
    const bounds = weightedBounds(this.colPtr, ex.threads, k);
    const parts = bounds.length - 1;
    const block = k * m;
    const partials = ex.allocate(parts * block);
    ex.run({
      kernel: xbtKernel,
      arrays: {
        colPtr: this.colPtr,
        rowIndices: layout.rowIndices,
        values: this.values,
        b,
        partials,
      },
      outputs: ["partials"],
      constants: CSC_ARRAYS,
      scalars: { m, n, k },
      bounds,
    });
    const position = layout.position;
    for (let i = 0; i < m; i++) {
      const r = position[i] as number;
      for (let c = 0; c < k; c++) {
        let v = partials[c * m + r] as number;
        for (let p = 1; p < parts; p++) v += partials[p * block + c * m + r] as number;
        out[i * k + c] = v;
      }
    }
    return out;
  }

  /** The kernels' row numbering (built on first use: the matrix never changes). */
  private layout(): KernelLayout {
    if (this.kernelLayout === undefined) {
      this.kernelLayout = buildKernelLayout(this.rows, this.rowIndices);
    }
    return this.kernelLayout;
  }
}

/**
 * Below this many multiply-adds a product stays on the calling thread: handing it to workers
 * costs more (tens of microseconds) than it saves.
 */
const PARALLEL_MIN_WORK = 200_000;

/** The arrays of a CscMatrix, which never change after construction. */
const CSC_ARRAYS = ["colPtr", "rowIndices", "values"] as const;

function executorFor(work: number): Executor {
  return work >= PARALLEL_MIN_WORK ? currentExecutor() : inThreadExecutor;
}
