import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { formatMatrixMarket } from "@neural-nmf/text";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../src/errors.js";
import { checkWritable, splitLines } from "../src/io/files.js";
import {
  checkKnownHaveLabels,
  MAX_CLASSES,
  readKnownFile,
  readLabelsFile,
  readVocabularyFile,
  resolveLabels,
} from "../src/io/labels.js";
import {
  detectInputKind,
  type InputProgress,
  readInput,
  readJsonLines,
  readMatrixMarketFile,
  readTextFolder,
} from "../src/io/read-input.js";
import { DOCUMENTS, lowRankMatrix, tempDir } from "./helpers.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function cliMessage(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error("expected a CliError");
}

describe("detectInputKind", () => {
  it("tells folders, .mtx, .jsonl and banner-led files apart", () => {
    const folder = join(tmp.dir, "kinds");
    mkdirSync(folder);
    expect(detectInputKind(folder)).toBe("text-folder");
    expect(detectInputKind(tmp.write("a.mtx", ""))).toBe("matrix-market");
    expect(detectInputKind(tmp.write("a.jsonl", ""))).toBe("jsonl");
    expect(detectInputKind(tmp.write("a.dat", "%%MatrixMarket matrix array real general\n"))).toBe(
      "matrix-market",
    );
    expect(cliMessage(() => detectInputKind(tmp.write("a.csv", "1,2\n")))).toMatch(
      /cannot tell what kind of input/,
    );
    expect(cliMessage(() => detectInputKind(join(tmp.dir, "missing.mtx")))).toMatch(
      /cannot read input '.*missing.mtx': no such file or directory/,
    );
  });
});

describe("Matrix Market input", () => {
  it("reads dense and sparse files", () => {
    const x = lowRankMatrix(5, 4, 2, 1);
    const dense = readInput(tmp.write("dense.mtx", formatMatrixMarket(x)));
    expect(dense.kind).toBe("matrix-market");
    expect(dense.kind === "matrix-market" && dense.matrix).toBeInstanceOf(Tensor);
    const sparse = readInput(tmp.write("sparse.mtx", formatMatrixMarket(CscMatrix.fromDense(x))));
    expect(sparse.kind === "matrix-market" && sparse.matrix).toBeInstanceOf(CscMatrix);
  });

  it("reports the file and line of a malformed entry", () => {
    const path = tmp.write(
      "bad.mtx",
      "%%MatrixMarket matrix coordinate real general\n% comment\n3 3 2\n1 1 1.5\n2 x 2\n",
    );
    expect(cliMessage(() => readInput(path))).toBe(
      `${path}: line 5: column index "x" is not an integer`,
    );
  });
});

describe("Matrix Market input, streamed", () => {
  it("reads a file larger than a chunk line by line, reporting bytes and entries", () => {
    const m = 300;
    const n = 400;
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    for (let j = 0; j < n; j++) {
      for (let i = j % 3; i < m; i += 7) {
        rows.push(i);
        cols.push(j);
        vals.push((i + 1) / (j + 1));
      }
    }
    const a = CscMatrix.fromTriplets(m, n, rows, cols, vals);
    const text = formatMatrixMarket(a, { comment: " entries: ünïcödé €" });
    expect(text.length).toBeGreaterThan(3 * 65536);
    const path = tmp.write("streamed.mtx", `\ufeff${text.replaceAll("\n", "\r\n")}`);
    const events: InputProgress[] = [];
    const input = readInput(path, { onProgress: (p) => events.push(p) });
    const b = input.kind === "matrix-market" ? (input.matrix as CscMatrix) : null;
    expect(Array.from(b?.colPtr ?? [])).toEqual(Array.from(a.colPtr));
    expect(Array.from(b?.rowIndices ?? [])).toEqual(Array.from(a.rowIndices));
    expect(Array.from(b?.values ?? [])).toEqual(Array.from(a.values));
    const size = statSync(path).size;
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(events.every((e) => e.total === size && e.unit === "bytes")).toBe(true);
    expect(events.every((e) => e.itemName === "entries")).toBe(true);
    const done = events.map((e) => e.done);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(events.at(-1)).toMatchObject({ done: size, items: a.nnz });
  });

  const hostile: [string, string, RegExp][] = [
    ["2e9 × 2e9", "2000000000 2000000000 1", /more than the supported 100000000 columns/],
    ["2³¹ − 1 columns", "1 2147483647 1", /2147483647 columns are more than the supported/],
    ["3e9 rows", "3000000000 5 1", /exceeds the largest supported dimension, 2147483647/],
    ["a lying entry count", "10 10 2000000000", /announces 2000000000 entries but the 6 byte/],
  ];
  for (const [name, size, message] of hostile) {
    it(`refuses a hostile size line at once, allocating nothing large: ${name}`, () => {
      const text = `%%MatrixMarket matrix coordinate real general\n${size}\n1 1 1\n`;
      const path = tmp.write("hostile.mtx", text);
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      const error = cliMessage(() => readMatrixMarketFile(path));
      expect(error).toMatch(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line 2: `),
      );
      expect(error).toMatch(message);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(50e6);
    });
  }

  it("refuses a dense size line that the file is too small to hold", () => {
    const path = tmp.write(
      "dense-lie.mtx",
      "%%MatrixMarket matrix array real general\n40000 40000\n1\n",
    );
    expect(cliMessage(() => readMatrixMarketFile(path))).toMatch(
      /: line 2: size line announces 1600000000 entries but the 2 byte\(s\) after it hold at most 1$/,
    );
  });
});

describe("text folders", () => {
  it("reads .txt files in name order and ignores other files", () => {
    const folder = join(tmp.dir, "docs");
    mkdirSync(folder);
    mkdirSync(join(folder, "sub.txt"));
    tmp.write("docs/b.txt", "second");
    tmp.write("docs/a.txt", "first");
    tmp.write("docs/C.TXT", "upper");
    tmp.write("docs/readme.md", "not a document");
    const input = readTextFolder(folder);
    expect(input.sources).toEqual(["C.TXT", "a.txt", "b.txt"]);
    expect(input.documents).toEqual(["upper", "first", "second"]);
    expect(input.labels).toBeNull();
  });

  it("reports the files read", () => {
    const folder = join(tmp.dir, "progress");
    mkdirSync(folder);
    tmp.write("progress/a.txt", "one");
    tmp.write("progress/b.txt", "two");
    const events: InputProgress[] = [];
    readInput(folder, { onProgress: (p) => events.push(p) });
    expect(events.map((e) => [e.done, e.total, e.unit])).toEqual([
      [1, 2, "files"],
      [2, 2, "files"],
    ]);
  });

  it("refuses a folder without .txt files", () => {
    const folder = join(tmp.dir, "empty");
    mkdirSync(folder);
    expect(cliMessage(() => readTextFolder(folder))).toMatch(/holds no .txt files/);
  });

  it("reads the helper corpus", () => {
    const folder = join(tmp.dir, "corpus");
    mkdirSync(folder);
    for (const [name, text] of Object.entries(DOCUMENTS)) tmp.write(`corpus/${name}`, text);
    expect(readTextFolder(folder).documents).toHaveLength(9);
  });
});

describe("JSON lines", () => {
  it("reads texts and labels, skipping blank lines", () => {
    const path = tmp.write(
      "c.jsonl",
      '{"text":"one","label":"pets"}\n\n{"text":"two"}\r\n{"text":"three","label":2}\n',
    );
    expect(readJsonLines(path)).toEqual({
      kind: "jsonl",
      documents: ["one", "two", "three"],
      sources: ["line 1", "line 3", "line 4"],
      labels: ["pets", null, "2"],
    });
  });

  it("reads BOM, CRLF and multi-byte text line by line, with progress", () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ text: `document ${i}: naïve café — 😀 ${"é".repeat(i % 50)}` }),
    );
    const path = tmp.write("big.jsonl", `\ufeff${lines.join("\r\n")}\r\n`);
    const events: InputProgress[] = [];
    const input = readJsonLines(path, { onProgress: (p) => events.push(p) });
    expect(input.documents).toHaveLength(3000);
    expect(input.documents[2999]).toBe(JSON.parse(lines[2999] as string).text);
    expect(input.sources[0]).toBe("line 1");
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)).toMatchObject({
      done: statSync(path).size,
      total: statSync(path).size,
      items: 3000,
      itemName: "documents",
    });
  });

  it("has null labels when no line has one", () => {
    expect(readJsonLines(tmp.write("d.jsonl", '{"text":"a"}\n')).labels).toBeNull();
  });

  it.each([
    ['{"text":"a"}\n{"text":', /line 2: invalid JSON/],
    ['["a"]', /line 1: expected an object/],
    ['{"body":"a"}', /line 1: field "text" must be a string/],
    ['{"text":"a","label":1.5}', /line 1: field "label" must be an integer or a string/],
    ["\n\n", /holds no documents/],
  ])("refuses %j", (content, message) => {
    expect(cliMessage(() => readJsonLines(tmp.write("bad.jsonl", content)))).toMatch(message);
  });
});

describe("labels", () => {
  it("reads integer labels; negative, empty and ? are unknown", () => {
    const labels = readLabelsFile(tmp.write("l1.txt", "0\n2\n\n?\n-1\n1\n"), 6);
    expect(Array.from(labels.values)).toEqual([0, 2, -1, -1, -1, 1]);
    expect(labels.names).toBeNull();
    expect(labels.classes).toBe(3);
  });

  it("numbers class names by first appearance, after the model's names", () => {
    const labels = readLabelsFile(tmp.write("l2.txt", "dog\ncat\ndog\n?\n"), 4);
    expect(Array.from(labels.values)).toEqual([0, 1, 0, -1]);
    expect(labels.names).toEqual(["dog", "cat"]);
    const again = resolveLabels(["cat", "bird"], () => "x", ["dog", "cat"]);
    expect(Array.from(again.values)).toEqual([1, 2]);
    expect(again.names).toEqual(["dog", "cat", "bird"]);
  });

  it("needs one line per column and at least one label", () => {
    expect(cliMessage(() => readLabelsFile(tmp.write("l3.txt", "0\n1\n"), 3))).toMatch(
      /has 2 line\(s\) but the input has 3 column\(s\)/,
    );
    expect(cliMessage(() => readLabelsFile(tmp.write("l4.txt", "?\n\n"), 2))).toMatch(
      /no labels given/,
    );
    expect(cliMessage(() => readLabelsFile(join(tmp.dir, "nope.txt"), 2))).toMatch(
      /cannot read labels file '.*nope.txt': no such file or directory/,
    );
  });
});

describe("class numbers are checked before anything of their size exists", () => {
  const lines = (values: (number | string)[]) => `${values.join("\n")}\n`;

  it("refuses 1000000 in a 90-line file, naming the file and line and how to renumber", () => {
    const values: (number | string)[] = Array.from({ length: 90 }, (_, j) => j % 3);
    values[41] = 1_000_000;
    const path = tmp.write("big.txt", lines(values));
    const started = performance.now();
    const message = cliMessage(() => readLabelsFile(path, 90));
    expect(performance.now() - started).toBeLessThan(50);
    expect(message).toBe(
      `${path}: line 42: class 1000000 is too large: integer labels are class numbers 0 … c − 1, so it would make 1000001 classes, but there are only 90 labelled column(s) (and at most ${MAX_CLASSES} classes); renumber the classes 0, 1, 2, … or write class names, which are numbered automatically`,
    );
  });

  it("allows as many classes as labelled columns, not one more", () => {
    expect(resolveLabels(["0", "3", "1", "2"], () => "x").classes).toBe(4);
    // 1-based labels with a class per column: 5 classes for 4 columns.
    expect(
      cliMessage(() => resolveLabels(["1", "2", "3", "4"], (i) => `f: line ${i + 1}`)),
    ).toMatch(
      /^f: line 4: class 4 is too large: .* 5 classes, but there are only 4 labelled column\(s\)/,
    );
    // Unknown (empty, ?, negative) lines do not count as labelled.
    expect(
      cliMessage(() => resolveLabels(["0", null, "-1", "2"], (i) => `f: line ${i + 1}`)),
    ).toMatch(/^f: line 4: class 2 is too large: .* only 2 labelled column/);
  });

  it("names the first occurrence of the largest label; refuses unsafe integers", () => {
    expect(cliMessage(() => resolveLabels(["9", "0", "9"], (i) => `f: line ${i + 1}`))).toMatch(
      /^f: line 1: class 9/,
    );
    expect(
      cliMessage(() => resolveLabels(["0", "99999999999999999999"], (i) => `f: line ${i + 1}`)),
    ).toMatch(/^f: line 2: class 99999999999999999999 is too large/);
  });

  it("accepts a saved model's classes on a small sample (eval)", () => {
    const sample = resolveLabels(["7", "2"], () => "x", { modelClasses: 8 });
    expect(sample.classes).toBe(8);
    expect(cliMessage(() => resolveLabels(["8", "2"], () => "x", { modelClasses: 8 }))).toMatch(
      /9 classes, but there are only 2 labelled column\(s\) and the model has 8 classes/,
    );
  });

  it(`limits classes to ${MAX_CLASSES}, names included`, () => {
    const many = Array.from({ length: MAX_CLASSES + 5 }, (_, j) => String(j));
    expect(cliMessage(() => resolveLabels(many, (i) => `f: line ${i + 1}`))).toMatch(
      new RegExp(`^f: line ${MAX_CLASSES + 5}: class ${MAX_CLASSES + 4} is too large`),
    );
    const names = Array.from({ length: MAX_CLASSES + 1 }, (_, j) => `c${j}`);
    expect(cliMessage(() => resolveLabels(names, (i) => `f: line ${i + 1}`))).toBe(
      `f: line ${MAX_CLASSES + 1}: class 'c${MAX_CLASSES}' is one more than the ${MAX_CLASSES} classes supported`,
    );
  });

  it("applies to JSON-lines labels too, naming the input line", () => {
    const path = tmp.write(
      "big.jsonl",
      [0, 1, 0, 123456].map((label) => JSON.stringify({ text: "cats", label })).join("\n"),
    );
    const input = readJsonLines(path);
    expect(
      cliMessage(() =>
        resolveLabels(input.labels as string[], (i) => `${path}: ${input.sources[i]}`),
      ),
    ).toMatch(/big\.jsonl: line 4: class 123456 is too large/);
  });
});

describe("known columns", () => {
  it("reads sorted 0-based indices", () => {
    expect(Array.from(readKnownFile(tmp.write("k1.txt", "3\n0\n\n1\n"), 4))).toEqual([0, 1, 3]);
  });

  it.each([
    ["0\nx\n", /line 2: expected a 0-based column index, got 'x'/],
    ["0\n4\n", /line 2: column index 4 is out of range 0..3/],
    ["1\n2\n1\n", /line 3: column index 1 is repeated \(first on line 1\)/],
    ["\n", /lists no column/],
  ])("refuses %j", (content, message) => {
    expect(cliMessage(() => readKnownFile(tmp.write("k2.txt", content), 4))).toMatch(message);
  });

  it("insists that known columns have labels", () => {
    const labels = resolveLabels(["0", null, "1"], () => "x");
    expect(() => checkKnownHaveLabels(Int32Array.of(0, 2), labels, "k")).not.toThrow();
    expect(cliMessage(() => checkKnownHaveLabels(Int32Array.of(1), labels, "k"))).toMatch(
      /lists column 1, whose label is unknown/,
    );
  });
});

describe("files", () => {
  it("splits lines without a phantom last line", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a\r\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\n\n")).toEqual(["a", ""]);
  });

  it("reads vocabularies of the right length", () => {
    expect(readVocabularyFile(tmp.write("v.txt", "cat\n dog \n"), 2)).toEqual(["cat", "dog"]);
    expect(cliMessage(() => readVocabularyFile(tmp.write("v2.txt", "cat\n"), 2))).toMatch(
      /has 1 word\(s\) but the model has 2 feature\(s\)/,
    );
  });

  it("checks that an output file can be written", () => {
    expect(() => checkWritable(join(tmp.dir, "out.json"), "model file")).not.toThrow();
    expect(cliMessage(() => checkWritable(join(tmp.dir, "no", "out.json"), "model file"))).toMatch(
      /cannot write model file '.*out.json': no such file or directory/,
    );
    expect(cliMessage(() => checkWritable(tmp.dir, "model file"))).toMatch(/is a directory/);
  });
});
