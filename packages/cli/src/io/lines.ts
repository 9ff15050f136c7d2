import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { fileError } from "../errors.js";

/** Bytes read from the file at a time by {@link LineReader}. */
export const LINE_READER_CHUNK_BYTES = 64 * 1024;

/**
 * Reads a UTF-8 text file line by line, synchronously, holding only one chunk of
 * {@link LINE_READER_CHUNK_BYTES} bytes (and the line being assembled) at a time — never the
 * whole file as one string.
 *
 * Lines end at `\n` or `\r\n`; the empty piece after a final line break is not a line (as
 * `splitLines` does); a leading byte-order mark is dropped; a multi-byte character split
 * between two chunks is decoded whole; invalid UTF-8 becomes U+FFFD, as `readFileSync(path,
 * "utf8")` does.
 *
 * @example
 * ```ts
 * const lines = LineReader.open("data.mtx", "input");
 * try {
 *   for (let line = lines.next(); line !== null; line = lines.next()) use(line, lines.lineNumber);
 * } finally {
 *   lines.close();
 * }
 * ```
 */
export class LineReader {
  /** The file, for messages. */
  readonly path: string;
  /** What the file is, for messages: `"input"`, `"labels file"`, ... */
  readonly what: string;
  /** Size of the file in bytes when it was opened; undefined for a pipe or a device. */
  readonly byteLength: number | undefined;
  readonly #fd: number;
  readonly #buffer: Uint8Array;
  readonly #decoder = new TextDecoder("utf-8");
  #text = "";
  #start = 0;
  /** Where to look for the next `\n`: the text before it has none. */
  #searchFrom = 0;
  #eof = false;
  #closed = false;
  #bytesRead = 0;
  #lineNumber = 0;

  private constructor(
    path: string,
    what: string,
    fd: number,
    byteLength: number | undefined,
    chunkBytes: number,
  ) {
    this.#buffer = new Uint8Array(chunkBytes);
    this.path = path;
    this.what = what;
    this.#fd = fd;
    this.byteLength = byteLength;
  }

  /**
   * Opens `path` for reading.
   * @param what - what the file is, for messages (`cannot read <what> '<path>': <reason>`).
   * @param chunkBytes - bytes read at a time (tests use tiny chunks to split characters).
   * @throws `CliError` when the file cannot be opened or is a folder.
   */
  static open(path: string, what: string, chunkBytes = LINE_READER_CHUNK_BYTES): LineReader {
    if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
      throw new RangeError(`LineReader: chunkBytes must be a positive integer, got ${chunkBytes}`);
    }
    let fd: number | undefined;
    try {
      fd = openSync(path, "r");
      const stats = fstatSync(fd);
      if (stats.isDirectory()) {
        throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      }
      return new LineReader(path, what, fd, stats.isFile() ? stats.size : undefined, chunkBytes);
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      throw fileError(error, `read ${what}`, path);
    }
  }

  /** Bytes read from the file so far. */
  get bytesRead(): number {
    return this.#bytesRead;
  }

  /** 1-based number of the last line returned by {@link next} (0 before the first). */
  get lineNumber(): number {
    return this.#lineNumber;
  }

  /**
   * The next line without its line break, or `null` at the end of the file.
   * @throws `CliError` when reading fails.
   */
  next(): string | null {
    for (;;) {
      const text = this.#text;
      const end = text.indexOf("\n", this.#searchFrom);
      if (end >= 0) {
        const stop = end > this.#start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
        const line = text.slice(this.#start, stop);
        this.#start = end + 1;
        this.#searchFrom = end + 1;
        this.#lineNumber++;
        return line;
      }
      if (this.#eof) {
        if (this.#start >= text.length) return null;
        const line = text.slice(this.#start);
        this.#start = text.length;
        this.#lineNumber++;
        return line;
      }
      this.#fill();
    }
  }

  /** Closes the file; further {@link next} calls return `null`. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#eof = true;
    this.#text = "";
    this.#start = 0;
    closeSync(this.#fd);
  }

  /** Reads the next chunk, keeping the unfinished line before it. */
  #fill(): void {
    const rest = this.#start === 0 ? this.#text : this.#text.slice(this.#start);
    let n: number;
    try {
      n = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, null);
    } catch (error) {
      throw fileError(error, `read ${this.what}`, this.path);
    }
    this.#bytesRead += n;
    let decoded: string;
    if (n === 0) {
      this.#eof = true;
      decoded = this.#decoder.decode();
    } else {
      decoded = this.#decoder.decode(this.#buffer.subarray(0, n), { stream: true });
    }
    this.#text = rest === "" ? decoded : rest + decoded;
    this.#start = 0;
    this.#searchFrom = rest.length;
  }
}

/**
 * Calls `onLine` for every line of a text file (see {@link LineReader}), then closes it, also
 * when `onLine` throws.
 * @param onChunk - called with the bytes handled so far and the file's size each time all the
 *   lines of a chunk have been handled (and once at the end), e.g. for progress.
 * @throws `CliError` when the file cannot be read, or whatever `onLine` throws.
 */
export function forEachLine(
  path: string,
  what: string,
  onLine: (line: string, lineNumber: number) => void,
  onChunk?: (bytesRead: number, byteLength: number | undefined) => void,
): void {
  const reader = LineReader.open(path, what);
  try {
    // A chunk is reported once all its lines are handled: when the next one has been read.
    let handled = 0;
    let read = 0;
    for (let line = reader.next(); line !== null; line = reader.next()) {
      if (reader.bytesRead !== read) {
        if (onChunk !== undefined && read > handled) onChunk((handled = read), reader.byteLength);
        read = reader.bytesRead;
      }
      onLine(line, reader.lineNumber);
    }
    onChunk?.(reader.bytesRead, reader.byteLength);
  } finally {
    reader.close();
  }
}
