import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentTypeError, NonFiniteError, ShapeError, ValueError } from "../src/errors.js";
import {
  cholesky,
  choleskySolve,
  lstsq,
  pinv,
  solveLowerTriangular,
  solveUpperTriangular,
  svd,
} from "../src/linalg/index.js";
import { Random } from "../src/random.js";

// ---------------------------------------------------------------------------------------------
// Helpers, written independently of the code under test (plain loops, no gemm).

/** Row-major product of x (m×k) and y (k×n). */
function mul(x: ArrayLike<number>, y: ArrayLike<number>, m: number, k: number, n: number) {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += x[i * k + p]! * y[p * n + j]!;
      out[i * n + j] = s;
    }
  }
  return out;
}

function transpose(x: ArrayLike<number>, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = x[i * n + j]!;
  return out;
}

function maxAbs(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s = Math.max(s, Math.abs(x[i]!));
  return s;
}

function maxDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  expect(x.length).toBe(y.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) s = Math.max(s, Math.abs(x[i]! - y[i]!));
  return s;
}

function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

function gaussian(rows: number, cols: number, rng: Random): Float64Array {
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return x;
}

/**
 * A Gaussian m×n matrix (rankCap 0), or the product of Gaussian factors of width rankCap, which
 * exercises exact rank deficiency.
 */
function lowRankGaussian(m: number, n: number, rankCap: number, rng: Random): Float64Array {
  if (rankCap === 0) return gaussian(m, n, rng);
  return mul(gaussian(m, rankCap, rng), gaussian(rankCap, n, rng), m, rankCap, n);
}

/** Gram matrix XᵀX of the row-major rows×cols X: symmetric PSD of rank ≤ min(rows, cols). */
function gram(x: Float64Array, rows: number, cols: number): Float64Array {
  return mul(transpose(x, rows, cols), x, cols, rows, cols);
}

function expectNoNaN(x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) expect(Number.isFinite(x[i]!)).toBe(true);
}

/** Asserts that calling `fn` throws an error of class `type` naming `argument`. */
function expectThrows(fn: () => unknown, type: new (...args: never[]) => Error, argument: string) {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(type);
  expect((caught as { argument?: string }).argument).toBe(argument);
}

// Entries of moderate size. Subnormal entries are excluded: the pseudo-inverse of a matrix of
// such entries legitimately overflows, which would turn the pinv · b cross-check into Inf · 0.
const small = fc
  .double({ min: -4, max: 4, noNaN: true })
  .map((v) => (Math.abs(v) < 1e-100 ? 0 : v));

interface LstsqCase {
  name: string;
  m: number;
  n: number;
  nrhs: number;
  a: number[];
  b: number[];
  x: number[];
  rank: number;
  singularValues: number[];
  pinv: number[];
  sensitivity: number;
}
interface CholeskyCase {
  name: string;
  n: number;
  a: number[];
  L: number[];
}
const golden = JSON.parse(
  readFileSync(new URL("./fixtures/linalg-golden.json", import.meta.url), "utf8"),
) as { lstsq: LstsqCase[]; cholesky: CholeskyCase[] };

// ---------------------------------------------------------------------------------------------

describe("cholesky", () => {
  it.each(golden.cholesky.map((c) => [c.name, c] as const))(
    "matches NumPy on a positive definite matrix: %s",
    (_, c) => {
      const a = Float64Array.from(c.a);
      const { factor, rank, fullRank, dropped } = cholesky(a, c.n);
      expect(rank).toBe(c.n);
      expect(fullRank).toBe(true);
      expect(Array.from(dropped)).toEqual(new Array(c.n).fill(0));
      // Backward error is small whatever the conditioning; forward error may grow with it.
      const rec = mul(factor, transpose(factor, c.n, c.n), c.n, c.n, c.n);
      expect(maxDiff(rec, a)).toBeLessThanOrEqual(4 * c.n * Number.EPSILON * maxAbs(a));
      const tol = c.name.startsWith("hilbert") ? 1e-8 : 1e-13;
      expect(maxDiff(factor, c.L)).toBeLessThanOrEqual(tol * maxAbs(c.L));
    },
  );

  it("zeroes the strict upper triangle", () => {
    const rng = new Random(1);
    const a = gram(gaussian(7, 5, rng), 7, 5);
    const { factor } = cholesky(a, 5, { out: new Float64Array(25).fill(7) });
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expect(factor[i * 5 + j]).toBe(0);
  });

  it("drops the pivots of dependent variables and keeps going", () => {
    const rng = new Random(2);
    // Six variables spanning a space of dimension 3: generically the first three are
    // independent and the last three are combinations of them.
    const a = gram(gaussian(3, 6, rng), 3, 6);
    const { factor, rank, fullRank, dropped } = cholesky(a, 6);
    expectNoNaN(factor);
    expect(rank).toBe(3);
    expect(fullRank).toBe(false);
    expect(Array.from(dropped)).toEqual([0, 0, 0, 1, 1, 1]);
    for (let j = 3; j < 6; j++) for (let i = 0; i < 6; i++) expect(factor[i * 6 + j]).toBe(0);
    const rec = mul(factor, transpose(factor, 6, 6), 6, 6, 6);
    expect(maxDiff(rec, a)).toBeLessThanOrEqual(1e-12 * maxAbs(a));
  });

  it("keeps exactly the factor of the principal submatrix on the kept variables", () => {
    const rng = new Random(7);
    const n = 6;
    // Variables 1 and 4 depend on the others.
    const x = gaussian(8, n, rng);
    for (let i = 0; i < 8; i++) {
      x[i * n + 1] = 2 * x[i * n]!;
      x[i * n + 4] = x[i * n + 2]! - x[i * n + 3]!;
    }
    const a = gram(x, 8, n);
    const { factor, dropped } = cholesky(a, n);
    expect(Array.from(dropped)).toEqual([0, 1, 0, 0, 1, 0]);
    const kept = [0, 2, 3, 5];
    const sub = new Float64Array(16);
    for (const [r, i] of kept.entries())
      for (const [c, j] of kept.entries()) sub[r * 4 + c] = a[i * n + j]!;
    const expected = cholesky(sub, 4).factor;
    for (const [r, i] of kept.entries()) {
      for (const [c, j] of kept.entries()) expect(factor[i * n + j]).toBe(expected[r * 4 + c]);
    }
  });

  it("detects a duplicated variable wherever it sits", () => {
    // Columns x, y, x, z: variable 2 repeats variable 0.
    const rng = new Random(3);
    const x = gaussian(5, 3, rng);
    const cols = new Float64Array(5 * 4);
    for (let i = 0; i < 5; i++) {
      cols[i * 4] = x[i * 3]!;
      cols[i * 4 + 1] = x[i * 3 + 1]!;
      cols[i * 4 + 2] = x[i * 3]!;
      cols[i * 4 + 3] = x[i * 3 + 2]!;
    }
    const { rank, dropped, factor } = cholesky(gram(cols, 5, 4), 4);
    expect(rank).toBe(3);
    expect(Array.from(dropped)).toEqual([0, 0, 1, 0]);
    expectNoNaN(factor);
  });

  it("handles zero matrices, zero variables and n = 0", () => {
    const zero = cholesky(new Float64Array(9), 3);
    expect(zero.rank).toBe(0);
    expect(Array.from(zero.dropped)).toEqual([1, 1, 1]);
    expect(Array.from(zero.factor)).toEqual(new Array(9).fill(0));

    const { factor, rank, dropped } = cholesky(new Float64Array([4, 0, 0, 0, 0, 0, 0, 0, 9]), 3);
    expect(rank).toBe(2);
    expect(Array.from(dropped)).toEqual([0, 1, 0]);
    expect(Array.from(factor)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 3]);

    const empty = cholesky(new Float64Array(0), 0);
    expect(empty.rank).toBe(0);
    expect(empty.fullRank).toBe(true);
    expect(empty.factor.length).toBe(0);
  });

  it("never produces NaN on slightly or clearly indefinite input", () => {
    const rng = new Random(4);
    const a = gram(gaussian(3, 5, rng), 3, 5);
    // Push the zero eigenvalues slightly negative, as rounding in a Gram matrix can.
    for (let i = 0; i < 5; i++) a[i * 5 + i]! -= 1e-13 * maxAbs(a);
    const r = cholesky(a, 5);
    expectNoNaN(r.factor);
    expect(r.rank).toBe(3);

    const indefinite = cholesky(new Float64Array([1, 2, 2, 1]), 2);
    expectNoNaN(indefinite.factor);
    expect(indefinite.rank).toBe(1);
    expect(Array.from(indefinite.dropped)).toEqual([0, 1]);

    const negative = cholesky(new Float64Array([-1, 0, 0, -2]), 2);
    expect(negative.rank).toBe(0);
    expectNoNaN(negative.factor);
  });

  it("is scale invariant (rank and flags) and scale equivariant (factor)", () => {
    const rng = new Random(5);
    const base = gram(gaussian(4, 7, rng), 4, 7);
    const ref = cholesky(base, 7);
    expect(ref.rank).toBe(4);
    for (const c of [1e-9, 1e9, 1e-150, 1e150]) {
      const scaled = base.map((v) => v * c);
      const r = cholesky(scaled, 7);
      expect(r.rank).toBe(ref.rank);
      expect(Array.from(r.dropped)).toEqual(Array.from(ref.dropped));
      const expected = ref.factor.map((v) => v * Math.sqrt(c));
      expect(maxDiff(r.factor, expected)).toBeLessThanOrEqual(1e-12 * maxAbs(expected));
    }
    // A power-of-two scale changes nothing but exponents: the factor scales exactly.
    const exact = cholesky(
      base.map((v) => v * 2 ** 40),
      7,
    );
    expect(Array.from(exact.factor)).toEqual(Array.from(ref.factor.map((v) => v * 2 ** 20)));
  });

  it("uses the tolerance relative to the largest diagonal entry", () => {
    // Second variable has a relative pivot of 1e-8 (a near-duplicate of the first).
    const eps = 1e-4;
    const a = new Float64Array([1, 1, 1, 1 + eps * eps]);
    expect(cholesky(a, 2).rank).toBe(2);
    expect(cholesky(a, 2, { tolerance: 1e-6 }).rank).toBe(1);
    expect(cholesky(a, 2, { tolerance: 0 }).rank).toBe(2);
  });

  it("factors in place and into caller buffers", () => {
    const rng = new Random(6);
    const a = gram(gaussian(4, 6, rng), 4, 6);
    const expected = cholesky(a, 6);
    const work = a.slice();
    const dropped = new Uint8Array(6);
    const inPlace = cholesky(work, 6, { out: work, dropped });
    expect(inPlace.factor).toBe(work);
    expect(inPlace.dropped).toBe(dropped);
    expect(Array.from(work)).toEqual(Array.from(expected.factor));
    expect(Array.from(dropped)).toEqual(Array.from(expected.dropped));
  });

  it("reads only the lower triangle", () => {
    const a = new Float64Array([4, Number.NaN, 2, 5]);
    const { factor } = cholesky(a, 2);
    expect(Array.from(factor)).toEqual([2, 0, 1, 2]);
  });

  it("holds its properties on random semi-definite matrices (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        (n, r, seed) => {
          const rng = new Random(seed);
          const x = gaussian(r, n, rng);
          const a = gram(x, r, n);
          const { factor, rank, dropped } = cholesky(a, n);
          expectNoNaN(factor);
          expect(dropped.reduce((s, v) => s + v, 0)).toBe(n - rank);
          const rec = mul(factor, transpose(factor, n, n), n, n, n);
          // Without pivoting, later pivots carry rounding errors up to n·ε·κ(A_KK)·max a_ii, so
          // the documented guarantee (exact rank and flags, reconstruction to 1e-11) holds when κ
          // of the leading block, (σ_max/σ_min)² of the leading columns of x, stays below
          // tolerance/(n·ε) ≈ 4500/n. For the rare ill-conditioned draws the dropped Schur
          // complement is of that size, and that is the bound checked (κ = 1.1e7 gave 7.4e-10).
          const lead = Math.min(r, n);
          const leading = new Float64Array(r * lead);
          for (let i = 0; i < r; i++)
            for (let j = 0; j < lead; j++) leading[i * lead + j] = x[i * n + j]!;
          const { s } = svd(leading, r, lead);
          const kappa = (s[0]! / s[lead - 1]!) ** 2;
          const roundingBound = n * Number.EPSILON * kappa * maxAbs(a);
          expect(maxDiff(rec, a)).toBeLessThanOrEqual(Math.max(1e-11 * maxAbs(a), roundingBound));
          if (kappa < 4500 / n) {
            expect(rank).toBe(lead);
            for (let j = 0; j < n; j++) expect(dropped[j]).toBe(j < lead ? 0 : 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects bad arguments with typed errors", () => {
    const a = new Float64Array([4, 0, 0, 9]);
    expectThrows(() => cholesky(a, -1), ShapeError, "n");
    expectThrows(() => cholesky(a, 1.5), ShapeError, "n");
    expectThrows(() => cholesky(a, 3), ShapeError, "a");
    expectThrows(
      () => cholesky([4, 0, 0, 9] as unknown as Float64Array, 2),
      ArgumentTypeError,
      "a",
    );
    expectThrows(() => cholesky(new Float64Array([4, 0, Number.NaN, 9]), 2), NonFiniteError, "a");
    expectThrows(
      () => cholesky(new Float64Array([Number.POSITIVE_INFINITY, 0, 0, 9]), 2),
      NonFiniteError,
      "a",
    );
    expectThrows(() => cholesky(a, 2, { tolerance: -1 }), ValueError, "tolerance");
    expectThrows(() => cholesky(a, 2, { tolerance: Number.NaN }), ValueError, "tolerance");
    expectThrows(() => cholesky(a, 2, { out: new Float64Array(3) }), ShapeError, "out");
    expectThrows(() => cholesky(a, 2, { dropped: new Uint8Array(1) }), ShapeError, "dropped");
    const shared = new Float64Array(6);
    shared.set([4, 0, 0, 9]);
    expectThrows(
      () => cholesky(shared.subarray(0, 4), 2, { out: shared.subarray(1, 5) }),
      ValueError,
      "out",
    );
  });
});

describe("choleskySolve", () => {
  it("solves positive definite systems with several right-hand sides", () => {
    const rng = new Random(10);
    const n = 6;
    const a = gram(gaussian(9, n, rng), 9, n);
    const xTrue = gaussian(n, 3, rng);
    const b = mul(a, xTrue, n, n, 3);
    const { factor } = cholesky(a, n);
    const x = choleskySolve(factor, n, b, 3);
    expect(maxDiff(x, xTrue)).toBeLessThanOrEqual(1e-10 * maxAbs(xTrue));
  });

  it("solves the kept subsystem and zeroes dropped components", () => {
    const rng = new Random(11);
    const n = 5;
    // Rank 3: variables 3 and 4 depend on 0..2.
    const a = gram(gaussian(3, n, rng), 3, n);
    const { factor, dropped } = cholesky(a, n);
    expect(Array.from(dropped)).toEqual([0, 0, 0, 1, 1]);
    // A right-hand side in the range of A: the answer is an exact solution.
    const b = mul(a, gaussian(n, 2, rng), n, n, 2);
    const x = choleskySolve(factor, n, b, 2, { dropped });
    expectNoNaN(x);
    for (let c = 0; c < 2; c++) {
      expect(x[3 * 2 + c]).toBe(0);
      expect(x[4 * 2 + c]).toBe(0);
    }
    expect(maxDiff(mul(a, x, n, n, 2), b)).toBeLessThanOrEqual(1e-10 * maxAbs(b));
    // Same answer without the flags: the zero diagonal entries identify the dropped pivots.
    expect(Array.from(choleskySolve(factor, n, b, 2))).toEqual(Array.from(x));
    // Any right-hand side: the kept block A_KK x_K = b_K holds exactly.
    const b2 = gaussian(n, 1, rng);
    const x2 = choleskySolve(factor, n, b2, 1, { dropped });
    expectNoNaN(x2);
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let j = 0; j < 3; j++) s += a[i * n + j]! * x2[j]!;
      expect(s).toBeCloseTo(b2[i]!, 9);
    }
  });

  it("gives zero for a zero matrix and handles empty sizes", () => {
    const { factor, dropped } = cholesky(new Float64Array(4), 2);
    expect(Array.from(choleskySolve(factor, 2, new Float64Array([1, 2]), 1, { dropped }))).toEqual([
      0, 0,
    ]);
    expect(choleskySolve(new Float64Array(0), 0, new Float64Array(0), 3).length).toBe(0);
    expect(choleskySolve(new Float64Array([2]), 1, new Float64Array(0), 0).length).toBe(0);
  });

  it("solves in place", () => {
    const a = new Float64Array([4, 2, 2, 3]);
    const { factor } = cholesky(a, 2);
    const b = new Float64Array([2, 1]); // solution [0.5, 0]
    const x = choleskySolve(factor, 2, b, 1, { out: b });
    expect(x).toBe(b);
    expect(b[0]).toBeCloseTo(0.5, 14);
    expect(Math.abs(b[1]!)).toBeLessThan(1e-15);
  });

  it("rejects bad arguments with typed errors", () => {
    const f = new Float64Array([2, 0, 1, 1]);
    const b = new Float64Array([1, 1]);
    expectThrows(() => choleskySolve(f, 2, b, -1), ShapeError, "nrhs");
    expectThrows(() => choleskySolve(f, 3, b, 1), ShapeError, "factor");
    expectThrows(() => choleskySolve(f, 2, b, 2), ShapeError, "b");
    expectThrows(
      () => choleskySolve(f, 2, new Float64Array([1, Number.NaN]), 1),
      NonFiniteError,
      "b",
    );
    expectThrows(
      () => choleskySolve(f, 2, b, 1, { dropped: [0, 0] as unknown as Uint8Array }),
      ArgumentTypeError,
      "dropped",
    );
    expectThrows(() => choleskySolve(f, 2, b, 1, { out: f }), ValueError, "out");
  });
});

describe("triangular solves", () => {
  /** Random n×n triangle with a well-conditioned diagonal, and NaN in the part never read. */
  function triangle(n: number, lower: boolean, unit: boolean, rng: Random): Float64Array {
    const t = new Float64Array(n * n).fill(Number.NaN);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j)
          t[i * n + j] = unit ? Number.NaN : (rng.uniform() + 1) * (rng.uniform() < 0.5 ? -1 : 1);
        else if (lower ? j < i : j > i) t[i * n + j] = (rng.uniform() - 0.5) / n;
      }
    }
    return t;
  }

  /** The dense matrix op(T) that a solve with these flags inverts. */
  function effective(t: Float64Array, n: number, lower: boolean, unit: boolean, trans: boolean) {
    const dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) dense[i * n + j] = unit ? 1 : t[i * n + j]!;
        else if (lower ? j < i : j > i) dense[i * n + j] = t[i * n + j]!;
      }
    }
    return trans ? transpose(dense, n, n) : dense;
  }

  const cases = [true, false].flatMap((lower) =>
    [false, true].flatMap((transpose) =>
      [false, true].map((unitDiagonal) => ({ lower, transpose, unitDiagonal })),
    ),
  );

  it.each(cases)("recovers known solutions: %o", ({ lower, transpose: trans, unitDiagonal }) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer(),
        (n, nrhs, seed) => {
          const rng = new Random(seed);
          const t = triangle(n, lower, unitDiagonal, rng);
          const xTrue = gaussian(n, nrhs, rng);
          const b = mul(effective(t, n, lower, unitDiagonal, trans), xTrue, n, n, nrhs);
          const solve = lower ? solveLowerTriangular : solveUpperTriangular;
          const x = solve(t, n, b, nrhs, { transpose: trans, unitDiagonal });
          expect(maxDiff(x, xTrue)).toBeLessThanOrEqual(1e-12 * Math.max(1, maxAbs(xTrue)));
          // In place gives the same numbers.
          const inPlace = b.slice();
          solve(t, n, inPlace, nrhs, { transpose: trans, unitDiagonal, out: inPlace });
          expect(Array.from(inPlace)).toEqual(Array.from(x));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("throws ValueError on a zero pivot and leaves an in-place right-hand side intact", () => {
    const L = new Float64Array([1, 0, 0, 2, 0, 0, 3, 4, 5]);
    const b = new Float64Array([1, 2, 3]);
    expectThrows(() => solveLowerTriangular(L, 3, b, 1, { out: b }), ValueError, "L");
    expect(Array.from(b)).toEqual([1, 2, 3]);
    const U = new Float64Array([1, 2, 0, 0]);
    expectThrows(() => solveUpperTriangular(U, 2, new Float64Array(2), 1), ValueError, "U");
    // With a unit diagonal the zero is never read.
    expect(Array.from(solveLowerTriangular(L, 3, b, 1, { unitDiagonal: true }))).toEqual([1, 0, 0]);
  });

  it("rejects bad arguments with typed errors", () => {
    const L = new Float64Array([1, 0, 1, 1]);
    const b = new Float64Array([1, 1]);
    expectThrows(() => solveLowerTriangular(L, Number.NaN, b, 1), ShapeError, "n");
    expectThrows(() => solveLowerTriangular(L, 2, b, 3), ShapeError, "b");
    expectThrows(() => solveUpperTriangular(L.subarray(1), 2, b, 1), ShapeError, "U");
    expectThrows(
      () => solveLowerTriangular(new Float64Array([1, 0, Number.NaN, 1]), 2, b, 1),
      NonFiniteError,
      "L",
    );
    expectThrows(
      () => solveLowerTriangular(L, 2, b, 1, { out: new Float64Array(1) }),
      ShapeError,
      "out",
    );
    expectThrows(() => solveLowerTriangular(L, 2, b, 1, { out: L }), ValueError, "out");
  });
});

describe("svd", () => {
  function checkSvd(a: Float64Array, m: number, n: number): void {
    const { u, s, vt } = svd(a, m, n);
    const r = Math.min(m, n);
    expect(u.length).toBe(m * r);
    expect(s.length).toBe(r);
    expect(vt.length).toBe(r * n);
    for (let k = 0; k < r; k++) {
      expect(s[k]).toBeGreaterThanOrEqual(0);
      if (k > 0) expect(s[k]).toBeLessThanOrEqual(s[k - 1]!);
    }
    const scale = Math.max(maxAbs(a), Number.MIN_VALUE);
    const us = new Float64Array(m * r);
    for (let i = 0; i < m; i++) for (let k = 0; k < r; k++) us[i * r + k] = u[i * r + k]! * s[k]!;
    const tol = 1e-13 * Math.max(m, n);
    expect(maxDiff(mul(us, vt, m, r, n), a)).toBeLessThanOrEqual(tol * scale);
    expect(maxDiff(mul(transpose(u, m, r), u, r, m, r), identity(r))).toBeLessThanOrEqual(tol);
    expect(maxDiff(mul(vt, transpose(vt, r, n), r, n, r), identity(r))).toBeLessThanOrEqual(tol);
  }

  it("decomposes tall, wide, square, rank-deficient, zero and empty matrices", () => {
    const rng = new Random(20);
    checkSvd(gaussian(7, 4, rng), 7, 4);
    checkSvd(gaussian(4, 7, rng), 4, 7);
    checkSvd(gaussian(5, 5, rng), 5, 5);
    checkSvd(mul(gaussian(6, 2, rng), gaussian(2, 5, rng), 6, 2, 5), 6, 5);
    checkSvd(mul(gaussian(3, 1, rng), gaussian(1, 8, rng), 3, 1, 8), 3, 8);
    checkSvd(new Float64Array(12), 3, 4);
    checkSvd(new Float64Array(12), 4, 3);
    checkSvd(new Float64Array([-3]), 1, 1);
    checkSvd(new Float64Array(0), 0, 4);
    checkSvd(new Float64Array(0), 4, 0);
    // A matrix with an exactly zero column and an exactly zero row.
    checkSvd(new Float64Array([1, 0, 2, 0, 0, 0, 3, 0, 4, 5, 0, 6]), 4, 3);
  });

  it("matches NumPy's singular values", () => {
    for (const c of golden.lstsq) {
      const { s } = svd(Float64Array.from(c.a), c.m, c.n);
      const top = c.singularValues[0] ?? 0;
      expect(maxDiff(s, c.singularValues)).toBeLessThanOrEqual(1e-14 * Math.max(c.m, c.n) * top);
    }
  });

  it("handles entries of extreme magnitude", () => {
    const rng = new Random(21);
    const base = gaussian(5, 3, rng);
    const ref = svd(base, 5, 3).s;
    for (const c of [1e-200, 1e200]) {
      const { s } = svd(
        base.map((v) => v * c),
        5,
        3,
      );
      expectNoNaN(s);
      expect(
        maxDiff(
          s,
          ref.map((v) => v * c),
        ),
      ).toBeLessThanOrEqual(1e-14 * ref[0]! * c);
    }
  });

  it("holds on random matrices (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer(),
        (m, n, rankCap, seed) => {
          const a = lowRankGaussian(m, n, rankCap, new Random(seed));
          checkSvd(a, m, n);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("rejects bad arguments with typed errors", () => {
    expectThrows(() => svd(new Float64Array(4), 2, -2), ShapeError, "n");
    expectThrows(() => svd(new Float64Array(3), 2, 2), ShapeError, "a");
    expectThrows(() => svd(new Float64Array([1, Number.NaN]), 1, 2), NonFiniteError, "a");
  });
});

describe("lstsq and pinv", () => {
  it.each(golden.lstsq.map((c) => [c.name, c] as const))("match NumPy: %s", (_, c) => {
    const a = Float64Array.from(c.a);
    const b = Float64Array.from(c.b);
    const tol = 1e-13 * c.sensitivity;
    const r = lstsq(a, c.m, c.n, b, c.nrhs);
    expect(r.rank).toBe(c.rank);
    expect(r.x.length).toBe(c.n * c.nrhs);
    expect(maxDiff(r.x, c.x)).toBeLessThanOrEqual(tol * Math.max(maxAbs(c.x), Number.MIN_VALUE));
    const top = c.singularValues[0] ?? 0;
    expect(maxDiff(r.singularValues, c.singularValues)).toBeLessThanOrEqual(
      1e-14 * Math.max(c.m, c.n) * top,
    );
    const p = pinv(a, c.m, c.n);
    expect(p.length).toBe(c.n * c.m);
    expect(maxDiff(p, c.pinv)).toBeLessThanOrEqual(
      tol * Math.max(maxAbs(c.pinv), Number.MIN_VALUE),
    );
  });

  it("pinv satisfies the four Moore–Penrose conditions (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer(),
        (m, n, rankCap, seed) => {
          const a = lowRankGaussian(m, n, rankCap, new Random(seed));
          const p = pinv(a, m, n);
          const ap = mul(a, p, m, n, m);
          const pa = mul(p, a, n, m, n);
          // Gaussian products are well conditioned on their range, except for rare draws;
          // scale the tolerance by the condition number of the kept part to stay honest.
          const { s } = svd(a, m, n);
          const rank = lstsq(a, m, n, new Float64Array(m), 1).rank;
          const cond = s[0]! / s[rank - 1]!;
          const tol = 1e-12 * cond * cond;
          expect(maxDiff(mul(ap, a, m, m, n), a)).toBeLessThanOrEqual(tol * maxAbs(a));
          expect(maxDiff(mul(pa, p, n, n, m), p)).toBeLessThanOrEqual(tol * maxAbs(p));
          expect(maxDiff(ap, transpose(ap, m, m))).toBeLessThanOrEqual(tol);
          expect(maxDiff(pa, transpose(pa, n, n))).toBeLessThanOrEqual(tol);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("lstsq agrees with pinv · b and gives the minimum-norm solution", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(small, { minLength: 36, maxLength: 36 }),
        fc.array(small, { minLength: 12, maxLength: 12 }),
        (m, n, k, entries, rhs) => {
          // Rank ≤ min(k, m, n) through a product, from fast-check-chosen entries.
          const left = Float64Array.from(entries.slice(0, m * k));
          const right = Float64Array.from(entries.slice(m * k, m * k + k * n));
          if (left.length < m * k || right.length < k * n) return;
          const a = mul(left, right, m, k, n);
          const b = Float64Array.from(rhs.slice(0, m * 2));
          if (b.length < m * 2) return;
          const { x, rank } = lstsq(a, m, n, b, 2);
          expectNoNaN(x);
          const viaPinv = mul(pinv(a, m, n), b, n, m, 2);
          const scale = Math.max(1, maxAbs(viaPinv));
          const cond = (() => {
            const { s } = svd(a, m, n);
            return rank === 0 ? 1 : s[0]! / s[rank - 1]!;
          })();
          expect(maxDiff(x, viaPinv)).toBeLessThanOrEqual(1e-11 * cond * cond * scale);
          // Minimum norm: x lies in the row space of a, i.e. (I − a⁺a) x = 0.
          const pa = mul(pinv(a, m, n), a, n, m, n);
          const proj = mul(pa, x, n, n, 2);
          expect(maxDiff(proj, x)).toBeLessThanOrEqual(1e-10 * cond * cond * scale);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("rcond raises the cutoff", () => {
    // Singular values 3, 2 and 1e-6.
    const a = new Float64Array([3, 0, 0, 0, 2, 0, 0, 0, 1e-6]);
    const b = new Float64Array([3, 2, 1]);
    expect(lstsq(a, 3, 3, b, 1).rank).toBe(3);
    const cut = lstsq(a, 3, 3, b, 1, { rcond: 1e-3 });
    expect(cut.rank).toBe(2);
    expect(Array.from(cut.x)).toEqual([1, 1, 0]);
    expect(Array.from(pinv(a, 3, 3, { rcond: 1e-3 }))).toEqual([1 / 3, 0, 0, 0, 0.5, 0, 0, 0, 0]);
    expect(Array.from(pinv(a, 3, 3, { rcond: 1 }))).toEqual(new Array(9).fill(0));
  });

  it("handles empty systems", () => {
    const r = lstsq(new Float64Array(0), 0, 3, new Float64Array(0), 2);
    expect(Array.from(r.x)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.rank).toBe(0);
    expect(pinv(new Float64Array(0), 3, 0).length).toBe(0);
    expect(Array.from(pinv(new Float64Array(0), 0, 2))).toEqual([]);
  });

  it("rejects bad arguments with typed errors", () => {
    const a = new Float64Array([1, 2, 3, 4]);
    const b = new Float64Array([1, 1]);
    expectThrows(() => lstsq(a, 2, 2, b, -1), ShapeError, "nrhs");
    expectThrows(() => lstsq(a, 2, 3, b, 1), ShapeError, "a");
    expectThrows(() => lstsq(a, 2, 2, b, 2), ShapeError, "b");
    expectThrows(() => lstsq(a, 2, 2, new Float64Array([1, Number.NaN]), 1), NonFiniteError, "b");
    expectThrows(() => lstsq(a, 2, 2, b, 1, { rcond: -1 }), ValueError, "rcond");
    expectThrows(() => pinv(a, 2, 2, { rcond: Number.POSITIVE_INFINITY }), ValueError, "rcond");
    expectThrows(() => pinv(new Float64Array([Number.NaN]), 1, 1), NonFiniteError, "a");
    expectThrows(() => pinv(a as unknown as Float64Array, 3, 3), ShapeError, "a");
  });
});
