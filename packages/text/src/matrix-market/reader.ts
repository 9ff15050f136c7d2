import { ArgumentTypeError, CscMatrix, Tensor, ValueError } from "@neural-nmf/tensor";
import { ParseError } from "../errors.js";
import { describeValue, expectKnownKeys, expectOptionsObject } from "../validate.js";
import {
  BANNER,
  type MatrixMarketField,
  type MatrixMarketFormat,
  type MatrixMarketHeader,
  type MatrixMarketSymmetry,
} from "./header.js";

/**
 * Largest row or column count a Matrix Market file may announce: 2³¹ − 1, the largest index a
 * 32-bit integer (`Int32Array`, as in `CscMatrix.rowIndices`) holds. Sizes are checked on the
 * size line, before anything of that size is allocated.
 */
export const MAX_MATRIX_MARKET_DIMENSION = 2 ** 31 - 1;

/**
 * Largest column count of a sparse (`coordinate`) file: 100 000 000. A `CscMatrix` stores one
 * 32-bit column pointer per column (400 MB at this limit), allocated only when the file is
 * complete; a larger count is refused on the size line.
 */
export const MAX_MATRIX_MARKET_COLUMNS = 100_000_000;

/**
 * Largest number of stored values: 2³¹ − 1, for the entries of a sparse file (after a
 * `symmetric` file is expanded; column pointers are 32-bit) and for the rows × columns values
 * of a dense (`array`) file.
 */
export const MAX_MATRIX_MARKET_ENTRIES = 2 ** 31 - 1;

/** Options of {@link createMatrixMarketReader}. */
export interface MatrixMarketReaderOptions {
  /**
   * Number of lines of the whole input, when known in advance (`parseMatrixMarket` counts them;
   * an empty piece after a final newline is not a line). A size line that announces more
   * entries than lines follow is then refused at once.
   */
  lineCount?: number;
  /**
   * Size of the whole input in bytes (or UTF-16 code units), when known in advance, e.g. a
   * file's size. Every entry line takes at least 2 characters (a value and a line break; 4 for a
   * `pattern` entry, 6 for another `coordinate` entry), so a size line that announces more
   * entries than the rest of the input can hold is refused at once.
   */
  byteLength?: number;
}

/** The size line of a Matrix Market file. */
export interface MatrixMarketSize {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /**
   * Number of entry lines the file announces: the entry count of a `coordinate` file; rows ×
   * columns values for a dense `array` file (n(n + 1)/2 for a `symmetric` one).
   */
  readonly entries: number;
}

/**
 * An incremental Matrix Market parser: feed it the text line by line
 * ({@link MatrixMarketReader.line}) or in chunks of any size ({@link MatrixMarketReader.write}),
 * then call {@link MatrixMarketReader.finish} for the matrix. It gives the matrix
 * `parseMatrixMarket` gives for the whole text, with the same checks and messages (which start
 * with `MatrixMarketReader:`), but never holds the text: it keeps only the values read so far,
 * in typed arrays grown by doubling, so a file's peak memory is about twice that of the
 * resulting arrays (row indices and values; no per-entry objects). Entries that are already in
 * column order, as `formatMatrixMarket` and most tools write them, are kept in place; others
 * are sorted by a counting sort on the column.
 *
 * Sizes on the size line are not trusted: rows and columns are checked against
 * {@link MAX_MATRIX_MARKET_DIMENSION} and {@link MAX_MATRIX_MARKET_COLUMNS}, the value count
 * against {@link MAX_MATRIX_MARKET_ENTRIES}, and nothing of the announced size is allocated
 * before the values have been read (the announced entry count only sizes the first, small,
 * allocation). A CSC matrix's column pointers are allocated by `finish`.
 *
 * After an error, every further call throws the same error.
 */
export interface MatrixMarketReader {
  /**
   * Reads the next line: its text without the line break (a trailing `\r` is ignored). Line
   * numbers in errors count the calls, starting at 1 for the banner.
   * @throws {@link ParseError} naming the line when it is malformed, or when it holds more
   *   entries than the size line announced.
   */
  line(text: string): void;
  /**
   * Reads a chunk of text: lines end at `\n` (`\r\n` works too) and may span chunks. Do not mix
   * with {@link MatrixMarketReader.line} in one input (a partial line would be lost).
   * @throws {@link ParseError} as {@link MatrixMarketReader.line} does.
   */
  write(chunk: string): void;
  /**
   * Ends the input (reading the last partial line given to {@link MatrixMarketReader.write},
   * if any) and returns the matrix: a dense {@link Tensor} for an `array` file, a
   * {@link CscMatrix} for a `coordinate` file (repeated positions summed in file order, explicit
   * zeros dropped, rows sorted within each column).
   * @throws {@link ParseError} when the banner or size line is missing or the file ends early.
   */
  finish(): Tensor | CscMatrix;
  /** Number of lines read so far. */
  readonly lineNumber: number;
  /** Entry lines (values of a dense file) read so far. */
  readonly entryCount: number;
  /** The banner, once line 1 is read. */
  readonly header: MatrixMarketHeader | null;
  /** The size line, once read. */
  readonly size: MatrixMarketSize | null;
}

const FORMATS: readonly MatrixMarketFormat[] = ["array", "coordinate"];
const FIELDS: readonly MatrixMarketField[] = ["real", "integer", "pattern"];
const SYMMETRIES: readonly MatrixMarketSymmetry[] = ["general", "symmetric"];
const INTEGER = /^[+-]?\d+$/;
// Decimal numbers with optional exponent; "inf" and "nan" are refused, as no matrix here holds them.
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** First allocation for the values, however many the size line announces. */
const INITIAL_CAPACITY = 1 << 14;
const EMPTY_INT = new Int32Array(0);
const EMPTY_FLOAT = new Float64Array(0);

/** Where the reader is: expecting the banner, the size line, entries; finished; failed. */
type State = "banner" | "size" | "entries" | "done" | "failed";

/**
 * Creates an incremental Matrix Market parser (see {@link MatrixMarketReader}).
 *
 * @example
 * ```ts
 * const reader = createMatrixMarketReader();
 * for (const line of lines) reader.line(line);
 * const matrix = reader.finish(); // Tensor or CscMatrix
 * ```
 * @throws ArgumentTypeError / ValueError (from `@neural-nmf/tensor`) for a bad option.
 */
export function createMatrixMarketReader(options?: MatrixMarketReaderOptions): MatrixMarketReader {
  const where = "createMatrixMarketReader";
  const o = expectOptionsObject(options, where);
  expectKnownKeys(o, ["lineCount", "byteLength"], where);
  return new Reader(
    "MatrixMarketReader",
    count(o.lineCount, where, "lineCount"),
    count(o.byteLength, where, "byteLength"),
  );
}

/** @internal The reader behind `parseMatrixMarket`, whose errors name that function. */
export function matrixMarketReader(where: string, lineCount: number): MatrixMarketReader {
  return new Reader(where, lineCount, undefined);
}

function count(value: unknown, where: string, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number") {
    throw new ArgumentTypeError(
      `${where}: option \`${option}\` must be a number, got ${describeValue(value)}`,
      option,
    );
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValueError(
      `${where}: option \`${option}\` must be a non-negative integer, got ${value}`,
      option,
    );
  }
  return value;
}

class Reader implements MatrixMarketReader {
  readonly #where: string;
  readonly #lineCount: number | undefined;
  readonly #byteLength: number | undefined;
  #state: State = "banner";
  #error: unknown = null;
  #line = 0;
  /** Text after the last `\n` given to `write`; null before any `write`. */
  #pending: string | null = null;
  /** Whether the input ended with a line break, leaving an empty piece (not a line) after it. */
  #phantom = false;
  /**
   * Characters of the lines read so far, plus one line break each: a lower bound of the bytes
   * read (a UTF-16 code unit takes at least one byte in UTF-8).
   */
  #consumed = 0;
  #header: MatrixMarketHeader | null = null;
  #size: MatrixMarketSize | null = null;
  #read = 0;
  #symmetric = false;
  #pattern = false;
  #integer = false;
  // Coordinate files: triplets in file order (mirrored entries of symmetric files appended).
  #rows: Int32Array = EMPTY_INT;
  #cols: Int32Array = EMPTY_INT;
  #values: Float64Array = EMPTY_FLOAT;
  #stored = 0;
  /** Whether the triplets so far are in nondecreasing column order (then no sort is needed). */
  #columnOrder = true;
  #lastColumn = 0;

  constructor(where: string, lineCount: number | undefined, byteLength: number | undefined) {
    this.#where = where;
    this.#lineCount = lineCount;
    this.#byteLength = byteLength;
  }

  get lineNumber(): number {
    return this.#line;
  }

  get entryCount(): number {
    return this.#read;
  }

  get header(): MatrixMarketHeader | null {
    return this.#header;
  }

  get size(): MatrixMarketSize | null {
    return this.#size;
  }

  line(text: string): void {
    if (typeof text !== "string") {
      throw new ArgumentTypeError(
        `MatrixMarketReader.line: argument \`text\` must be a string, got ${describeValue(text)}`,
        "text",
      );
    }
    this.#usable("line");
    if (this.#pending !== null && this.#pending !== "") {
      throw new ValueError(
        "MatrixMarketReader.line: a partial line given to write() is pending; do not mix line() and write()",
        "text",
      );
    }
    try {
      this.#feed(text);
    } catch (error) {
      this.#failed(error);
    }
  }

  write(chunk: string): void {
    if (typeof chunk !== "string") {
      throw new ArgumentTypeError(
        `MatrixMarketReader.write: argument \`chunk\` must be a string, got ${describeValue(chunk)}`,
        "chunk",
      );
    }
    this.#usable("write");
    try {
      const pending = this.#pending;
      const text = pending === null || pending === "" ? chunk : pending + chunk;
      let start = 0;
      // The pending piece holds no line break: search only the new text.
      let end = text.indexOf("\n", pending === null ? 0 : pending.length);
      while (end >= 0) {
        this.#feed(text.slice(start, end));
        start = end + 1;
        end = text.indexOf("\n", start);
      }
      this.#pending = start === 0 ? text : text.slice(start);
    } catch (error) {
      this.#failed(error);
    }
  }

  finish(): Tensor | CscMatrix {
    this.#usable("finish");
    try {
      const pending = this.#pending;
      if (pending !== null) {
        this.#pending = null;
        // `text.split("\n")` semantics: the piece after the last line break is a line unless it
        // is empty, and an empty input is one empty line.
        if (pending !== "" || this.#line === 0) this.#feed(pending);
        else this.#phantom = true;
      }
      const result = this.#result();
      this.#state = "done";
      return result;
    } catch (error) {
      return this.#failed(error);
    }
  }

  #usable(method: string): void {
    if (this.#state === "failed") throw this.#error;
    if (this.#state === "done") {
      throw new ValueError(`MatrixMarketReader.${method}: the reader is finished`);
    }
  }

  /** Remembers `error` for every later call, drops the values read, and throws it. */
  #failed(error: unknown): never {
    this.#state = "failed";
    this.#error = error;
    this.#release();
    throw error;
  }

  #release(): void {
    this.#rows = EMPTY_INT;
    this.#cols = EMPTY_INT;
    this.#values = EMPTY_FLOAT;
  }

  #fail(line: number, detail: string): never {
    throw new ParseError(this.#where, line, detail);
  }

  #feed(text: string): void {
    const line = ++this.#line;
    this.#consumed += text.length + 1;
    if (this.#state === "banner") {
      this.#header = parseBanner(text, this.#where);
      this.#state = "size";
      return;
    }
    const t = text.trim();
    if (t === "" || t.charCodeAt(0) === 37 /* % */) return;
    if (this.#state === "entries") {
      if (this.#read === (this.#size as MatrixMarketSize).entries) {
        this.#fail(line, `unexpected data after the ${this.#read} announced entries: "${t}"`);
      }
      if ((this.#header as MatrixMarketHeader).format === "coordinate") {
        if (!this.#fastCoordinate(t, line)) this.#coordinate(t, line);
      } else {
        this.#dense(t, line);
      }
      this.#read++;
      return;
    }
    this.#sizeLineRead(t, line);
  }

  #sizeLineRead(t: string, line: number): void {
    const header = this.#header as MatrixMarketHeader;
    const dense = header.format === "array";
    const fields = t.split(/\s+/);
    if (fields.length !== (dense ? 2 : 3)) {
      this.#fail(
        line,
        `size line must hold ${dense ? "rows and columns" : "rows, columns and the entry count"}, got "${t}"`,
      );
    }
    const [m, n, nnz] = fields.map((f) => this.#parseCount(f, line)) as [
      number,
      number,
      number | undefined,
    ];
    this.#symmetric = header.symmetry === "symmetric";
    this.#pattern = header.field === "pattern";
    this.#integer = header.field === "integer";
    if (this.#symmetric && m !== n) {
      this.#fail(line, `a symmetric matrix must be square, size is ${m}×${n}`);
    }
    // A symmetric array file lists the lower triangle, column by column: n(n+1)/2 values.
    const entries = dense ? (this.#symmetric ? (n * (n + 1)) / 2 : m * n) : (nnz as number);
    this.#checkRoom(entries, line, dense ? 2 : this.#pattern ? 4 : 6);
    if (m > MAX_MATRIX_MARKET_DIMENSION || n > MAX_MATRIX_MARKET_DIMENSION) {
      this.#fail(
        line,
        `size ${m}×${n} exceeds the largest supported dimension, ${MAX_MATRIX_MARKET_DIMENSION} (indices are 32-bit integers)`,
      );
    }
    if (dense) {
      if (m * n > MAX_MATRIX_MARKET_ENTRIES) {
        this.#fail(
          line,
          `a dense ${m}×${n} matrix holds ${m * n} values, more than the supported ${MAX_MATRIX_MARKET_ENTRIES}`,
        );
      }
      this.#values = new Float64Array(Math.min(entries, INITIAL_CAPACITY));
    } else {
      if (n > MAX_MATRIX_MARKET_COLUMNS) {
        this.#fail(
          line,
          `${n} columns are more than the supported ${MAX_MATRIX_MARKET_COLUMNS} columns of a sparse (coordinate) file`,
        );
      }
      if (entries > MAX_MATRIX_MARKET_ENTRIES) {
        this.#fail(
          line,
          `${entries} entries are more than the supported ${MAX_MATRIX_MARKET_ENTRIES}`,
        );
      }
      const capacity = Math.min(entries, INITIAL_CAPACITY);
      this.#rows = new Int32Array(capacity);
      this.#cols = new Int32Array(capacity);
      this.#values = new Float64Array(capacity);
    }
    this.#size = { rows: m, cols: n, entries };
    this.#state = "entries";
  }

  /**
   * Refuses, before allocating, a size line that promises more entries than the input can hold;
   * otherwise a corrupt "100000 100000" would claim 80 GB before failing.
   */
  #checkRoom(entries: number, line: number, minChars: number): void {
    if (this.#lineCount !== undefined) {
      const room = this.#lineCount - line;
      if (entries > room) {
        this.#fail(line, `size line announces ${entries} entries but only ${room} line(s) follow`);
      }
    }
    if (this.#byteLength !== undefined) {
      // Every entry but the last ends with a line break.
      const left = Math.max(0, this.#byteLength - this.#consumed);
      const most = Math.floor((left + 1) / minChars);
      if (entries > most) {
        this.#fail(
          line,
          `size line announces ${entries} entries but the ${left} byte(s) after it hold at most ${most}`,
        );
      }
    }
  }

  #parseCount(field: string, line: number): number {
    if (!INTEGER.test(field) || field.startsWith("-")) {
      this.#fail(line, `size "${field}" is not a non-negative integer`);
    }
    const v = Number(field);
    if (!Number.isSafeInteger(v)) this.#fail(line, `size "${field}" is too large`);
    return v;
  }

  #dense(t: string, line: number): void {
    const fields = t.split(/\s+/);
    if (fields.length !== 1) {
      this.#fail(line, `expected one value per line in an array file, got ${fields.length}`);
    }
    const v = this.#parseValue(t, line);
    const k = this.#read;
    if (k === this.#values.length) {
      this.#values = grow(this.#values, this.#size as MatrixMarketSize);
    }
    this.#values[k] = v;
  }

  /**
   * The common case of `#coordinate` without regular expressions or `split`: plain
   * digits separated by spaces or tabs, a plain number. Returns `false`, having changed nothing,
   * for anything else, which the general path then reads (and reports).
   */
  #fastCoordinate(t: string, line: number): boolean {
    const size = this.#size as MatrixMarketSize;
    const end = t.length;
    let p = 0;
    let i = 0;
    let c = t.charCodeAt(0);
    while (c >= 48 && c <= 57) {
      i = i * 10 + (c - 48);
      c = t.charCodeAt(++p);
    }
    // 1 to 10 digits (a row index is below 2³¹), then a space or a tab.
    if (p === 0 || p > 10 || (c !== 32 && c !== 9) || i < 1 || i > size.rows) return false;
    while (c === 32 || c === 9) c = t.charCodeAt(++p);
    const jStart = p;
    let j = 0;
    while (c >= 48 && c <= 57) {
      j = j * 10 + (c - 48);
      c = t.charCodeAt(++p);
    }
    if (p === jStart || p - jStart > 10 || j < 1 || j > size.cols) return false;
    let v = 1;
    if (this.#pattern) {
      if (p !== end) return false;
    } else {
      if (c !== 32 && c !== 9) return false;
      while (c === 32 || c === 9) c = t.charCodeAt(++p);
      const vStart = p;
      // Digits, signs, points and exponents only: then Number() accepts exactly what REAL does.
      while (p < end) {
        if (
          !(
            (c >= 48 && c <= 57) ||
            c === 43 ||
            c === 45 ||
            (!this.#integer && (c === 46 || c === 69 || c === 101))
          )
        ) {
          return false;
        }
        c = t.charCodeAt(++p);
      }
      v = Number(vStart === 0 ? t : t.slice(vStart));
      if (!Number.isFinite(v)) return false;
    }
    if (this.#symmetric) {
      if (i < j) return false;
      this.#push(i - 1, j - 1, v, line);
      if (i !== j) this.#push(j - 1, i - 1, v, line);
    } else {
      this.#push(i - 1, j - 1, v, line);
    }
    return true;
  }

  #coordinate(t: string, line: number): void {
    const size = this.#size as MatrixMarketSize;
    const fields = t.split(/\s+/);
    const want = this.#pattern ? 2 : 3;
    if (fields.length !== want) {
      this.#fail(
        line,
        `expected ${want === 2 ? "`row column`" : "`row column value`"}, got ${fields.length} field(s): "${t}"`,
      );
    }
    const i = this.#parseIndex(fields[0] as string, size.rows, "row", line);
    const j = this.#parseIndex(fields[1] as string, size.cols, "column", line);
    const v = this.#pattern ? 1 : this.#parseValue(fields[2] as string, line);
    if (this.#symmetric) {
      if (i < j) {
        this.#fail(
          line,
          `entry (${i + 1}, ${j + 1}) lies above the diagonal; a symmetric file stores only row ≥ column`,
        );
      }
      this.#push(i, j, v, line);
      if (i !== j) this.#push(j, i, v, line);
    } else {
      this.#push(i, j, v, line);
    }
  }

  #push(i: number, j: number, v: number, line: number): void {
    const p = this.#stored;
    if (p === this.#rows.length) {
      if (p >= MAX_MATRIX_MARKET_ENTRIES) {
        this.#fail(line, `more than ${MAX_MATRIX_MARKET_ENTRIES} entries`);
      }
      // One array at a time, so that at most one old copy is alive besides the new ones.
      const size = this.#size as MatrixMarketSize;
      this.#rows = grow(this.#rows, size);
      this.#cols = grow(this.#cols, size);
      this.#values = grow(this.#values, size);
    }
    this.#rows[p] = i;
    this.#cols[p] = j;
    this.#values[p] = v;
    this.#stored = p + 1;
    if (j < this.#lastColumn) this.#columnOrder = false;
    this.#lastColumn = j;
  }

  #parseIndex(field: string, size: number, what: string, line: number): number {
    if (!INTEGER.test(field)) this.#fail(line, `${what} index "${field}" is not an integer`);
    const v = Number(field);
    if (v < 1 || v > size) {
      this.#fail(line, `${what} index ${field} is out of range 1..${size} (indices are 1-based)`);
    }
    return v - 1;
  }

  #parseValue(field: string, line: number): number {
    if (this.#integer) {
      if (!INTEGER.test(field)) {
        this.#fail(line, `value "${field}" is not an integer (field "integer")`);
      }
    } else if (!REAL.test(field)) {
      this.#fail(line, `value "${field}" is not a finite decimal number`);
    }
    const v = Number(field);
    if (!Number.isFinite(v)) this.#fail(line, `value "${field}" overflows to ${v}`);
    return v;
  }

  #result(): Tensor | CscMatrix {
    if (this.#state === "banner") {
      parseBanner("", this.#where); // throws: an empty input has no banner
    }
    if (this.#state === "size") {
      // An empty piece after a final line break counts here, as it always has.
      this.#fail(this.#line + (this.#phantom ? 1 : 0), "missing size line after the banner");
    }
    const size = this.#size as MatrixMarketSize;
    if (this.#read < size.entries) {
      this.#fail(this.#line, `file ends after ${this.#read} of ${size.entries} entries`);
    }
    const header = this.#header as MatrixMarketHeader;
    const out = header.format === "array" ? this.#denseResult(size) : this.#sparseResult(size);
    this.#release();
    return out;
  }

  #denseResult(size: MatrixMarketSize): Tensor {
    const { rows: m, cols: n } = size;
    const values = this.#values;
    this.#values = EMPTY_FLOAT;
    // Values come column by column; the tensor is row-major.
    const data = new Float64Array(m * n);
    // An empty matrix has nothing to lay out: without this, "0 2147483647" would spin through
    // two billion empty columns (seconds of work for a 46-byte file).
    if (m * n === 0) return Tensor.fromTypedArray(data, [m, n], { copy: false });
    let k = 0;
    for (let j = 0; j < n; j++) {
      if (this.#symmetric) {
        for (let i = j; i < m; i++) {
          const v = values[k++] as number;
          data[i * n + j] = v;
          data[j * n + i] = v;
        }
      } else {
        for (let i = 0; i < m; i++) data[i * n + j] = values[k++] as number;
      }
    }
    return Tensor.fromTypedArray(data, [m, n], { copy: false });
  }

  #sparseResult(size: MatrixMarketSize): CscMatrix {
    const { rows: m, cols: n } = size;
    const nnz = this.#stored;
    const cols = this.#cols;
    this.#cols = EMPTY_INT;
    // Column pointers by counting; the only allocation of the column count's size.
    const colPtr = new Int32Array(n + 1);
    for (let p = 0; p < nnz; p++) {
      const c = (cols[p] as number) + 1;
      colPtr[c] = (colPtr[c] as number) + 1;
    }
    for (let j = 0; j < n; j++) colPtr[j + 1] = (colPtr[j + 1] as number) + (colPtr[j] as number);
    let rows: Int32Array;
    let values: Float64Array;
    if (this.#columnOrder) {
      // Already grouped by column (the usual layout): keep the arrays, trimmed to size.
      rows = this.#rows.length === nnz ? this.#rows : this.#rows.slice(0, nnz);
      values = this.#values.length === nnz ? this.#values : this.#values.slice(0, nnz);
    } else {
      // Counting sort by column, stable, so repeated positions are summed in file order.
      rows = new Int32Array(nnz);
      values = new Float64Array(nnz);
      const inRows = this.#rows;
      const inValues = this.#values;
      for (let p = 0; p < nnz; p++) {
        const c = cols[p] as number;
        const q = colPtr[c] as number;
        colPtr[c] = q + 1;
        rows[q] = inRows[p] as number;
        values[q] = inValues[p] as number;
      }
      // colPtr[c] now ends column c: shift back to starts.
      for (let j = n; j > 0; j--) colPtr[j] = colPtr[j - 1] as number;
      colPtr[0] = 0;
    }
    this.#rows = EMPTY_INT;
    this.#values = EMPTY_FLOAT;
    const kept = this.#sortAndCompact(colPtr, rows, values, n);
    if (kept < nnz) {
      rows = rows.slice(0, kept);
      values = values.slice(0, kept);
    }
    return new CscMatrix(m, n, colPtr, rows, values);
  }

  /**
   * Sorts each column by row (stably), sums repeated positions in file order and drops zeros,
   * in place, as `CscMatrix.fromTriplets` does. Returns the number of entries kept.
   */
  #sortAndCompact(colPtr: Int32Array, rows: Int32Array, values: Float64Array, n: number): number {
    let w = 0;
    let start = 0;
    for (let j = 0; j < n; j++) {
      const end = colPtr[j + 1] as number;
      for (let p = start + 1; p < end; p++) {
        if ((rows[p] as number) < (rows[p - 1] as number)) {
          sortSegment(rows, values, start, end);
          break;
        }
      }
      let p = start;
      while (p < end) {
        const r = rows[p] as number;
        let s = values[p++] as number;
        while (p < end && rows[p] === r) s += values[p++] as number;
        if (s === 0) continue;
        if (!Number.isFinite(s)) {
          this.#fail(
            this.#line,
            `repeated entries at (${r + 1}, ${j + 1}) sum to ${s}, which a matrix cannot hold`,
          );
        }
        rows[w] = r;
        values[w++] = s;
      }
      colPtr[j + 1] = w;
      start = end;
    }
    return w;
  }
}

/** Sorts `rows[start..end)` (and `values` alongside) by row, keeping ties in order. */
function sortSegment(rows: Int32Array, values: Float64Array, start: number, end: number): void {
  const r = rows.slice(start, end);
  const v = values.slice(start, end);
  const order = new Int32Array(end - start);
  for (let t = 0; t < order.length; t++) order[t] = t;
  order.sort((a, b) => (r[a] as number) - (r[b] as number) || a - b);
  for (let t = 0; t < order.length; t++) {
    rows[start + t] = r[order[t] as number] as number;
    values[start + t] = v[order[t] as number] as number;
  }
}

/**
 * A copy with twice the room (at least 16), or exactly the announced count when that is less:
 * never more than twice what has been read, so a lying size line cannot make it allocate.
 */
function grow<T extends Int32Array | Float64Array>(array: T, size: MatrixMarketSize): T {
  const length = array.length;
  let next = Math.max(16, length * 2);
  if (size.entries > length && size.entries < next) next = size.entries;
  next = Math.min(next, MAX_MATRIX_MARKET_ENTRIES);
  const out = new (array.constructor as new (length: number) => T)(next);
  out.set(array);
  return out;
}

function parseBanner(line: string, where: string): MatrixMarketHeader {
  const fail = (detail: string): never => {
    throw new ParseError(where, 1, detail);
  };
  const t = line.trim();
  const fields = t === "" ? [] : t.split(/\s+/);
  if (fields[0]?.toLowerCase() !== BANNER.toLowerCase()) {
    fail(`expected the banner "${BANNER} matrix <format> <field> <symmetry>"`);
  }
  if (fields.length !== 5) {
    fail(`banner must hold 5 words, got ${fields.length}: "${t}"`);
  }
  const [, object, format, field, symmetry] = fields.map((f) => f.toLowerCase()) as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (object !== "matrix") fail(`unsupported object "${object}" (only "matrix")`);
  const oneOf = <T extends string>(word: string, allowed: readonly T[], what: string): T => {
    if (!(allowed as readonly string[]).includes(word)) {
      fail(`unsupported ${what} "${word}" (supported: ${allowed.join(", ")})`);
    }
    return word as T;
  };
  const header: MatrixMarketHeader = {
    format: oneOf(format, FORMATS, "format"),
    field: oneOf(field, FIELDS, "field"),
    symmetry: oneOf(symmetry, SYMMETRIES, "symmetry"),
  };
  if (header.format === "array" && header.field === "pattern") {
    fail(`field "pattern" is only valid for coordinate files`);
  }
  return header;
}
