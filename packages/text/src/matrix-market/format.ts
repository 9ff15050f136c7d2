import {
  ArgumentTypeError,
  CscMatrix,
  NonFiniteError,
  ShapeError,
  Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { describeValue, expectKnownKeys, expectOneOf, expectOptionsObject } from "../validate.js";
import { formatBanner, type MatrixMarketField, type MatrixMarketSymmetry } from "./header.js";

/** Options of {@link formatMatrixMarket}. */
export interface FormatMatrixMarketOptions {
  /**
   * `"real"` (default) writes each value in the shortest form that reads back to the same double;
   * `"integer"` requires integer values; `"pattern"` (sparse only) writes the positions of the
   * stored entries and drops their values.
   */
  field?: MatrixMarketField;
  /**
   * `"symmetric"` writes only the lower triangle and requires a square matrix equal to its
   * transpose (exactly); `"general"` (default) writes everything.
   */
  symmetry?: MatrixMarketSymmetry;
  /** Text for comment lines after the banner; each line gets a leading `%`. */
  comment?: string;
}

const WHERE = "formatMatrixMarket";
const FIELDS: readonly MatrixMarketField[] = ["real", "integer", "pattern"];
const SYMMETRIES: readonly MatrixMarketSymmetry[] = ["general", "symmetric"];

/**
 * Writes a matrix as Matrix Market text: a dense {@link Tensor} as an `array` file (values column
 * by column, as the format requires; a scalar is a 1×1 matrix), a {@link CscMatrix} as a
 * `coordinate` file with 1-based indices, column by column. The text ends with a newline and
 * reads back with `parseMatrixMarket` to an identical matrix.
 *
 * @throws ArgumentTypeError for anything but a `Tensor` or `CscMatrix`; ValueError for an option
 *   the matrix does not satisfy (non-integers with `field: "integer"`, an asymmetric matrix with
 *   `symmetry: "symmetric"`, `pattern` for a dense matrix); NonFiniteError for NaN or ±Infinity.
 */
export function formatMatrixMarket(
  matrix: Tensor | CscMatrix,
  options?: FormatMatrixMarketOptions,
): string {
  const o = expectOptionsObject(options, WHERE);
  expectKnownKeys(o, ["field", "symmetry", "comment"], WHERE);
  const field = expectOneOf(o.field, FIELDS, "real", WHERE, "field");
  const symmetry = expectOneOf(o.symmetry, SYMMETRIES, "general", WHERE, "symmetry");
  if (o.comment !== undefined && typeof o.comment !== "string") {
    throw new ArgumentTypeError(
      `${WHERE}: option \`comment\` must be a string, got ${describeValue(o.comment)}`,
      "comment",
    );
  }
  const comment = o.comment === undefined ? "" : commentLines(o.comment);
  if (matrix instanceof Tensor) {
    if (field === "pattern") {
      throw new ValueError(
        `${WHERE}: field "pattern" is only for sparse (CscMatrix) input`,
        "field",
      );
    }
    const banner = formatBanner({ format: "array", field, symmetry });
    return `${banner}\n${comment}${formatDense(matrix, field, symmetry)}`;
  }
  if (matrix instanceof CscMatrix) {
    const banner = formatBanner({ format: "coordinate", field, symmetry });
    return `${banner}\n${comment}${formatSparse(matrix, field, symmetry)}`;
  }
  throw new ArgumentTypeError(
    `${WHERE}: argument \`matrix\` must be a Tensor or a CscMatrix, got ${describeValue(matrix)}`,
    "matrix",
  );
}

function commentLines(comment: string): string {
  return comment
    .split(/\r?\n/)
    .map((line) => `%${line}\n`)
    .join("");
}

function formatDense(t: Tensor, field: MatrixMarketField, symmetry: MatrixMarketSymmetry): string {
  const m = t.rows;
  const n = t.cols;
  const d = t.data;
  if (symmetry === "symmetric") checkSymmetricDense(t);
  const out: string[] = [`${m} ${n}`];
  for (let j = 0; j < n; j++) {
    // The lower triangle of column j starts at the diagonal.
    for (let i = symmetry === "symmetric" ? j : 0; i < m; i++) {
      out.push(formatValue(d[i * n + j] as number, field, i, j));
    }
  }
  return `${out.join("\n")}\n`;
}

function formatSparse(
  a: CscMatrix,
  field: MatrixMarketField,
  symmetry: MatrixMarketSymmetry,
): string {
  if (symmetry === "symmetric") checkSymmetricSparse(a);
  const lower = symmetry === "symmetric";
  const out: string[] = [];
  for (let j = 0; j < a.cols; j++) {
    for (let p = a.colPtr[j] as number; p < (a.colPtr[j + 1] as number); p++) {
      const i = a.rowIndices[p] as number;
      if (lower && i < j) continue;
      const v = a.values[p] as number;
      const position = `${i + 1} ${j + 1}`;
      out.push(field === "pattern" ? position : `${position} ${formatValue(v, field, i, j)}`);
    }
  }
  const body = out.length === 0 ? "" : `${out.join("\n")}\n`;
  return `${a.rows} ${a.cols} ${out.length}\n${body}`;
}

function formatValue(v: number, field: MatrixMarketField, i: number, j: number): string {
  if (!Number.isFinite(v)) {
    throw new NonFiniteError(
      `${WHERE}: value ${v} at (${i}, ${j}) cannot be written; Matrix Market files here hold finite numbers`,
      "matrix",
    );
  }
  if (field === "integer" && !Number.isInteger(v)) {
    throw new ValueError(
      `${WHERE}: value ${v} at (${i}, ${j}) is not an integer (field "integer")`,
      "field",
    );
  }
  // String(-0) is "0"; keep the sign so that the round trip is exact.
  if (v === 0 && 1 / v < 0) return "-0";
  return String(v);
}

function checkSymmetricDense(t: Tensor): void {
  const n = t.cols;
  if (t.rows !== n) {
    throw new ShapeError(
      `${WHERE}: symmetry "symmetric" needs a square matrix, got ${t.rows}×${n}`,
      "symmetry",
    );
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (t.data[i * n + j] !== t.data[j * n + i]) {
        throw new ValueError(
          `${WHERE}: symmetry "symmetric" but entries (${i}, ${j}) and (${j}, ${i}) differ`,
          "symmetry",
        );
      }
    }
  }
}

/** Compares the matrix with its transpose, built by a counting sort over rows in O(nnz). */
function checkSymmetricSparse(a: CscMatrix): void {
  const n = a.cols;
  if (a.rows !== n) {
    throw new ShapeError(
      `${WHERE}: symmetry "symmetric" needs a square matrix, got ${a.rows}×${n}`,
      "symmetry",
    );
  }
  const tPtr = new Int32Array(n + 1);
  for (let p = 0; p < a.nnz; p++) {
    const r = a.rowIndices[p] as number;
    tPtr[r + 1] = (tPtr[r + 1] as number) + 1;
  }
  for (let r = 0; r < n; r++) tPtr[r + 1] = (tPtr[r + 1] as number) + (tPtr[r] as number);
  const next = tPtr.slice(0, n);
  const tRows = new Int32Array(a.nnz);
  const tVals = new Float64Array(a.nnz);
  for (let j = 0; j < n; j++) {
    for (let p = a.colPtr[j] as number; p < (a.colPtr[j + 1] as number); p++) {
      const r = a.rowIndices[p] as number;
      const q = next[r] as number;
      next[r] = q + 1;
      tRows[q] = j;
      tVals[q] = a.values[p] as number;
    }
  }
  for (let j = 0; j <= n; j++) {
    // Column and row counts first differ at pointer j, so column j − 1 is the culprit.
    if (tPtr[j] !== a.colPtr[j]) asymmetric(j - 1);
  }
  for (let p = 0; p < a.nnz; p++) {
    if (tRows[p] !== a.rowIndices[p] || tVals[p] !== a.values[p]) {
      asymmetric(columnOf(a.colPtr, p));
    }
  }
}

function columnOf(colPtr: Int32Array, p: number): number {
  let j = 0;
  while ((colPtr[j + 1] as number) <= p) j++;
  return j;
}

function asymmetric(column: number): never {
  throw new ValueError(
    `${WHERE}: symmetry "symmetric" but column ${column} differs from row ${column}`,
    "symmetry",
  );
}
