import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../src/errors.js";
import { splitLines } from "../src/io/files.js";
import { forEachLine, LINE_READER_CHUNK_BYTES, LineReader } from "../src/io/lines.js";
import { tempDir } from "./helpers.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Every line of `path`, read `chunk` bytes at a time. */
function linesOf(path: string, chunk = LINE_READER_CHUNK_BYTES): string[] {
  const reader = LineReader.open(path, "input", chunk);
  const out: string[] = [];
  try {
    for (let line = reader.next(); line !== null; line = reader.next()) {
      out.push(line);
      expect(reader.lineNumber).toBe(out.length);
    }
  } finally {
    reader.close();
  }
  return out;
}

function cliMessage(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error("expected a CliError");
}

describe("LineReader", () => {
  it("splits at \\n and \\r\\n without a phantom last line, like splitLines", () => {
    const cases = ["", "a", "a\n", "a\r\nb\n", "a\n\nb", "\n", "\r\n\r\n", "x\ry\n", "a\nb\r"];
    for (const text of cases) {
      const path = tmp.write("case.txt", text);
      for (const chunk of [1, 2, 3, 64]) expect(linesOf(path, chunk)).toEqual(splitLines(text));
    }
  });

  it("drops a leading byte-order mark, only at the start", () => {
    const path = tmp.write("bom.txt", "\ufeffone\n\ufefftwo\n");
    expect(linesOf(path)).toEqual(["one", "\ufefftwo"]);
    expect(linesOf(path, 1)).toEqual(["one", "\ufefftwo"]);
  });

  it("decodes multi-byte characters split between 64 KiB chunks", () => {
    // "€" (3 bytes) straddles the first chunk boundary, "😀" (4 bytes) the second, and "\r\n"
    // the third.
    const first = `${"a".repeat(LINE_READER_CHUNK_BYTES - 1)}€`;
    const second = `${"b".repeat(LINE_READER_CHUNK_BYTES - 6)}😀é`;
    const third = "c".repeat(LINE_READER_CHUNK_BYTES - 8);
    const text = `${first}\n${second}\n${third}\r\nlast ✓`;
    const path = tmp.write("utf8.txt", text);
    const lines = linesOf(path);
    expect(lines).toEqual([first, second, third, "last ✓"]);
    expect(lines).toEqual(splitLines(readFileSync(path, "utf8")));
  });

  it("reads lines longer than a chunk", () => {
    const long = "x".repeat(3 * LINE_READER_CHUNK_BYTES + 17);
    const path = tmp.write("long.txt", `short\n${long}\n${long}y`);
    expect(linesOf(path)).toEqual(["short", long, `${long}y`]);
  });

  it("reads any text as readFileSync + splitLines does, whatever the chunk size (fast-check)", () => {
    const piece = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 6 }),
      fc.constantFrom("\n", "\r\n", "\r", "€", "😀", "\u00e9", "\ud800"),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.integer({ min: 1, max: 9 }),
        (parts, n) => {
          const text = parts.join("");
          const path = tmp.write("prop.txt", text);
          const expected = splitLines(readFileSync(path, "utf8").replace(/^\ufeff/, ""));
          expect(linesOf(path, n)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reports its size and the bytes read, and closes twice safely", () => {
    const path = tmp.write("size.txt", "12345\n6789\n");
    const reader = LineReader.open(path, "input", 4);
    expect(reader.byteLength).toBe(11);
    expect(reader.bytesRead).toBe(0);
    expect(reader.next()).toBe("12345");
    expect(reader.bytesRead).toBe(8);
    expect(reader.next()).toBe("6789");
    expect(reader.next()).toBeNull();
    expect(reader.bytesRead).toBe(11);
    reader.close();
    reader.close();
    expect(reader.next()).toBeNull();
  });

  it("names the file when it cannot be read", () => {
    expect(cliMessage(() => LineReader.open(join(tmp.dir, "missing.txt"), "input"))).toMatch(
      /^cannot read input '.*missing.txt': no such file or directory$/,
    );
    const folder = join(tmp.dir, "folder.mtx");
    mkdirSync(folder);
    expect(cliMessage(() => LineReader.open(folder, "input"))).toMatch(/is a directory$/);
    expect(() => LineReader.open(tmp.write("z.txt", ""), "input", 0)).toThrow(RangeError);
  });
});

describe("forEachLine", () => {
  it("passes 1-based line numbers, reports chunks and closes the file on errors", () => {
    const path = tmp.write("each.txt", "a\nb\nc\n");
    const seen: [string, number][] = [];
    const chunks: [number, number | undefined][] = [];
    forEachLine(
      path,
      "input",
      (line, n) => seen.push([line, n]),
      (done, total) => chunks.push([done, total]),
    );
    expect(seen).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    expect(chunks.at(-1)).toEqual([6, 6]);
    expect(() =>
      forEachLine(path, "input", (_, n) => {
        if (n === 2) throw new Error("stop");
      }),
    ).toThrow("stop");
  });
});
