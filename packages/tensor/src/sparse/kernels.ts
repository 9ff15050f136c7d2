/**
 * The two sparse-times-dense kernels NMF spends its time in, written for the memory behaviour
 * measured on 20 000-word corpora (see the package README). The m-sized side of each product is
 * held transposed (k×m), so every output row walks one strip of the dense matrix while X streams
 * by, and five (or four) output rows share each pass over X: X is read ⌈k/5⌉ times instead of k
 * (or once with k sums whose strips no cache holds). Rows of X are renumbered by decreasing
 * frequency by the caller (see `kernel-layout.ts`), so the strips' hot entries sit together.
 * Both run on index ranges so an {@link Executor} can split them.
 * @module
 */
import type { Kernel, KernelArray } from "../parallel/executor.js";

type Arrays = Readonly<Record<string, KernelArray>>;
type Scalars = Readonly<Record<string, number>>;

/**
 * Widths of the row blocks covering k output rows: fives and fours (a pass over X per block),
 * ones only for what neither covers (k = 1, 2, 3, 6, 7, 11).
 */
export function blockWidths(k: number): number[] {
  for (let fives = Math.floor(k / 5); fives >= 0; fives--) {
    const rest = k - 5 * fives;
    if (rest % 4 === 0) return [...Array(fives).fill(5), ...Array(rest / 4).fill(4)];
  }
  const fives = Math.floor(k / 5);
  const fours = Math.floor((k - 5 * fives) / 4);
  const ones = k - 5 * fives - 4 * fours;
  return [...Array(fives).fill(5), ...Array(fours).fill(4), ...Array(ones).fill(1)];
}

/**
 * `out = AᵀX` restricted to columns `[start, end)`: out (k×n row-major) gets
 * `out[c, j] = Σ_p values[p]·aT[c, rowIndices[p]]` over the nonzeros of column j in stored
 * order, with `aT = Aᵀ` (k×m row-major, rows of A in the layout's numbering).
 * Arrays: colPtr, rowIndices, values, aT, out; scalars: m, n, k.
 */
function atxColumns(arrays: Arrays, scalars: Scalars, start: number, end: number): void {
  const colPtr = arrays.colPtr as Int32Array;
  const rowIndices = arrays.rowIndices as Int32Array;
  const values = arrays.values as Float64Array;
  const aT = arrays.aT as Float64Array;
  const out = arrays.out as Float64Array;
  const m = scalars.m as number;
  const n = scalars.n as number;
  const k = scalars.k as number;
  let c = 0;
  for (const width of blockWidths(k)) {
    const o0 = c * m;
    const o1 = o0 + m;
    const o2 = o1 + m;
    const o3 = o2 + m;
    const o4 = o3 + m;
    if (width === 5) {
      for (let j = start; j < end; j++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let s4 = 0;
        const e = colPtr[j + 1] as number;
        for (let p = colPtr[j] as number; p < e; p++) {
          const v = values[p] as number;
          const i = rowIndices[p] as number;
          s0 += v * (aT[o0 + i] as number);
          s1 += v * (aT[o1 + i] as number);
          s2 += v * (aT[o2 + i] as number);
          s3 += v * (aT[o3 + i] as number);
          s4 += v * (aT[o4 + i] as number);
        }
        out[c * n + j] = s0;
        out[(c + 1) * n + j] = s1;
        out[(c + 2) * n + j] = s2;
        out[(c + 3) * n + j] = s3;
        out[(c + 4) * n + j] = s4;
      }
    } else if (width === 4) {
      for (let j = start; j < end; j++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        const e = colPtr[j + 1] as number;
        for (let p = colPtr[j] as number; p < e; p++) {
          const v = values[p] as number;
          const i = rowIndices[p] as number;
          s0 += v * (aT[o0 + i] as number);
          s1 += v * (aT[o1 + i] as number);
          s2 += v * (aT[o2 + i] as number);
          s3 += v * (aT[o3 + i] as number);
        }
        out[c * n + j] = s0;
        out[(c + 1) * n + j] = s1;
        out[(c + 2) * n + j] = s2;
        out[(c + 3) * n + j] = s3;
      }
    } else {
      for (let j = start; j < end; j++) {
        let s0 = 0;
        const e = colPtr[j + 1] as number;
        for (let p = colPtr[j] as number; p < e; p++) {
          s0 += (values[p] as number) * (aT[o0 + (rowIndices[p] as number)] as number);
        }
        out[c * n + j] = s0;
      }
    }
    c += width;
  }
}

/**
 * `B Xᵀ` (k×m row-major, rows of X in the layout's numbering) over the columns `[start, end)`
 * of X, written to the k×m block `part` of `partials`:
 * `partials[part][c, i] = Σ_{j in range} B[c, j]·X[i, j]`, scattered column by column of X. Parts
 * split the columns of X (balanced by nonzeros) and each writes its own block, so the caller adds
 * the blocks up in part order; with one part the block is the product itself.
 * Arrays: colPtr, rowIndices, values, b (k×n), partials (parts·k·m); scalars: m, n, k.
 */
function xbtColumns(
  arrays: Arrays,
  scalars: Scalars,
  start: number,
  end: number,
  part: number,
): void {
  const colPtr = arrays.colPtr as Int32Array;
  const rowIndices = arrays.rowIndices as Int32Array;
  const values = arrays.values as Float64Array;
  const b = arrays.b as Float64Array;
  const out = arrays.partials as Float64Array;
  const m = scalars.m as number;
  const n = scalars.n as number;
  const k = scalars.k as number;
  const base = part * k * m;
  out.fill(0, base, base + k * m);
  let c = 0;
  for (const width of blockWidths(k)) {
    const o0 = base + c * m;
    const o1 = o0 + m;
    const o2 = o1 + m;
    const o3 = o2 + m;
    const o4 = o3 + m;
    const g0 = c * n;
    const g1 = g0 + n;
    const g2 = g1 + n;
    const g3 = g2 + n;
    const g4 = g3 + n;
    if (width === 5) {
      for (let j = start; j < end; j++) {
        const b0 = b[g0 + j] as number;
        const b1 = b[g1 + j] as number;
        const b2 = b[g2 + j] as number;
        const b3 = b[g3 + j] as number;
        const b4 = b[g4 + j] as number;
        const e = colPtr[j + 1] as number;
        for (let p = colPtr[j] as number; p < e; p++) {
          const v = values[p] as number;
          const i = rowIndices[p] as number;
          out[o0 + i] = (out[o0 + i] as number) + v * b0;
          out[o1 + i] = (out[o1 + i] as number) + v * b1;
          out[o2 + i] = (out[o2 + i] as number) + v * b2;
          out[o3 + i] = (out[o3 + i] as number) + v * b3;
          out[o4 + i] = (out[o4 + i] as number) + v * b4;
        }
      }
    } else if (width === 4) {
      for (let j = start; j < end; j++) {
        const b0 = b[g0 + j] as number;
        const b1 = b[g1 + j] as number;
        const b2 = b[g2 + j] as number;
        const b3 = b[g3 + j] as number;
        const e = colPtr[j + 1] as number;
        for (let p = colPtr[j] as number; p < e; p++) {
          const v = values[p] as number;
          const i = rowIndices[p] as number;
          out[o0 + i] = (out[o0 + i] as number) + v * b0;
          out[o1 + i] = (out[o1 + i] as number) + v * b1;
          out[o2 + i] = (out[o2 + i] as number) + v * b2;
          out[o3 + i] = (out[o3 + i] as number) + v * b3;
        }
      }
    } else {
      for (let j = start; j < end; j++) {
        const b0 = b[g0 + j] as number;
        const e = colPtr[j + 1] as number;
        for (let p = colPtr[j] as number; p < e; p++) {
          const i = rowIndices[p] as number;
          out[o0 + i] = (out[o0 + i] as number) + (values[p] as number) * b0;
        }
      }
    }
    c += width;
  }
}

/** `AᵀX` by column ranges (see the module notes). */
export const atxKernel: Kernel = { name: "tensor/csc-atx", run: atxColumns };
/** `B Xᵀ` by column ranges into per-part blocks (see the module notes). */
export const xbtKernel: Kernel = { name: "tensor/csc-xbt", run: xbtColumns };

/** The sparse kernels, by name. */
export const sparseKernels: readonly Kernel[] = [atxKernel, xbtKernel];
