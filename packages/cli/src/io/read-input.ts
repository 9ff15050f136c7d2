import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { compareCodePoints, createMatrixMarketReader, ParseError } from "@neural-nmf/text";
import { CliError, fileError } from "../errors.js";
import { readTextFile } from "./files.js";
import { forEachLine, LineReader } from "./lines.js";

/** The three kinds of input the CLI reads. */
export type InputKind = "matrix-market" | "text-folder" | "jsonl";

/** A features × samples matrix read from a Matrix Market file. */
export interface MatrixInput {
  readonly kind: "matrix-market";
  /** Dense `array` files give a Tensor, sparse `coordinate` files a CscMatrix. */
  readonly matrix: Tensor | CscMatrix;
}

/** Documents read from a folder of `.txt` files or a JSON-lines file. */
export interface TextInput {
  readonly kind: "text-folder" | "jsonl";
  /** One string per document, in column order. */
  readonly documents: string[];
  /** Where each document came from: file names, or `line N` for JSON lines. */
  readonly sources: string[];
  /**
   * Labels found in the input (the `label` field of JSON lines) as text, `null` where a document
   * has none; `null` when no document has a label.
   */
  readonly labels: (string | null)[] | null;
}

/** What {@link readInput} returns. */
export type Input = MatrixInput | TextInput;

/** How far {@link readInput} has got, reported after each chunk of a file (or each file). */
export interface InputProgress {
  /** Bytes read so far (files read, for a folder). */
  readonly done: number;
  /**
   * The file's size in bytes (the number of `.txt` files, for a folder); undefined when it is
   * not known in advance (a pipe).
   */
  readonly total: number | undefined;
  /** `"bytes"` for a Matrix Market or JSON-lines file, `"files"` for a folder. */
  readonly unit: "bytes" | "files";
  /** Matrix Market entries (values of a dense file) or documents read so far. */
  readonly items: number;
  /** What {@link InputProgress.items} counts. */
  readonly itemName: "entries" | "documents";
}

/** Options of {@link readInput} and the readers behind it. */
export interface ReadInputOptions {
  /** Called as the input is read, e.g. to draw a progress bar; see {@link InputProgress}. */
  readonly onProgress?: (progress: InputProgress) => void;
}

const MATRIX_MARKET_BANNER = "%%matrixmarket";

/**
 * Tells the kind of an input path: a folder is a folder of text files, `.mtx` a Matrix Market
 * file, `.jsonl` / `.ndjson` JSON lines; another file is a Matrix Market file if it starts with
 * the `%%MatrixMarket` banner.
 * @throws {@link CliError} when the path cannot be read or its kind is unknown.
 */
export function detectInputKind(path: string): InputKind {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw fileError(error, "read input", path);
  }
  if (isFolder) return "text-folder";
  const ext = extname(path).toLowerCase();
  if (ext === ".mtx") return "matrix-market";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (startsWithBanner(path)) return "matrix-market";
  throw new CliError(
    `cannot tell what kind of input '${path}' is: expected a Matrix Market file (.mtx), a JSON-lines file (.jsonl) or a folder of .txt files`,
  );
}

function startsWithBanner(path: string): boolean {
  const buffer = Buffer.alloc(MATRIX_MARKET_BANNER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString("utf8", 0, n).toLowerCase() === MATRIX_MARKET_BANNER;
  } catch (error) {
    throw fileError(error, "read input", path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads an input of any kind (see {@link detectInputKind}). Files are read line by line, never
 * whole: a Matrix Market file is fed to `createMatrixMarketReader` from `@neural-nmf/text`, so
 * the peak memory is about twice that of the matrix's arrays.
 * @throws {@link CliError} for unreadable or malformed input, naming the file and line.
 */
export function readInput(path: string, options: ReadInputOptions = {}): Input {
  const kind = detectInputKind(path);
  if (kind === "matrix-market") return { kind, matrix: readMatrixMarketFile(path, options) };
  return kind === "text-folder" ? readTextFolder(path, options) : readJsonLines(path, options);
}

/**
 * Reads and parses a Matrix Market file (features × samples), line by line. Sizes on the size
 * line are checked before anything is allocated (see `MAX_MATRIX_MARKET_DIMENSION` and
 * `MAX_MATRIX_MARKET_COLUMNS` in `@neural-nmf/text`), and a size line announcing more entries
 * than the rest of the file can hold is refused at once.
 * @throws {@link CliError} `<path>: line N: <problem>` for malformed files.
 */
export function readMatrixMarketFile(
  path: string,
  options: ReadInputOptions = {},
): Tensor | CscMatrix {
  const { onProgress } = options;
  const lines = LineReader.open(path, "input");
  try {
    const parser = createMatrixMarketReader(
      lines.byteLength === undefined ? {} : { byteLength: lines.byteLength },
    );
    const report = (done: number) =>
      onProgress?.({
        done,
        total: lines.byteLength,
        unit: "bytes",
        items: parser.entryCount,
        itemName: "entries",
      });
    // A chunk is reported once all its lines are parsed: when the next one has been read.
    let read = 0;
    for (let line = lines.next(); line !== null; line = lines.next()) {
      if (lines.bytesRead !== read) {
        if (read > 0) report(read);
        read = lines.bytesRead;
      }
      parser.line(line);
    }
    report(lines.bytesRead);
    return parser.finish();
  } catch (error) {
    if (error instanceof ParseError) {
      // The parser's own fields, not its message: the CLI names the file, not the function.
      throw new CliError(`${path}: line ${error.line}: ${error.detail}`, { cause: error });
    }
    throw error;
  } finally {
    lines.close();
  }
}

/**
 * Reads every `.txt` file of a folder (not its subfolders), one document per file, in code-point
 * order of the file names.
 * @throws {@link CliError} when the folder holds no `.txt` file or a file cannot be read.
 */
export function readTextFolder(path: string, options: ReadInputOptions = {}): TextInput {
  let names: string[];
  try {
    names = readdirSync(path).filter((name) => name.toLowerCase().endsWith(".txt"));
  } catch (error) {
    throw fileError(error, "read input folder", path);
  }
  names = names.filter((name) => isFile(join(path, name))).sort(compareCodePoints);
  if (names.length === 0) {
    throw new CliError(`input folder '${path}' holds no .txt files`);
  }
  const documents = names.map((name, k) => {
    const text = readTextFile(join(path, name), "document");
    options.onProgress?.({
      done: k + 1,
      total: names.length,
      unit: "files",
      items: k + 1,
      itemName: "documents",
    });
    return text;
  });
  return { kind: "text-folder", documents, sources: names, labels: null };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a JSON-lines file: one `{ "text": "...", "label"?: ... }` object per line (blank lines
 * are skipped). A label is an integer class or a class name; `null` or no label means unknown.
 * @throws {@link CliError} `<path>: line N: <problem>` for a malformed line.
 */
export function readJsonLines(path: string, options: ReadInputOptions = {}): TextInput {
  const { onProgress } = options;
  const documents: string[] = [];
  const sources: string[] = [];
  const labels: (string | null)[] = [];
  let labelled = false;
  const onLine = (line: string, lineNumber: number) => {
    if (line.trim() === "") return;
    const where = `${path}: line ${lineNumber}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`${where}: invalid JSON (${reason})`, { cause: error });
    }
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw new CliError(`${where}: expected an object such as {"text": "..."}`);
    }
    const { text, label } = record as { text?: unknown; label?: unknown };
    if (typeof text !== "string") {
      throw new CliError(`${where}: field "text" must be a string`);
    }
    documents.push(text);
    sources.push(`line ${lineNumber}`);
    if (label === undefined || label === null) {
      labels.push(null);
    } else if (typeof label === "string") {
      labels.push(label);
      labelled = true;
    } else if (typeof label === "number" && Number.isInteger(label)) {
      labels.push(String(label));
      labelled = true;
    } else {
      throw new CliError(`${where}: field "label" must be an integer or a string`);
    }
  };
  forEachLine(
    path,
    "input",
    onLine,
    onProgress === undefined
      ? undefined
      : (done, total) =>
          onProgress({
            done,
            total,
            unit: "bytes",
            items: documents.length,
            itemName: "documents",
          }),
  );
  if (documents.length === 0) throw new CliError(`input '${path}' holds no documents`);
  return { kind: "jsonl", documents, sources, labels: labelled ? labels : null };
}
