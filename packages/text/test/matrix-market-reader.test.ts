import {
  ArgumentTypeError,
  CscMatrix,
  NeuralNmfError,
  Tensor,
  tensor,
  ValueError,
} from "@neural-nmf/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createMatrixMarketReader,
  formatMatrixMarket,
  MAX_MATRIX_MARKET_COLUMNS,
  MAX_MATRIX_MARKET_DIMENSION,
  MAX_MATRIX_MARKET_ENTRIES,
  type MatrixMarketReaderOptions,
  ParseError,
  parseMatrixMarket,
} from "../src/index.js";

/** Feeds `text` line by line, as a file reader does (no empty line after a final newline). */
function byLines(text: string, options?: MatrixMarketReaderOptions): Tensor | CscMatrix {
  const reader = createMatrixMarketReader(options);
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) reader.line(line);
  return reader.finish();
}

/** Feeds `text` in chunks of `size` characters. */
function byChunks(text: string, size: number): Tensor | CscMatrix {
  const reader = createMatrixMarketReader();
  for (let p = 0; p < text.length; p += size) reader.write(text.slice(p, p + size));
  return reader.finish();
}

function expectSameMatrix(a: Tensor | CscMatrix, b: Tensor | CscMatrix): void {
  expect(a.constructor).toBe(b.constructor);
  expect(a.shape).toEqual(b.shape);
  if (a instanceof CscMatrix && b instanceof CscMatrix) {
    expect(Array.from(a.colPtr)).toEqual(Array.from(b.colPtr));
    expect(Array.from(a.rowIndices)).toEqual(Array.from(b.rowIndices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
  } else {
    expect(Array.from((a as Tensor).data)).toEqual(Array.from((b as Tensor).data));
  }
}

function parseErrorOf(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error("expected a ParseError");
}

/**
 * Replaces Int32Array and Float64Array with subclasses that record the largest length asked
 * for; `take()` returns it (and starts over). This proves that nothing of a header's size was
 * allocated, even where the operating system would hand out untouched pages without growing the
 * RSS. Objects cross between windows, so install it once per test and `restore()` at the end.
 */
function allocationSpy(): { take(): number; restore(): void } {
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
  return {
    take() {
      const out = largest;
      largest = 0;
      return out;
    },
    restore() {
      g.Int32Array = saved.Int32Array;
      g.Float64Array = saved.Float64Array;
    },
  };
}

/** The largest typed array `f` allocates. */
function largestAllocation(f: () => void): number {
  const spy = allocationSpy();
  try {
    f();
    return spy.take();
  } finally {
    spy.restore();
  }
}

const SPARSE = "%%MatrixMarket matrix coordinate real general";
const DENSE = "%%MatrixMarket matrix array real general";

describe("createMatrixMarketReader", () => {
  const samples = [
    `${DENSE}\n% a comment\n2 3\n1\n4\n2\n5\n3\n6\n`,
    `${SPARSE}\n%\n3 2 3\n1 1 1.5\n3 2 -2e-3\n2 1 .25\n`,
    "%%matrixmarket MATRIX Coordinate Integer General\r\n\r\n2 2 3\r\n1 1 2\r\n1 1 3\r\n  2   2   -1  \r\n",
    "%%MatrixMarket matrix coordinate pattern general\n2 3 2\n1 3\n2 1\n",
    "%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n1 1 1\n2 1 2\n3 2 3\n3 3 4\n",
    "%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n6\n",
    `${SPARSE}\n4 3 6\n4 3 1\n1 1 2\n2 3 0\n1 1 -2\n3 1\t7\n2 1 1e-300\n`,
    `${DENSE}\n0 4\n`,
    `${SPARSE}\n5 6 0`,
  ];

  it("gives what parseMatrixMarket gives, line by line or in chunks of any size", () => {
    for (const text of samples) {
      const expected = parseMatrixMarket(text);
      expectSameMatrix(byLines(text), expected);
      for (const size of [1, 2, 3, 7, 64]) expectSameMatrix(byChunks(text, size), expected);
    }
  });

  it("sorts columns, sums repeats in file order and drops zeros like CscMatrix.fromTriplets", () => {
    const a = byLines(`${SPARSE}\n3 3 7\n3 3 1\n1 3 2\n2 1 5\n1 3 -2\n3 1 4\n1 1 0\n2 1 0.5\n`);
    const b = CscMatrix.fromTriplets(
      3,
      3,
      [2, 0, 1, 0, 2, 0, 1],
      [2, 2, 0, 2, 0, 0, 0],
      [1, 2, 5, -2, 4, 0, 0.5],
    );
    expectSameMatrix(a, b);
    expect(Array.from((a as CscMatrix).colPtr)).toEqual([0, 2, 2, 3]);
  });

  it("reports progress and the parsed header and size", () => {
    const reader = createMatrixMarketReader();
    expect(reader.header).toBeNull();
    reader.line(SPARSE);
    expect(reader.header).toEqual({ format: "coordinate", field: "real", symmetry: "general" });
    reader.line("% c");
    reader.line("4 5 2");
    expect(reader.size).toEqual({ rows: 4, cols: 5, entries: 2 });
    reader.line("1 1 1");
    expect(reader.lineNumber).toBe(4);
    expect(reader.entryCount).toBe(1);
    reader.line("4 5 2");
    expect((reader.finish() as CscMatrix).nnz).toBe(2);
  });

  it("names the line of every problem", () => {
    const e = parseErrorOf(() => byLines(`${SPARSE}\n2 2 2\n1 1 1\n\n2 x 1\n`));
    expect(e.line).toBe(5);
    expect(e.message).toBe('MatrixMarketReader: line 5: column index "x" is not an integer');
    const end = parseErrorOf(() => byLines(`${SPARSE}\n2 2 3\n1 1 1\n% c\n`));
    expect(end.line).toBe(4);
    expect(end.message).toMatch(/file ends after 1 of 3 entries/);
    expect(parseErrorOf(() => byLines(`${SPARSE}\n% c\n`)).line).toBe(2);
    expect(parseErrorOf(() => byLines("")).message).toMatch(/line 1: expected the banner/);
    expect(parseErrorOf(() => createMatrixMarketReader().finish()).line).toBe(1);
  });

  it("refuses use after finish or after an error, mixed input and bad arguments", () => {
    const done = createMatrixMarketReader();
    done.write(`${DENSE}\n1 1\n5\n`);
    expect((done.finish() as Tensor).toRows()).toEqual([[5]]);
    expect(() => done.line("1")).toThrow(ValueError);
    expect(() => done.finish()).toThrow(/finished/);

    const failed = createMatrixMarketReader();
    failed.line(DENSE);
    const first = parseErrorOf(() => failed.line("x y"));
    expect(parseErrorOf(() => failed.line("1 1"))).toBe(first);
    expect(parseErrorOf(() => failed.finish())).toBe(first);

    const mixed = createMatrixMarketReader();
    mixed.write(`${DENSE}\n1 `);
    expect(() => mixed.line("1")).toThrow(/do not mix/);

    expect(() => createMatrixMarketReader().line(3 as never)).toThrow(ArgumentTypeError);
    expect(() => createMatrixMarketReader().write(null as never)).toThrow(ArgumentTypeError);
    expect(() => createMatrixMarketReader({ lineCount: -1 })).toThrow(ValueError);
    expect(() => createMatrixMarketReader({ byteLength: "9" as never })).toThrow(ArgumentTypeError);
    expect(() => createMatrixMarketReader({ lines: 3 } as never)).toThrow(/unknown option/);
  });

  it("refuses a size line announcing more entries than the input can hold", () => {
    const text = `${DENSE}\n100 100\n1\n`;
    const e = parseErrorOf(() => byLines(text, { byteLength: text.length }));
    expect(e.line).toBe(2);
    // 41 + 8 characters of banner and size line: 2 bytes are left, for at most one value.
    expect(e.message).toMatch(
      /announces 10000 entries but the 2 byte\(s\) after it hold at most 1$/,
    );
    const lines = parseErrorOf(() => byLines(text, { lineCount: 3 }));
    expect(lines.message).toMatch(/line 2: size line announces 10000 entries but only 1 line/);
    // Coordinate entries take at least 6 bytes ("1 1 1\n"), pattern entries 4 ("1 1\n").
    const sparse = `${SPARSE}\n9 9 3\n1 1 1\n2 2 2\n3 3 3`;
    expect((byLines(sparse, { byteLength: sparse.length }) as CscMatrix).nnz).toBe(3);
    expect(() => byLines(sparse.replace("9 9 3", "9 9 4"), { byteLength: sparse.length })).toThrow(
      /at most 3/,
    );
  });
});

function orTooFewBytes(message: RegExp): RegExp {
  return new RegExp(`${message.source}|byte\\(s\\) after it hold at most`);
}

describe("hostile size lines", () => {
  const dims = `${MAX_MATRIX_MARKET_DIMENSION}`;
  const cases: [string, string, RegExp][] = [
    [
      "2e9 × 2e9 coordinate",
      `${SPARSE}\n2000000000 2000000000 1\n1 1 1\n`,
      /2000000000 columns are more than the supported 100000000 columns/,
    ],
    [
      "2³¹ − 1 columns",
      `${SPARSE}\n1 2147483647 1\n1 1 1\n`,
      /2147483647 columns are more than the supported 100000000/,
    ],
    [
      "3e9 rows",
      `${SPARSE}\n3000000000 5 1\n1 1 1\n`,
      new RegExp(`3000000000×5 exceeds the largest supported dimension, ${dims}`),
    ],
    ["3e9 dense rows", `${DENSE}\n3000000000 1\n1\n`, /exceeds the largest supported dimension/],
    [
      "2e9 × 2e9 dense",
      `${DENSE}\n2000000000 2000000000\n1\n`,
      /holds 4000000000000000000 values, more than the supported 2147483647/,
    ],
    [
      "3e9 announced entries",
      `${SPARSE}\n10 10 3000000000\n1 1 1\n`,
      /3000000000 entries are more than the supported 2147483647/,
    ],
    ["a count beyond 2⁵³", `${SPARSE}\n10 10 99999999999999999999\n`, /too large/],
  ];

  for (const [name, text, message] of cases) {
    it(`fails on the size line without allocating: ${name}`, () => {
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      // parseMatrixMarket also knows the number of lines, and may refuse the count for that.
      const orTooFewLines = new RegExp(`${message.source}|only 1 line\\(s\\) follow`);
      for (const [parse, expected] of [
        [() => byLines(text), message],
        [() => byChunks(text, 5), message],
        [() => byLines(text, { byteLength: text.length }), orTooFewBytes(message)],
        [() => parseMatrixMarket(text), orTooFewLines],
      ] as const) {
        let error: ParseError | undefined;
        const largest = largestAllocation(() => {
          error = parseErrorOf(parse);
        });
        expect(largest).toBeLessThanOrEqual(1 << 14);
        expect(error).toBeInstanceOf(NeuralNmfError);
        expect(error?.line).toBe(2);
        expect(error?.message).toContain("line 2:");
        expect(error?.message).toMatch(expected);
      }
      expect(performance.now() - started).toBeLessThan(1000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(50e6);
    });
  }

  it("sizes the values by what is read, not by an announced count that is accepted", () => {
    // Within the limits, but the file holds one value: only a small first allocation is made,
    // and the end of the file is reported.
    for (const text of [
      `${DENSE}\n40000 40000\n1\n`,
      `${SPARSE}\n10 10 2000000000\n1 1 1\n`,
      `${SPARSE}\n2000000000 100000000 1000000000\n1 1 1\n`,
    ]) {
      const rss = process.memoryUsage().rss;
      let error: ParseError | undefined;
      const largest = largestAllocation(() => {
        error = parseErrorOf(() => byLines(text));
      });
      expect(largest).toBeLessThanOrEqual(1 << 14);
      expect(error?.line).toBe(3);
      expect(error?.message).toMatch(/line 3: file ends after 1 of \d+ entries/);
      expect(process.memoryUsage().rss - rss).toBeLessThan(50e6);
    }
  });

  it("grows the values by doubling and allocates column pointers at finish", () => {
    const n = 50_000;
    const feed = (announced: number) => {
      const reader = createMatrixMarketReader();
      reader.line(SPARSE);
      reader.line(`7 ${n} ${announced}`);
      for (let j = 1; j <= n; j++) reader.line(`${1 + (j % 7)} ${j} ${j}`);
      return reader;
    };
    const spy = allocationSpy();
    try {
      // An overstated count: the arrays double from 2¹⁴ to 2¹⁶ ≥ 50 000, and the end of the
      // file is reported.
      const lying = feed(1e9);
      expect(spy.take()).toBe(65_536);
      expect(() => lying.finish()).toThrow(/line 50002: file ends after 50000 of 1000000000/);
      // A true count caps the last doubling (2¹⁴ → 2¹⁵ → 50 000); the n + 1 column pointers are
      // allocated by finish, and the arrays, already in column order, are kept as they are.
      const honest = feed(n);
      expect(spy.take()).toBe(n);
      const a = honest.finish() as CscMatrix;
      expect(spy.take()).toBe(n + 1);
      expect(a.nnz).toBe(n);
      expect(a.values[n - 1]).toBe(n);
    } finally {
      spy.restore();
    }
  });

  it("documents its limits as exported constants", () => {
    expect(MAX_MATRIX_MARKET_DIMENSION).toBe(2 ** 31 - 1);
    expect(MAX_MATRIX_MARKET_ENTRIES).toBe(2 ** 31 - 1);
    expect(MAX_MATRIX_MARKET_COLUMNS).toBe(100_000_000);
    // The limits themselves are accepted.
    const ok = byLines(
      `${SPARSE}\n${MAX_MATRIX_MARKET_DIMENSION} 3 1\n${MAX_MATRIX_MARKET_DIMENSION} 3 2\n`,
    );
    expect((ok as CscMatrix).rowIndices[0]).toBe(MAX_MATRIX_MARKET_DIMENSION - 1);
  });
});

describe("round trips (fast-check)", () => {
  const triplets = fc
    .record({ m: fc.integer({ min: 1, max: 25 }), n: fc.integer({ min: 1, max: 25 }) })
    .chain(({ m, n }) =>
      fc.record({
        m: fc.constant(m),
        n: fc.constant(n),
        entries: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: m - 1 }),
            fc.integer({ min: 0, max: n - 1 }),
            fc.oneof(
              fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
              fc.integer({ min: -5, max: 5 }),
            ),
          ),
          { maxLength: 80 },
        ),
      }),
    );

  it("a random sparse matrix written as Matrix Market text and read line by line is unchanged", () => {
    fc.assert(
      fc.property(triplets, fc.boolean(), ({ m, n, entries }, shuffle) => {
        const a = CscMatrix.fromTriplets(
          m,
          n,
          entries.map((e) => e[0]),
          entries.map((e) => e[1]),
          entries.map((e) => e[2]),
        );
        const lines = formatMatrixMarket(a).trimEnd().split("\n");
        if (shuffle) {
          // Entry lines in another order (reversed, then odd positions first): same matrix.
          const body = lines.splice(2).reverse();
          lines.push(...body.filter((_, k) => k % 2 === 1), ...body.filter((_, k) => k % 2 === 0));
        }
        const reader = createMatrixMarketReader();
        for (const line of lines) reader.line(line);
        expectSameMatrix(reader.finish(), a);
      }),
      { numRuns: 300 },
    );
  });

  it("unsorted triplets with repeats and zeros read as CscMatrix.fromTriplets builds them", () => {
    fc.assert(
      fc.property(triplets, ({ m, n, entries }) => {
        const text = [
          SPARSE,
          `${m} ${n} ${entries.length}`,
          ...entries.map(([i, j, v]) => `${i + 1} ${j + 1} ${v}`),
        ].join("\n");
        const expected = CscMatrix.fromTriplets(
          m,
          n,
          entries.map((e) => e[0]),
          entries.map((e) => e[1]),
          entries.map((e) => e[2]),
        );
        expectSameMatrix(byLines(text), expected);
        expectSameMatrix(parseMatrixMarket(text), expected);
      }),
      { numRuns: 300 },
    );
  });

  it("dense matrices, general and symmetric", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 64, maxLength: 64 }),
        (m, n, pool) => {
          const rows = Array.from({ length: m }, (_, i) =>
            Array.from({ length: n }, (_, j) => pool[(i * 8 + j) % 64] as number),
          );
          const t = m === 0 || n === 0 ? Tensor.fromTypedArray([], [m, n]) : tensor(rows);
          expectSameMatrix(byLines(formatMatrixMarket(t)), t);
          const sym = Array.from({ length: m }, (_, i) =>
            Array.from(
              { length: m },
              (_, j) => pool[Math.max(i, j) * 8 + Math.min(i, j)] as number,
            ),
          );
          if (m > 0) {
            const s = tensor(sym);
            expectSameMatrix(byLines(formatMatrixMarket(s, { symmetry: "symmetric" })), s);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
