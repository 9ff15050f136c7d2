import { ArgumentTypeError, CscMatrix, Tensor } from "@neural-nmf/tensor";
import { ParseError } from "../errors.js";
import { describeValue } from "../validate.js";
import {
  BANNER,
  type MatrixMarketField,
  type MatrixMarketFormat,
  type MatrixMarketHeader,
  type MatrixMarketSymmetry,
} from "./header.js";

const WHERE = "parseMatrixMarket";
const FORMATS: readonly MatrixMarketFormat[] = ["array", "coordinate"];
const FIELDS: readonly MatrixMarketField[] = ["real", "integer", "pattern"];
const SYMMETRIES: readonly MatrixMarketSymmetry[] = ["general", "symmetric"];
const INTEGER = /^[+-]?\d+$/;
// Decimal numbers with optional exponent; "inf" and "nan" are refused, as no matrix here holds them.
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses the text of a Matrix Market file.
 *
 * - `array` files give a dense {@link Tensor}. Their values are listed **column by column**; the
 *   tensor is row-major, so the order is converted here.
 * - `coordinate` files give a {@link CscMatrix}: 1-based `row column value` lines (`row column`
 *   for `pattern`, whose entries are 1). Repeated positions are summed and explicit zeros dropped,
 *   as in `CscMatrix.fromTriplets`.
 * - `symmetric` files (square, lower triangle stored) are expanded to the full matrix.
 *
 * Fields `real`, `integer` and `pattern` are supported; `complex`, `hermitian` and
 * `skew-symmetric` are refused. Comment lines (`%`) and blank lines may appear after the banner.
 *
 * @throws {@link ParseError} with the 1-based line number of the first problem.
 */
export function parseMatrixMarket(text: string): Tensor | CscMatrix {
  if (typeof text !== "string") {
    throw new ArgumentTypeError(
      `${WHERE}: argument \`text\` must be a string, got ${describeValue(text)}`,
      "text",
    );
  }
  const lines = text.split("\n");
  const header = parseBanner(lines[0] ?? "");
  const reader = new LineReader(lines);
  const sizeLine = reader.next();
  if (sizeLine === null) fail(lines.length, "missing size line after the banner");
  const expected = header.format === "array" ? 2 : 3;
  const sizeFields = split(sizeLine.text);
  if (sizeFields.length !== expected) {
    fail(
      sizeLine.line,
      `size line must hold ${expected === 2 ? "rows and columns" : "rows, columns and the entry count"}, got "${sizeLine.text.trim()}"`,
    );
  }
  const [m, n, nnz] = sizeFields.map((f) => parseCount(f, sizeLine.line, "size")) as [
    number,
    number,
    number | undefined,
  ];
  if (header.symmetry === "symmetric" && m !== n) {
    fail(sizeLine.line, `a symmetric matrix must be square, size is ${m}×${n}`);
  }
  return header.format === "array"
    ? parseArray(reader, header, m, n, sizeLine.line)
    : parseCoordinate(reader, header, m, n, nnz as number, sizeLine.line);
}

function parseBanner(line: string): MatrixMarketHeader {
  const fields = split(line);
  if (fields[0]?.toLowerCase() !== BANNER.toLowerCase()) {
    fail(1, `expected the banner "${BANNER} matrix <format> <field> <symmetry>"`);
  }
  if (fields.length !== 5) {
    fail(1, `banner must hold 5 words, got ${fields.length}: "${line.trim()}"`);
  }
  const [, object, format, field, symmetry] = fields.map((f) => f.toLowerCase()) as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (object !== "matrix") fail(1, `unsupported object "${object}" (only "matrix")`);
  const header = {
    format: oneOf(format, FORMATS, "format"),
    field: oneOf(field, FIELDS, "field"),
    symmetry: oneOf(symmetry, SYMMETRIES, "symmetry"),
  };
  if (header.format === "array" && header.field === "pattern") {
    fail(1, `field "pattern" is only valid for coordinate files`);
  }
  return header;
}

function oneOf<T extends string>(word: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(word)) {
    fail(1, `unsupported ${what} "${word}" (supported: ${allowed.join(", ")})`);
  }
  return word as T;
}

function parseArray(
  reader: LineReader,
  header: MatrixMarketHeader,
  m: number,
  n: number,
  sizeLineNumber: number,
): Tensor {
  const symmetric = header.symmetry === "symmetric";
  // A symmetric array file lists the lower triangle, column by column: n(n+1)/2 values.
  const count = symmetric ? (n * (n + 1)) / 2 : m * n;
  checkRoom(reader, count, sizeLineNumber);
  const data = new Float64Array(m * n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < count; k++) {
    const entry = reader.next();
    if (entry === null) endOfFile(reader, k, count);
    const fields = split(entry.text);
    if (fields.length !== 1) {
      fail(entry.line, `expected one value per line in an array file, got ${fields.length}`);
    }
    const v = parseValue(fields[0] as string, header.field, entry.line);
    data[i * n + j] = v;
    if (symmetric) data[j * n + i] = v;
    if (++i === m) {
      j++;
      i = symmetric ? j : 0;
    }
  }
  expectEnd(reader, count);
  return Tensor.fromTypedArray(data, [m, n], { copy: false });
}

function parseCoordinate(
  reader: LineReader,
  header: MatrixMarketHeader,
  m: number,
  n: number,
  nnz: number,
  sizeLineNumber: number,
): CscMatrix {
  checkRoom(reader, nnz, sizeLineNumber);
  const symmetric = header.symmetry === "symmetric";
  const pattern = header.field === "pattern";
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let k = 0; k < nnz; k++) {
    const entry = reader.next();
    if (entry === null) endOfFile(reader, k, nnz);
    const fields = split(entry.text);
    const want = pattern ? 2 : 3;
    if (fields.length !== want) {
      fail(
        entry.line,
        `expected ${want === 2 ? "`row column`" : "`row column value`"}, got ${fields.length} field(s): "${entry.text.trim()}"`,
      );
    }
    const i = parseIndex(fields[0] as string, m, "row", entry.line);
    const j = parseIndex(fields[1] as string, n, "column", entry.line);
    const v = pattern ? 1 : parseValue(fields[2] as string, header.field, entry.line);
    if (symmetric && i < j) {
      fail(
        entry.line,
        `entry (${i + 1}, ${j + 1}) lies above the diagonal; a symmetric file stores only row ≥ column`,
      );
    }
    rows.push(i);
    cols.push(j);
    vals.push(v);
    if (symmetric && i !== j) {
      rows.push(j);
      cols.push(i);
      vals.push(v);
    }
  }
  expectEnd(reader, nnz);
  return CscMatrix.fromTriplets(m, n, rows, cols, vals);
}

/** Non-comment, non-blank lines with their 1-based numbers. */
class LineReader {
  readonly lines: readonly string[];
  /** 0-based index of the next line to look at. */
  position = 1;
  constructor(lines: readonly string[]) {
    this.lines = lines;
  }

  next(): { text: string; line: number } | null {
    while (this.position < this.lines.length) {
      const text = this.lines[this.position++] as string;
      if (isContent(text)) return { text, line: this.position };
    }
    return null;
  }

  /** 1-based number of the last line, where a truncated file ends (a final newline ends the
   * last line rather than starting an empty one). */
  get lastLine(): number {
    const n = this.lines.length;
    return n > 1 && this.lines[n - 1] === "" ? n - 1 : n;
  }
}

function isContent(text: string): boolean {
  const t = text.trim();
  return t !== "" && !t.startsWith("%");
}

/**
 * Refuses, before allocating, a size line that promises more entries than the file has lines;
 * otherwise a corrupt "100000 100000" would try to allocate 80 GB before failing.
 */
function checkRoom(reader: LineReader, count: number, sizeLineNumber: number): void {
  const room = reader.lastLine - reader.position;
  if (count > room) {
    fail(sizeLineNumber, `size line announces ${count} entries but only ${room} line(s) follow`);
  }
}

function endOfFile(reader: LineReader, found: number, count: number): never {
  fail(reader.lastLine, `file ends after ${found} of ${count} entries`);
}

function expectEnd(reader: LineReader, count: number): void {
  const extra = reader.next();
  if (extra !== null) {
    fail(
      extra.line,
      `unexpected data after the ${count} announced entries: "${extra.text.trim()}"`,
    );
  }
}

function split(line: string): string[] {
  const t = line.trim();
  return t === "" ? [] : t.split(/\s+/);
}

function parseCount(field: string, line: number, what: string): number {
  if (!INTEGER.test(field) || field.startsWith("-")) {
    fail(line, `${what} "${field}" is not a non-negative integer`);
  }
  const v = Number(field);
  if (!Number.isSafeInteger(v)) fail(line, `${what} "${field}" is too large`);
  return v;
}

function parseIndex(field: string, size: number, what: string, line: number): number {
  if (!INTEGER.test(field)) fail(line, `${what} index "${field}" is not an integer`);
  const v = Number(field);
  if (v < 1 || v > size) {
    fail(line, `${what} index ${field} is out of range 1..${size} (indices are 1-based)`);
  }
  return v - 1;
}

function parseValue(field: string, type: MatrixMarketField, line: number): number {
  if (type === "integer") {
    if (!INTEGER.test(field)) fail(line, `value "${field}" is not an integer (field "integer")`);
  } else if (!REAL.test(field)) {
    fail(line, `value "${field}" is not a finite decimal number`);
  }
  const v = Number(field);
  if (!Number.isFinite(v)) fail(line, `value "${field}" overflows to ${v}`);
  return v;
}

function fail(line: number, detail: string): never {
  throw new ParseError(WHERE, line, detail);
}
