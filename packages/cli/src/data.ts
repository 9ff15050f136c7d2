import { CscMatrix, type Tensor } from "@neural-nmf/tensor";
import { CliError } from "./errors.js";
import { formatPercent } from "./format.js";

/** Data the model reads: a dense Tensor or a sparse CscMatrix, one column per sample. */
export type Matrix = Tensor | CscMatrix;

/**
 * Refuses data with a negative entry (NMF needs nonnegative data), naming the input and the
 * first offending entry (0-based row and column), before any training output is shown.
 * @throws {@link CliError}
 */
export function checkNonnegative(x: Matrix, input: string): void {
  let found: { value: number; row: number; col: number } | null = null;
  if (x instanceof CscMatrix) {
    for (let j = 0; j < x.cols && found === null; j++) {
      for (let p = x.colPtr[j] as number; p < (x.colPtr[j + 1] as number); p++) {
        const v = x.values[p] as number;
        if (v < 0) {
          found = { value: v, row: x.rowIndices[p] as number, col: j };
          break;
        }
      }
    }
  } else {
    const i = x.data.findIndex((v) => v < 0);
    if (i >= 0)
      found = { value: x.data[i] as number, row: Math.floor(i / x.cols), col: i % x.cols };
  }
  if (found !== null) {
    throw new CliError(
      `'${input}' has a negative entry ${found.value} at row ${found.row}, column ${found.col} (0-based); NMF needs nonnegative data`,
    );
  }
}

/** One-line description of a data matrix: `87 × 90 dense matrix`. */
export function describeData(x: Matrix): string {
  if (x instanceof CscMatrix) {
    const density = x.nnz / Math.max(1, x.rows * x.cols);
    return `${x.rows} × ${x.cols} sparse matrix (${formatPercent(density)} nonzero)`;
  }
  return `${x.rows} × ${x.cols} dense matrix`;
}
