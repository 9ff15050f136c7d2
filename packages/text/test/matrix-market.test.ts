import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ArgumentTypeError,
  CscMatrix,
  NeuralNmfError,
  NonFiniteError,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { formatMatrixMarket, ParseError, parseMatrixMarket } from "../src/index.js";

function dense(text: string): Tensor {
  const out = parseMatrixMarket(text);
  if (!(out instanceof Tensor)) throw new Error("expected a dense tensor");
  return out;
}

function sparse(text: string): CscMatrix {
  const out = parseMatrixMarket(text);
  if (!(out instanceof CscMatrix)) throw new Error("expected a sparse matrix");
  return out;
}

function parseErrorOf(text: string): ParseError {
  try {
    parseMatrixMarket(text);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`no ParseError for:\n${text}`);
}

describe("parseMatrixMarket", () => {
  it("reads array files column by column into a row-major tensor", () => {
    const t = dense(
      "%%MatrixMarket matrix array real general\n% a comment\n2 3\n1\n4\n2\n5\n3\n6\n",
    );
    expect(t.shape).toEqual([2, 3]);
    expect(t.toRows()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("reads coordinate files with 1-based indices into a CscMatrix", () => {
    const a = sparse(
      "%%MatrixMarket matrix coordinate real general\n%\n3 2 3\n1 1 1.5\n3 2 -2e-3\n2 1 .25\n",
    );
    expect(a.shape).toEqual([3, 2]);
    expect(a.toDense().toRows()).toEqual([
      [1.5, 0],
      [0.25, 0],
      [0, -0.002],
    ]);
  });

  it("reads integer and pattern fields, sums repeats, tolerates CRLF, case and blank lines", () => {
    const a = sparse(
      "%%matrixmarket MATRIX Coordinate Integer General\r\n\r\n2 2 3\r\n1 1 2\r\n1 1 3\r\n  2   2   -1  \r\n",
    );
    expect(a.toDense().toRows()).toEqual([
      [5, 0],
      [0, -1],
    ]);
    const p = sparse("%%MatrixMarket matrix coordinate pattern general\n2 3 2\n1 3\n2 1\n");
    expect(p.toDense().toRows()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it("expands symmetric coordinate and array files", () => {
    const a = sparse(
      "%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n1 1 1\n2 1 2\n3 2 3\n3 3 4\n",
    );
    expect(a.toDense().toRows()).toEqual([
      [1, 2, 0],
      [2, 0, 3],
      [0, 3, 4],
    ]);
    // Lower triangle column by column: (1,1) (2,1) (3,1) (2,2) (3,2) (3,3).
    const t = dense("%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n6\n");
    expect(t.toRows()).toEqual([
      [1, 2, 3],
      [2, 4, 5],
      [3, 5, 6],
    ]);
  });

  it("handles empty matrices", () => {
    expect(dense("%%MatrixMarket matrix array real general\n0 4\n").shape).toEqual([0, 4]);
    const e = sparse("%%MatrixMarket matrix coordinate real general\n5 6 0\n");
    expect(e.shape).toEqual([5, 6]);
    expect(e.nnz).toBe(0);
  });

  const malformed: [string, string, number, RegExp][] = [
    ["empty text", "", 1, /banner/],
    ["no banner", "3 3\n1\n", 1, /banner/],
    ["short banner", "%%MatrixMarket matrix array real\n1 1\n1\n", 1, /5 words/],
    ["vector object", "%%MatrixMarket vector array real general\n1\n1\n", 1, /object "vector"/],
    ["unknown format", "%%MatrixMarket matrix dense real general\n1 1\n1\n", 1, /format "dense"/],
    [
      "complex field",
      "%%MatrixMarket matrix array complex general\n1 1\n1 0\n",
      1,
      /field "complex"/,
    ],
    [
      "skew-symmetric",
      "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 1\n",
      1,
      /symmetry "skew-symmetric"/,
    ],
    ["dense pattern", "%%MatrixMarket matrix array pattern general\n1 1\n1\n", 1, /pattern/],
    ["missing size", "%%MatrixMarket matrix array real general\n% only comments\n", 3, /size line/],
    [
      "size with 3 numbers",
      "%%MatrixMarket matrix array real general\n2 2 4\n",
      2,
      /rows and columns/,
    ],
    [
      "coordinate size with 2 numbers",
      "%%MatrixMarket matrix coordinate real general\n2 2\n1 1 1\n",
      2,
      /entry count/,
    ],
    ["negative size", "%%MatrixMarket matrix array real general\n-2 2\n", 2, /non-negative/],
    ["fractional size", "%%MatrixMarket matrix array real general\n2.5 2\n", 2, /non-negative/],
    [
      "symmetric not square",
      "%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n1 1 1\n",
      2,
      /square/,
    ],
    [
      "more entries announced than lines",
      "%%MatrixMarket matrix array real general\n100000 100000\n1\n",
      2,
      /only 1 line/,
    ],
    [
      "truncated array",
      "%%MatrixMarket matrix array real general\n2 2\n1\n2\n\n\n%\n",
      7,
      /ends after 2 of 4/,
    ],
    ["bad real", "%%MatrixMarket matrix array real general\n2 1\n1\n1,5\n", 4, /"1,5"/],
    ["nan value", "%%MatrixMarket matrix array real general\n1 1\nnan\n", 3, /"nan"/],
    ["inf value", "%%MatrixMarket matrix array real general\n1 1\ninf\n", 3, /"inf"/],
    ["overflow", "%%MatrixMarket matrix array real general\n1 1\n1e999\n", 3, /overflows/],
    [
      "two values on a line",
      "%%MatrixMarket matrix array real general\n2 1\n1 2\n\n",
      3,
      /one value/,
    ],
    ["extra data", "%%MatrixMarket matrix array real general\n1 1\n1\n2\n", 4, /unexpected data/],
    [
      "real in integer field",
      "%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 1.5\n",
      3,
      /not an integer/,
    ],
    [
      "row out of range",
      "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n3 1 1\n",
      4,
      /row index 3 is out of range 1..2/,
    ],
    [
      "zero-based column",
      "%%MatrixMarket matrix coordinate real general\n2 2 1\n% c\n1 0 1\n",
      4,
      /column index 0.*1-based/,
    ],
    [
      "non-integer index",
      "%%MatrixMarket matrix coordinate real general\n2 2 1\n1.0 1 1\n",
      3,
      /row index "1.0"/,
    ],
    [
      "missing value",
      "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 2\n",
      4,
      /row column value/,
    ],
    [
      "value in pattern file",
      "%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 1\n",
      3,
      /`row column`/,
    ],
    [
      "upper triangle in symmetric file",
      "%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n1 1 1\n1 2 5\n",
      4,
      /above the diagonal/,
    ],
    [
      "too few coordinate entries",
      "%%MatrixMarket matrix coordinate real general\n3 3 3\n1 1 1\n2 2 2\n%\n%\n",
      6,
      /ends after 2 of 3/,
    ],
    [
      "too many coordinate entries",
      "%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 1\n2 2 2\n",
      4,
      /unexpected data/,
    ],
  ];

  for (const [name, text, line, pattern] of malformed) {
    it(`reports the line of the problem: ${name}`, () => {
      const e = parseErrorOf(text);
      expect(e).toBeInstanceOf(NeuralNmfError);
      expect(e.name).toBe("ParseError");
      expect(e.line).toBe(line);
      expect(e.message).toContain(`line ${line}:`);
      expect(e.message).toMatch(pattern);
      expect(e.argument).toBe("text");
    });
  }

  it("refuses non-strings", () => {
    expect(() => parseMatrixMarket(42 as never)).toThrow(ArgumentTypeError);
  });
});

describe("formatMatrixMarket", () => {
  it("writes dense tensors column by column", () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(formatMatrixMarket(t)).toBe(
      "%%MatrixMarket matrix array real general\n2 3\n1\n4\n2\n5\n3\n6\n",
    );
    expect(formatMatrixMarket(tensor(7), { comment: "one\ntwo" })).toBe(
      "%%MatrixMarket matrix array real general\n%one\n%two\n1 1\n7\n",
    );
  });

  it("writes sparse matrices as 1-based coordinates", () => {
    const a = CscMatrix.fromTriplets(3, 2, [0, 2, 1], [0, 1, 0], [1.5, -2, 0.25]);
    expect(formatMatrixMarket(a)).toBe(
      "%%MatrixMarket matrix coordinate real general\n3 2 3\n1 1 1.5\n2 1 0.25\n3 2 -2\n",
    );
    expect(formatMatrixMarket(a, { field: "pattern" })).toBe(
      "%%MatrixMarket matrix coordinate pattern general\n3 2 3\n1 1\n2 1\n3 2\n",
    );
  });

  it("round-trips dense, sparse, integer and symmetric matrices exactly", () => {
    const values = [
      0.1,
      -1 / 3,
      1e-300,
      5e-324,
      1.7976931348623157e308,
      -0,
      123456789.125,
      Math.PI,
    ];
    const t = Tensor.fromTypedArray(Float64Array.from(values), [2, 4]);
    const back = dense(formatMatrixMarket(t));
    expect(back.shape).toEqual([2, 4]);
    expect(Array.from(back.data)).toEqual(values);
    expect(Object.is(back.data[5], -0)).toBe(true);

    const a = CscMatrix.fromTriplets(4, 3, [0, 3, 2, 1], [0, 0, 1, 2], [0.1, 2 / 3, -7, 1e20]);
    const b = sparse(formatMatrixMarket(a));
    expect(Array.from(b.colPtr)).toEqual(Array.from(a.colPtr));
    expect(Array.from(b.rowIndices)).toEqual(Array.from(a.rowIndices));
    expect(Array.from(b.values)).toEqual(Array.from(a.values));

    const ints = tensor([
      [1, -2],
      [3, 40],
    ]);
    const text = formatMatrixMarket(ints, { field: "integer" });
    expect(text.split("\n")[0]).toBe("%%MatrixMarket matrix array integer general");
    expect(dense(text).toRows()).toEqual(ints.toRows());

    const sym = tensor([
      [1, 2, 3],
      [2, 4, 5],
      [3, 5, 6],
    ]);
    const symText = formatMatrixMarket(sym, { symmetry: "symmetric" });
    expect(symText).toBe("%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n6\n");
    expect(dense(symText).toRows()).toEqual(sym.toRows());

    const s = CscMatrix.fromDense(sym);
    const sText = formatMatrixMarket(s, { symmetry: "symmetric" });
    expect(sText.split("\n")[1]).toBe("3 3 6");
    expect(sparse(sText).toDense().toRows()).toEqual(sym.toRows());
  });

  it("round-trips random sparse matrices", () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 20; trial++) {
      const m = 1 + Math.floor(rand() * 30);
      const n = 1 + Math.floor(rand() * 30);
      const r: number[] = [];
      const c: number[] = [];
      const v: number[] = [];
      for (let k = 0; k < m * n * 0.2; k++) {
        r.push(Math.floor(rand() * m));
        c.push(Math.floor(rand() * n));
        v.push((rand() - 0.5) * 10 ** Math.floor(rand() * 20 - 10));
      }
      const a = CscMatrix.fromTriplets(m, n, r, c, v);
      const b = sparse(formatMatrixMarket(a));
      expect(b.shape).toEqual(a.shape);
      expect(Array.from(b.values)).toEqual(Array.from(a.values));
      expect(Array.from(b.rowIndices)).toEqual(Array.from(a.rowIndices));
    }
  });

  it("refuses what the file cannot hold", () => {
    expect(() => formatMatrixMarket(tensor([[1.5]]), { field: "integer" })).toThrow(ValueError);
    expect(() => formatMatrixMarket(tensor([[1]]), { field: "pattern" })).toThrow(/sparse/);
    expect(() =>
      formatMatrixMarket(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        { symmetry: "symmetric" },
      ),
    ).toThrow(/differ/);
    expect(() => formatMatrixMarket(tensor([[1, 2]]), { symmetry: "symmetric" })).toThrow(
      ShapeError,
    );
    const asym = CscMatrix.fromTriplets(2, 2, [1], [0], [1]);
    expect(() => formatMatrixMarket(asym, { symmetry: "symmetric" })).toThrow(/column 0/);
    const asym2 = CscMatrix.fromTriplets(2, 2, [1, 0], [0, 1], [1, 2]);
    expect(() => formatMatrixMarket(asym2, { symmetry: "symmetric" })).toThrow(ValueError);
    const nan = Tensor.fromTypedArray([Number.NaN], [1, 1], { allowNonFinite: true });
    expect(() => formatMatrixMarket(nan)).toThrow(NonFiniteError);
    expect(() => formatMatrixMarket([[1]] as never)).toThrow(ArgumentTypeError);
    expect(() => formatMatrixMarket(tensor([[1]]), { comment: 3 } as never)).toThrow(
      ArgumentTypeError,
    );
    expect(() => formatMatrixMarket(tensor([[1]]), { format: "array" } as never)).toThrow(
      /unknown option `format`/,
    );
  });
});

const DATA = join(dirname(fileURLToPath(import.meta.url)), "../../../../shared/data");
const hasData = existsSync(DATA);
if (!hasData) console.warn(`skipping the shared data-set tests: ${DATA} does not exist`);

describe.skipIf(!hasData)("shared data sets", () => {
  it("parses synthetic-hierarchy/X.mtx as a dense 87 × 90 tensor", () => {
    const text = readFileSync(join(DATA, "synthetic-hierarchy/X.mtx"), "utf8");
    const x = dense(text);
    expect(x.shape).toEqual([87, 90]);
    // The file lists column 0 first: its first value is X[0, 0], its second X[1, 0].
    const lines = text.split("\n").filter((l) => l !== "" && !l.startsWith("%"));
    expect(x.get(0, 0)).toBe(Number(lines[1]));
    expect(x.get(1, 0)).toBe(Number(lines[2]));
    expect(x.get(0, 1)).toBe(Number(lines[1 + 87]));
    // Values and sum checked against scipy.io.mmread.
    expect(x.get(86, 89)).toBe(4.087457246784765);
    expect(x.get(5, 3)).toBe(4.004777188198883);
    expect(x.data.reduce((s, v) => s + v, 0)).toBeCloseTo(8369.750599337487, 8);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of x.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    // Block values 4/2/1/0 plus noise on [0, 0.15].
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(4.15);
    expect(dense(formatMatrixMarket(x)).data).toEqual(x.data);
  });

  it("parses 20news-subsample/X.mtx as a sparse 37693 × 200 matrix with 8473 nonzeros", () => {
    const text = readFileSync(join(DATA, "20news-subsample/X.mtx"), "utf8");
    const x = sparse(text);
    expect(x.shape).toEqual([37693, 200]);
    expect(x.nnz).toBe(8473);
    expect(x.minValue()).toBeGreaterThanOrEqual(0);
    // The first entry of the file: "1603 1 2.6675438514198657e-01".
    expect(x.rowIndices[0]).toBe(1602);
    expect(x.values[0]).toBe(0.26675438514198657);
    expect(Array.from(x.colPtr.subarray(0, 5))).toEqual([0, 14, 40, 54, 80]);
    // Sums computed by scipy.io.mmread on the same file.
    let sum = 0;
    for (const v of x.values) sum += v;
    expect(sum).toBeCloseTo(928.7092634759134, 9);
    expect(x.frobeniusNormSquared()).toBeCloseTo(167.98535826867604, 9);
    const back = sparse(formatMatrixMarket(x));
    expect(Array.from(back.values)).toEqual(Array.from(x.values));
  });
});
