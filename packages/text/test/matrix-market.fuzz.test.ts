/**
 * Fuzz tests of the Matrix Market parser (seeded, like every property test: see
 * tooling/vitest.setup.mjs; set FC_SEED to explore other cases).
 *
 * Every generated text — well-formed files, files with hostile or malformed headers, sizes and
 * entries, and random character-level mutations of well-formed files — must either parse to the
 * matrix that a small, independent reference reader finds in the text, or throw a `ParseError`
 * with a line number inside the text. No other error type, and no typed array larger than a bound
 * computed from the text (what the file holds, not what its size line claims).
 */
import { CscMatrix, Tensor } from "@neural-nmf/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createMatrixMarketReader,
  MAX_MATRIX_MARKET_COLUMNS,
  MAX_MATRIX_MARKET_DIMENSION,
  MAX_MATRIX_MARKET_ENTRIES,
  ParseError,
  parseMatrixMarket,
} from "../src/index.js";

// ---------------------------------------------------------------------------------------------
// The reference reader: the format as the README documents it, written for clarity, not speed.

type Reference =
  | {
      readonly ok: true;
      readonly dense: boolean;
      readonly rows: number;
      readonly cols: number;
      /** Nonzero (sparse) or every (dense) entry, keyed `row,col` (0-based). */
      readonly entries: Map<string, number>;
    }
  | { readonly ok: false };

const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function referenceParse(text: string): Reference {
  const fail = { ok: false } as const;
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const banner = (lines[0] ?? "").trim();
  const words = banner === "" ? [] : banner.split(/\s+/).map((w) => w.toLowerCase());
  if (words.length !== 5 || words[0] !== "%%matrixmarket" || words[1] !== "matrix") return fail;
  const [, , format, field, symmetry] = words as [string, string, string, string, string];
  if (!["array", "coordinate"].includes(format)) return fail;
  if (!["real", "integer", "pattern"].includes(field)) return fail;
  if (!["general", "symmetric"].includes(symmetry)) return fail;
  const dense = format === "array";
  if (dense && field === "pattern") return fail;
  const symmetric = symmetry === "symmetric";
  const data = lines
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("%"));
  const sizeFields = (data[0] ?? "").split(/\s+/);
  if (data.length === 0 || sizeFields.length !== (dense ? 2 : 3)) return fail;
  const sizes = sizeFields.map((f) => (INTEGER.test(f) && !f.startsWith("-") ? Number(f) : -1));
  if (sizes.some((s) => s < 0 || !Number.isSafeInteger(s))) return fail;
  const [m, n, nnz] = sizes as [number, number, number | undefined];
  if (symmetric && m !== n) return fail;
  if (m > MAX_MATRIX_MARKET_DIMENSION || n > MAX_MATRIX_MARKET_DIMENSION) return fail;
  if (dense && m * n > MAX_MATRIX_MARKET_ENTRIES) return fail;
  if (!dense && (n > MAX_MATRIX_MARKET_COLUMNS || (nnz as number) > MAX_MATRIX_MARKET_ENTRIES)) {
    return fail;
  }
  const count = dense ? (symmetric ? (n * (n + 1)) / 2 : m * n) : (nnz as number);
  const body = data.slice(1);
  if (body.length !== count) return fail;
  const value = (f: string): number | null => {
    if (!(field === "integer" ? INTEGER : REAL).test(f)) return null;
    const v = Number(f);
    return Number.isFinite(v) ? v : null;
  };
  const entries = new Map<string, number>();
  if (dense) {
    let k = 0;
    for (let j = 0; j < n; j++) {
      for (let i = symmetric ? j : 0; i < m; i++) {
        const fields = (body[k++] as string).split(/\s+/);
        const v = fields.length === 1 ? value(fields[0] as string) : null;
        if (v === null) return fail;
        entries.set(`${i},${j}`, v);
        if (symmetric) entries.set(`${j},${i}`, v);
      }
    }
    return { ok: true, dense, rows: m, cols: n, entries };
  }
  const sums = new Map<string, number>();
  const add = (i: number, j: number, v: number) => {
    const key = `${i},${j}`;
    sums.set(key, (sums.get(key) ?? 0) + v);
  };
  for (const line of body) {
    const fields = line.split(/\s+/);
    if (fields.length !== (field === "pattern" ? 2 : 3)) return fail;
    const [fi, fj, fv] = fields as [string, string, string | undefined];
    if (!INTEGER.test(fi) || !INTEGER.test(fj)) return fail;
    const i = Number(fi);
    const j = Number(fj);
    if (i < 1 || i > m || j < 1 || j > n) return fail;
    const v = field === "pattern" ? 1 : value(fv as string);
    if (v === null) return fail;
    if (symmetric && i < j) return fail;
    add(i - 1, j - 1, v);
    if (symmetric && i !== j) add(j - 1, i - 1, v);
  }
  for (const [key, v] of sums) {
    if (!Number.isFinite(v)) return fail;
    if (v !== 0) entries.set(key, v);
  }
  return { ok: true, dense, rows: m, cols: n, entries };
}

function expectMatches(x: Tensor | CscMatrix, ref: Reference & { ok: true }): void {
  expect(x).toBeInstanceOf(ref.dense ? Tensor : CscMatrix);
  expect([x.rows, x.cols]).toEqual([ref.rows, ref.cols]);
  if (x instanceof CscMatrix) {
    expect(x.nnz).toBe(ref.entries.size);
    for (let j = 0; j < x.cols; j++) {
      for (let p = x.colPtr[j] as number; p < (x.colPtr[j + 1] as number); p++) {
        const i = x.rowIndices[p] as number;
        if (p > (x.colPtr[j] as number)) expect(i).toBeGreaterThan(x.rowIndices[p - 1] as number);
        expect(x.values[p]).toBe(ref.entries.get(`${i},${j}`));
      }
    }
  } else {
    const t = x as Tensor;
    expect(t.data.length).toBe(ref.rows * ref.cols);
    if (t.data.length === 0) return; // 2147483647 × 0 is a valid, empty matrix
    for (let i = 0; i < t.rows; i++) {
      for (let j = 0; j < t.cols; j++) {
        expect(t.data[i * t.cols + j]).toBe(ref.entries.get(`${i},${j}`));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Allocation bound: the largest Int32Array / Float64Array asked for while parsing.

function withAllocationSpy<T>(f: () => T): { result: T; largest: number } {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = { Int32Array: g.Int32Array, Float64Array: g.Float64Array };
  let largest = 0;
  const note = (a: unknown) => {
    if (typeof a === "number") largest = Math.max(largest, a);
    else if (a !== null && typeof a === "object" && "length" in a) {
      largest = Math.max(largest, (a as { length: number }).length);
    }
  };
  g.Int32Array = class extends Int32Array {
    constructor(...args: unknown[]) {
      note(args[0]);
      super(...(args as [number]));
    }
  };
  g.Float64Array = class extends Float64Array {
    constructor(...args: unknown[]) {
      note(args[0]);
      super(...(args as [number]));
    }
  };
  try {
    return { result: f(), largest };
  } finally {
    g.Int32Array = saved.Int32Array;
    g.Float64Array = saved.Float64Array;
  }
}

/** First allocation of the reader, whatever the size line says (`INITIAL_CAPACITY`). */
const FIRST_ALLOCATION = 1 << 14;

type Outcome = { matrix: Tensor | CscMatrix } | { error: unknown };

function outcome(f: () => Tensor | CscMatrix): Outcome {
  try {
    return { matrix: f() };
  } catch (error) {
    return { error };
  }
}

function lineCountOf(text: string): number {
  const lines = text.split("\n");
  return lines.length > 1 && lines[lines.length - 1] === "" ? lines.length - 1 : lines.length;
}

/**
 * The property: parseMatrixMarket, the reader fed line by line (with and without the byte
 * length) and the reader fed random chunks all agree with the reference; failures are
 * ParseErrors with a line inside the text; allocations stay within what the text holds.
 */
function checkText(text: string, chunk: number): void {
  const ref = referenceParse(text);
  const lines = lineCountOf(text);
  const lineArray = text.split("\n");
  if (lineArray.length > 1 && lineArray[lineArray.length - 1] === "") lineArray.pop();
  const byteLength = new TextEncoder().encode(text).length;
  const runs: [string, () => Tensor | CscMatrix][] = [
    ["parseMatrixMarket", () => parseMatrixMarket(text)],
    [
      "reader.line",
      () => {
        const r = createMatrixMarketReader();
        for (const l of lineArray) r.line(l);
        return r.finish();
      },
    ],
    [
      "reader.line + byteLength",
      () => {
        const r = createMatrixMarketReader({ byteLength });
        for (const l of lineArray) r.line(l);
        return r.finish();
      },
    ],
    [
      "reader.write",
      () => {
        const r = createMatrixMarketReader();
        for (let p = 0; p < text.length; p += chunk) r.write(text.slice(p, p + chunk));
        return r.finish();
      },
    ],
  ];
  for (const [name, run] of runs) {
    const started = performance.now();
    const { result, largest } = withAllocationSpy(() => outcome(run));
    // A generous bound (the machine may be busy): the texts are tiny, so any real work of the
    // announced size (seconds for two billion columns) shows up.
    expect(performance.now() - started, `${name}: ${JSON.stringify(text)}`).toBeLessThan(250);
    if (ref.ok) {
      if ("error" in result) {
        throw new Error(`${name} refused a well-formed text: ${String(result.error)}\n${text}`);
      }
      expectMatches(result.matrix, ref);
      // The result's own arrays: a dense m×n values, or n + 1 column pointers and the entries.
      const own = ref.dense ? ref.rows * ref.cols : Math.max(ref.cols + 1, 2 * lines);
      expect(largest, name).toBeLessThanOrEqual(Math.max(FIRST_ALLOCATION, own));
    } else {
      if (!("error" in result)) throw new Error(`${name} accepted a malformed text:\n${text}`);
      const error = result.error;
      if (!(error instanceof ParseError)) {
        throw new Error(`${name} threw ${String(error)} (not a ParseError) for:\n${text}`);
      }
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(lines + 1);
      expect(error.message).toBe(`${error.where}: line ${error.line}: ${error.detail}`);
      // Nothing of the announced size: at most the first allocation, or what was read.
      expect(largest, name).toBeLessThanOrEqual(Math.max(FIRST_ALLOCATION, 2 * lines + 16));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Generators.

/** Sizes a size line may hold: small ones, and hostile or malformed ones. */
const HOSTILE_SIZES = [
  "2e9",
  "2000000000",
  "2147483647",
  "2147483648",
  "3e9",
  "3000000000",
  "100000001",
  "9007199254740993",
  "1e3",
  "1E2",
  "-1",
  "-0",
  "+3",
  "007",
  "1.5",
  "2.",
  ".5",
  "0x10",
  "NaN",
  "Infinity",
  "abc",
  "",
  "٣",
];

const sizeToken = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 6 }).map(String) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SIZES) },
);

const VALUE_JUNK = [
  "NaN",
  "nan",
  "inf",
  "-inf",
  "Infinity",
  "1e400",
  "-1e400",
  "1e-400",
  "1e308",
  "1.7976931348623157e308",
  "0x1F",
  "1_000",
  "1,5",
  "--1",
  "+.5",
  ".",
  "e5",
  "1e",
  "1.2.3",
  "٣",
  "abc",
  "-0",
  "00012",
  "1.",
];

const valueToken = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -9, max: 9 }).map(String) },
  {
    weight: 3,
    arbitrary: fc
      .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
      .map((v) => String(v)),
  },
  { weight: 2, arbitrary: fc.constantFrom(...VALUE_JUNK) },
);

const indexToken = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 7 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("-1", "2147483648", "99999999999", "1.0", "x", "+2") },
);

const bannerWord = <T extends string>(good: readonly T[], bad: readonly string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );

const banner = fc
  .tuple(
    bannerWord(["%%MatrixMarket", "%%matrixmarket", "%%MATRIXMARKET"], ["%MatrixMarket", "", "%%"]),
    bannerWord(["matrix"], ["vector", "MATRIX x"]),
    bannerWord(["coordinate", "array"], ["sparse", "dense"]),
    bannerWord(["real", "integer", "pattern"], ["complex", "double"]),
    bannerWord(["general", "symmetric"], ["hermitian", "skew-symmetric"]),
    fc.constantFrom(" ", "\t", "  "),
  )
  .map(([a, b, c, d, e, sep]) => [a, b, c, d, e].filter((w) => w !== "").join(sep));

/** A structured file: banner, comments, size line, entries; each part may be hostile. */
const structuredFile = fc
  .record({
    banner,
    comments: fc.array(fc.constantFrom("%", "% a comment", "", "   ", "%%"), { maxLength: 2 }),
    sizes: fc.array(sizeToken, { minLength: 1, maxLength: 4 }),
    entries: fc.array(
      fc.oneof(
        {
          weight: 8,
          arbitrary: fc.tuple(indexToken, indexToken, valueToken).map((t) => t.join(" ")),
        },
        { weight: 2, arbitrary: fc.tuple(indexToken, indexToken).map((t) => t.join(" ")) },
        { weight: 4, arbitrary: valueToken },
        { weight: 1, arbitrary: fc.constantFrom("", "% mid-file comment", "1 2 3 4", "\t") },
      ),
      { maxLength: 24 },
    ),
    /** Replace the size line by one that matches the entry count (often making a valid file). */
    matchCount: fc.boolean(),
    /** Well-formed entries instead (sizes, header and truncation stay hostile). */
    clean: fc.option(
      fc.array(
        fc
          .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), valueToken)
          .map(([i, j, v]) => `${Math.max(i, j)} ${Math.min(i, j)} ${v}`),
        { maxLength: 12 },
      ),
      { nil: undefined },
    ),
    eol: fc.constantFrom("\n", "\r\n"),
    finalEol: fc.boolean(),
    truncate: fc.option(fc.nat(), { nil: undefined }),
  })
  .map((f) => {
    const entries = f.clean ?? f.entries;
    const data = entries.filter((e) => e.trim() !== "" && !e.trim().startsWith("%")).length;
    const symmetric = f.banner.toLowerCase().includes("symmetric");
    const size = !f.matchCount
      ? f.sizes.join(" ")
      : f.banner.toLowerCase().includes("array")
        ? symmetric
          ? "1 1"
          : `${data} 1`
        : `7 7 ${data}`;
    const lines = [f.banner, ...f.comments, size, ...entries];
    let text = lines.join(f.eol) + (f.finalEol ? f.eol : "");
    if (f.truncate !== undefined) text = text.slice(0, f.truncate % (text.length + 1));
    return text;
  });

/** A well-formed file of a small matrix (sometimes with duplicates and explicit zeros). */
const validFile = fc
  .record({
    format: fc.constantFrom("coordinate", "array"),
    field: fc.constantFrom("real", "integer", "pattern"),
    symmetric: fc.boolean(),
    m: fc.integer({ min: 0, max: 6 }),
    n: fc.integer({ min: 0, max: 6 }),
    seed: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: -3, max: 3 })), {
      maxLength: 20,
    }),
  })
  .map(({ format, field, symmetric, m, n, seed }) => {
    const dense = format === "array";
    const f = dense && field === "pattern" ? "real" : field;
    const cols = symmetric ? m : n;
    const head = `%%MatrixMarket matrix ${format} ${f} ${symmetric ? "symmetric" : "general"}`;
    if (dense) {
      const values: string[] = [];
      let k = 0;
      for (let j = 0; j < cols; j++) {
        for (let i = symmetric ? j : 0; i < m; i++) {
          const v = seed[k++ % Math.max(1, seed.length)]?.[2] ?? 0;
          values.push(f === "integer" ? String(v) : String(v / 4));
        }
      }
      return [head, `${m} ${cols}`, ...values].join("\n");
    }
    const entries =
      m === 0 || cols === 0
        ? []
        : seed.map(([a, b, v]) => {
            let i = (a % m) + 1;
            let j = (b % cols) + 1;
            if (symmetric && i < j) [i, j] = [j, i];
            return f === "pattern" ? `${i} ${j}` : `${i} ${j} ${f === "integer" ? v : v / 8}`;
          });
    return [head, `${m} ${cols} ${entries.length}`, ...entries].join("\n");
  });

const MUTATION_CHARS = [..."0123456789 \t\n\r.-+eE%abx", "\u00a0", "é", "\u2028", "\0"];

/** A well-formed file with a few character-level or line-level mutations. */
const mutatedFile = fc
  .tuple(
    validFile,
    fc.array(
      fc.tuple(
        fc.constantFrom("insert", "delete", "replace", "dupLine", "dropLine"),
        fc.nat(),
        fc.nat(),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, mutations]) => {
    let t = text;
    for (const [kind, at, pick] of mutations) {
      const p = t.length === 0 ? 0 : at % t.length;
      const c = MUTATION_CHARS[pick % MUTATION_CHARS.length] as string;
      if (kind === "insert") t = t.slice(0, p) + c + t.slice(p);
      else if (kind === "delete") t = t.slice(0, p) + t.slice(p + 1);
      else if (kind === "replace") t = t.slice(0, p) + c + t.slice(p + 1);
      else {
        const lines = t.split("\n");
        const l = at % lines.length;
        if (kind === "dupLine") lines.splice(l, 0, lines[l] as string);
        else lines.splice(l, 1);
        t = lines.join("\n");
      }
    }
    return t;
  });

const chunkSize = fc.integer({ min: 1, max: 40 });

// ---------------------------------------------------------------------------------------------

describe("Matrix Market parser fuzz (fast-check)", () => {
  it("parses well-formed files to the matrix the text describes", () => {
    let accepted = 0;
    fc.assert(
      fc.property(validFile, chunkSize, (text, chunk) => {
        if (referenceParse(text).ok) accepted++;
        checkText(text, chunk);
      }),
      { numRuns: 300 },
    );
    // The generator is meant to produce valid files; make sure it does.
    expect(accepted).toBe(300);
  });

  it("either parses or throws a ParseError with a line number: hostile headers, sizes, entries, truncation", () => {
    let accepted = 0;
    fc.assert(
      fc.property(structuredFile, chunkSize, (text, chunk) => {
        if (referenceParse(text).ok) accepted++;
        checkText(text, chunk);
      }),
      { numRuns: 1500 },
    );
    // Some of the structured files are valid, so both branches are exercised.
    expect(accepted).toBeGreaterThan(3);
  });

  it("either parses or throws a ParseError with a line number: mutated files", () => {
    fc.assert(
      fc.property(mutatedFile, chunkSize, (text, chunk) => checkText(text, chunk)),
      { numRuns: 1500 },
    );
  });

  it("either parses or throws a ParseError: arbitrary text after a banner", () => {
    const head = fc.constantFrom(
      "%%MatrixMarket matrix coordinate real general\n",
      "%%MatrixMarket matrix array integer symmetric\n",
      "%%MatrixMarket matrix coordinate pattern symmetric\n",
      "",
    );
    fc.assert(
      fc.property(head, fc.string({ maxLength: 60 }), chunkSize, (h, body, chunk) =>
        checkText(h + body, chunk),
      ),
      { numRuns: 500 },
    );
  });
});

describe("hostile size lines fail fast, before anything of their size is allocated", () => {
  const huge = ["2000000000", "2147483647", "3000000000", "100000001", "9007199254740991"];
  const heads = [
    "%%MatrixMarket matrix coordinate real general",
    "%%MatrixMarket matrix coordinate pattern general",
    "%%MatrixMarket matrix array real general",
    "%%MatrixMarket matrix array real symmetric",
    "%%MatrixMarket matrix coordinate integer symmetric",
  ];
  // Every case announces far more than the one or two entries that follow, or breaks a limit.
  const cases: string[] = [];
  for (const head of heads) {
    const dense = head.includes("array");
    for (const a of huge) {
      for (const b of [...huge, "1", "7"]) {
        const sizes = dense
          ? [`${a} ${b}`, `${b} ${a}`]
          : [`${a} ${b} ${a}`, `${b} ${b} ${a}`, `1 ${a} 1`, `${b} ${a} ${b}`];
        for (const size of sizes) {
          cases.push(`${head}\n${size}\n1 1 1\n`, `${head}\n${size}\n1\n2\n`);
        }
      }
    }
  }

  it("an empty matrix with a huge other dimension costs nothing either", () => {
    for (const size of ["0 2147483647", "2147483647 0"]) {
      const started = performance.now();
      const { result, largest } = withAllocationSpy(() =>
        parseMatrixMarket(`%%MatrixMarket matrix array real general\n${size}\n`),
      );
      expect(performance.now() - started).toBeLessThan(50);
      expect(largest).toBe(0);
      expect(result.shape).toEqual(size.split(" ").map(Number));
    }
  });

  it(`${cases.length} files: ParseError in < 50 ms each, no allocation above 2^14`, () => {
    parseMatrixMarket("%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 1\n"); // warm up
    let slowest = 0;
    for (const text of cases) {
      for (const run of [
        () => parseMatrixMarket(text),
        () => {
          // No line count or byte length: the reader must not trust the size line either.
          const r = createMatrixMarketReader();
          for (const l of text.split("\n").slice(0, -1)) r.line(l);
          return r.finish();
        },
      ]) {
        const started = performance.now();
        const { result, largest } = withAllocationSpy(() => outcome(run));
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        expect("error" in result && result.error instanceof ParseError, text).toBe(true);
        expect(largest, text).toBeLessThanOrEqual(FIRST_ALLOCATION);
        expect(ms, text).toBeLessThan(50);
      }
    }
    expect(slowest).toBeLessThan(50);
  });
});
