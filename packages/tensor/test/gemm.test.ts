import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentTypeError, ShapeError, ValueError } from "../src/errors.js";
import { chooseDirect, gemm } from "../src/kernels/gemm.js";
import { Random } from "../src/random.js";

/**
 * Textbook definition, written independently of the kernels: one dot product per entry,
 * reading op(A) and op(B) through explicit index formulas.
 */
function reference(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[p * m + i]! : a[i * k + p]!;
        const bpj = transB ? b[j * k + p]! : b[p * n + j]!;
        s += aip * bpj;
      }
      c[i * n + j] = s;
    }
  }
  return c;
}

function randomArray(length: number, rng: Random): Float64Array {
  const x = new Float64Array(length);
  for (let i = 0; i < length; i++) x[i] = rng.uniform() * 2 - 1;
  return x;
}

/**
 * Entry-wise check scaled to the size of the terms: the kernels sum in a different order from
 * the reference, so each entry may differ by a few ulps of Σ|a_ip·b_pj| (a standard forward
 * error bound is k·eps·Σ|a||b|).
 */
function expectClose(
  actual: Float64Array,
  expected: Float64Array,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
): void {
  const absA = a.map(Math.abs);
  const absB = b.map(Math.abs);
  const bound = reference(transA, transB, m, n, k, absA, absB);
  for (let q = 0; q < m * n; q++) {
    const err = Math.abs(actual[q]! - expected[q]!);
    if (!(err <= 2 * (k + 1) * Number.EPSILON * bound[q]!)) {
      throw new Error(
        `entry ${q} of ${m}×${n} (k=${k}, transA=${transA}, transB=${transB}): got ${actual[q]}, expected ${expected[q]}`,
      );
    }
  }
}

const MODES: readonly (readonly [boolean, boolean])[] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

function check(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  seed: number,
  accumulate = false,
): void {
  const rng = new Random(seed);
  const a = randomArray(m * k, rng);
  const b = randomArray(k * n, rng);
  const c0 = randomArray(m * n, rng);
  const aCopy = a.slice();
  const bCopy = b.slice();
  const c = c0.slice();
  gemm(transA, transB, m, n, k, a, b, c, accumulate);
  const expected = reference(transA, transB, m, n, k, a, b);
  if (accumulate) for (let q = 0; q < m * n; q++) expected[q]! += c0[q]!;
  expectClose(c, expected, transA, transB, m, n, k, a, b);
  // Inputs are read only.
  expect(a).toEqual(aCopy);
  expect(b).toEqual(bCopy);
}

describe("gemm", () => {
  describe.each(MODES)("transA=%s transB=%s", (transA, transB) => {
    it("matches the reference on the library's typical shapes", () => {
      check(transA, transB, 87, 90, 9, 1);
      check(transA, transB, 9, 90, 87, 2);
      check(transA, transB, 87, 9, 90, 3);
    });

    it("matches the reference on shapes that take the blocked path", () => {
      // Cover k > KC (several inner blocks, accumulated into C), m > MC with a ragged last row
      // block, n > NC, and ragged micro-tiles on both edges.
      const shapes: [number, number, number][] = [
        [100, 101, 300],
        [97, 1030, 17],
        [200, 35, 513],
      ];
      for (const [m, n, k] of shapes) {
        expect(chooseDirect(transB, m, n, k)).toBe(false);
        check(transA, transB, m, n, k, m + n + k);
        check(transA, transB, m, n, k, m * n * k, true);
      }
    });

    it("matches the reference on random sizes (fast-check)", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 1, max: 40 }),
          fc.boolean(),
          fc.integer(),
          (m, n, k, accumulate, seed) => {
            check(transA, transB, m, n, k, seed, accumulate);
          },
        ),
        { numRuns: 60 },
      );
    });

    it("handles sizes 0 and 1", () => {
      for (const m of [0, 1, 2]) {
        for (const n of [0, 1, 2]) {
          for (const k of [0, 1, 2]) {
            check(transA, transB, m, n, k, 100 + m * 9 + n * 3 + k);
            check(transA, transB, m, n, k, 200 + m * 9 + n * 3 + k, true);
          }
        }
      }
    });
  });

  it("takes both kernels on random shapes around the dispatch thresholds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 130 }),
        fc.integer({ min: 1, max: 130 }),
        fc.integer({ min: 1, max: 130 }),
        fc.constantFrom(...MODES),
        fc.boolean(),
        fc.integer(),
        (m, n, k, [transA, transB], accumulate, seed) => {
          check(transA, transB, m, n, k, seed, accumulate);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("with k = 0 zeroes C, or leaves it alone when accumulating", () => {
    const c = new Float64Array([1, 2, 3, 4, 5, 6, 7]);
    gemm(false, false, 2, 3, 0, new Float64Array(0), new Float64Array(0), c, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    gemm(false, false, 2, 3, 0, new Float64Array(0), new Float64Array(0), c);
    // Only the m·n entries of the result are touched.
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0, 7]);
  });

  it("leaves entries of C beyond m·n untouched on both paths", () => {
    for (const [m, n, k] of [
      [5, 6, 7],
      [70, 80, 90],
    ] as const) {
      const rng = new Random(m);
      const a = randomArray(m * k, rng);
      const b = randomArray(k * n, rng);
      const c = new Float64Array(m * n + 3).fill(42);
      gemm(false, false, m, n, k, a, b, c);
      expect(Array.from(c.subarray(m * n))).toEqual([42, 42, 42]);
    }
  });

  it("overwrites NaN in C unless accumulating (beta = 0 semantics)", () => {
    for (const size of [4, 80]) {
      const a = new Float64Array(size * size).fill(1);
      const b = new Float64Array(size * size).fill(1);
      const c = new Float64Array(size * size).fill(Number.NaN);
      gemm(false, false, size, size, size, a, b, c);
      expect(c.every((v) => v === size)).toBe(true);
      c[0] = Number.NaN;
      gemm(false, false, size, size, size, a, b, c, true);
      expect(c[0]).toBeNaN();
      expect(c[1]).toBe(2 * size);
    }
  });

  it("propagates NaN and Infinity from the operands (no zero skipping)", () => {
    // 0 · Infinity is NaN: a kernel that skips zero entries of A would report 0 here.
    const a = new Float64Array([0, 1]);
    const b = new Float64Array([Number.POSITIVE_INFINITY, 2]);
    const c = new Float64Array(1);
    gemm(false, false, 1, 1, 2, a, b, c);
    expect(c[0]).toBeNaN();
  });

  it("accepts longer buffers and subarray views", () => {
    const backing = new Float64Array(20);
    const a = backing.subarray(2, 8); // 2×3
    a.set([1, 2, 3, 4, 5, 6]);
    const b = new Float64Array([1, 0, 0, 1, 1, 1, 99]); // 3×2, one spare entry
    const c = backing.subarray(10, 14);
    gemm(false, false, 2, 2, 3, a, b, c);
    expect(Array.from(c)).toEqual([4, 5, 10, 11]);
  });

  it("rejects bad sizes, short or aliased buffers and non-Float64Array operands", () => {
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    const c = new Float64Array(4);
    expect(() => gemm(false, false, -1, 2, 3, a, b, c)).toThrow(ShapeError);
    expect(() => gemm(false, false, 2, 2.5, 3, a, b, c)).toThrow(ShapeError);
    expect(() => gemm(false, false, 2, 2, Number.NaN, a, b, c)).toThrow(ShapeError);
    expect(() => gemm(false, false, 2, 2, 4, a, b, c)).toThrow(ShapeError);
    expect(() => gemm(false, false, 2, 3, 3, a, b, c)).toThrow(ShapeError);
    expect(() => gemm(false, false, 2, 2, 3, a, b, c.subarray(1))).toThrow(ShapeError);
    expect(() =>
      gemm(false, false, 2, 2, 3, [1, 2, 3, 4, 5, 6] as unknown as Float64Array, b, c),
    ).toThrow(ArgumentTypeError);
    const shared = new Float64Array(12);
    expect(() =>
      gemm(false, false, 2, 2, 3, shared.subarray(0, 6), b, shared.subarray(4, 8)),
    ).toThrow(ValueError);
    try {
      gemm(false, false, 2, 2, 3, a, b, new Float64Array(3));
    } catch (e) {
      expect((e as ShapeError).argument).toBe("c");
    }
    // Adjacent, non-overlapping views of one buffer are fine.
    gemm(false, false, 2, 2, 3, shared.subarray(0, 6), b, shared.subarray(6, 10));
  });
});
