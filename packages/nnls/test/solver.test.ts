import { readFileSync } from "node:fs";
import {
  ArgumentTypeError,
  CscMatrix,
  NonFiniteError,
  Random,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { type NnlsMethod, nnls, nnlsGram } from "../src/index.js";
import { kktViolation } from "./kkt.js";

interface GoldenCase {
  name: string;
  m: number;
  k: number;
  n: number;
  unique: boolean;
  A: number[][];
  X: number[][];
  S: number[][];
  residual: number[];
}

const golden = JSON.parse(
  readFileSync(new URL("./fixtures/nnls-golden.json", import.meta.url), "utf8"),
) as { oracle: string; cases: GoldenCase[] };

const METHODS: NnlsMethod[] = ["auto", "bpp", "active-set"];

/** ‖x_j − A s_j‖₂ for every column, computed in m-space. */
function residuals(A: Tensor, X: Tensor, S: Tensor): number[] {
  const [m, k] = [A.rows, A.cols];
  const n = X.cols;
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    let f = 0;
    for (let i = 0; i < m; i++) {
      let v = X.data[i * n + j]!;
      for (let l = 0; l < k; l++) v -= A.data[i * k + l]! * S.data[l * n + j]!;
      f += v * v;
    }
    out.push(Math.sqrt(f));
  }
  return out;
}

function column(S: Tensor, j: number): number[] {
  return Array.from(S.column(j));
}

describe("golden problems (scipy.optimize.nnls)", () => {
  it.each(METHODS)(
    "A=[[1,0],[1,0],[0,1]]: x=[2,1,1] → [1.5, 1]; x=[-1,-1,-1] → 0 (%s)",
    (method) => {
      const A = tensor([
        [1, 0],
        [1, 0],
        [0, 1],
      ]);
      const r = nnls(
        A,
        tensor([
          [2, -1],
          [1, -1],
          [1, -1],
        ]),
        { method },
      );
      expect(column(r.S, 0)[0]).toBeCloseTo(1.5, 14);
      expect(column(r.S, 0)[1]).toBeCloseTo(1, 14);
      expect(column(r.S, 1)).toEqual([0, 0]);
      expect(r.converged).toBe(true);
      expect(r.unconverged).toBe(0);
      expect(Array.from(r.passive)).toEqual([1, 0, 1, 0]);
    },
  );

  it.each(METHODS)("Bro & De Jong: s = [0.64953844, 0, 0], residual 39.8125581 (%s)", (method) => {
    const Z = tensor([
      [73, 71, 52],
      [87, 74, 46],
      [72, 2, 7],
      [80, 89, 71],
    ]);
    const x = tensor([49, 67, 68, 20]);
    const r = nnls(Z, x, { method });
    const s = column(r.S, 0);
    expect(s[0]).toBeCloseTo(0.64953844, 8);
    expect(s[1]).toBe(0);
    expect(s[2]).toBe(0);
    expect(residuals(Z, x, r.S)[0]).toBeCloseTo(39.8125581, 7);
    expect(r.maxKktViolation).toBeLessThanOrEqual(1e-10);
  });

  for (const c of golden.cases) {
    it.each(METHODS)(`${c.name} (m=${c.m}, k=${c.k}, n=${c.n}, %s)`, (method) => {
      const A = tensor(c.A);
      const X = tensor(c.X);
      const r = nnls(A, X, { method });
      expect(r.S.shape).toEqual([c.k, c.n]);
      const res = residuals(A, X, r.S);
      for (let j = 0; j < c.n; j++) {
        let xn = 0;
        for (let i = 0; i < c.m; i++) xn += c.X[i]![j]! ** 2;
        xn = Math.sqrt(xn);
        // The optimal value is unique; ours is never worse than scipy's beyond rounding.
        expect(Math.abs(res[j]! - c.residual[j]!)).toBeLessThanOrEqual(
          1e-10 * Math.max(xn, 1e-300),
        );
        if (c.unique) {
          let smax = 0;
          for (let l = 0; l < c.k; l++) smax = Math.max(smax, Math.abs(c.S[l]![j]!));
          for (let l = 0; l < c.k; l++) {
            expect(Math.abs(r.S.get(l, j) - c.S[l]![j]!)).toBeLessThanOrEqual(1e-9 * smax);
            // Same support as scipy (up to entries at rounding level: scipy returns 3.6e-16
            // for an exact zero in the exact-fit column of `cones-and-zeros`).
            if (Math.abs(c.S[l]![j]!) > 1e-12 * smax) expect(r.S.get(l, j) > 0).toBe(true);
            else expect(r.S.get(l, j)).toBeLessThanOrEqual(1e-12 * smax);
          }
        }
      }
      expect(r.converged).toBe(true);
      expect(r.maxKktViolation).toBeLessThanOrEqual(1e-10);
      expect(kktViolation(A, X, r.S)).toBeLessThanOrEqual(1e-9);
    });
  }
});

describe("edge cases", () => {
  const rng = new Random(3);
  const rand = (m: number, n: number, f: () => number = () => rng.normal()): Tensor =>
    new Tensor(Float64Array.from({ length: m * n }, f), [m, n]);

  it("k = 1 is a clipped projection", () => {
    const a = tensor([1, 2, -1]);
    const X = tensor([
      [1, -1],
      [1, -1],
      [1, -1],
    ]);
    const r = nnls(a, X);
    expect(r.S.get(0, 0)).toBeCloseTo(2 / 6, 15);
    expect(r.S.get(0, 1)).toBe(0);
  });

  it("n = 0, k = 0 and m = 0 give empty or zero answers", () => {
    const A = rand(5, 3);
    const r0 = nnls(A, new Tensor(new Float64Array(0), [5, 0]));
    expect(r0.S.shape).toEqual([3, 0]);
    expect(r0.converged).toBe(true);
    expect(r0.iterations).toBe(0);
    const r1 = nnls(new Tensor(new Float64Array(0), [5, 0]), rand(5, 4));
    expect(r1.S.shape).toEqual([0, 4]);
    const r2 = nnls(
      new Tensor(new Float64Array(0), [0, 3]),
      new Tensor(new Float64Array(0), [0, 2]),
    );
    expect(Array.from(r2.S.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r2.converged).toBe(true);
  });

  it("zero columns of X and columns in the negative cone give exactly 0", () => {
    const A = rand(8, 4, () => rng.uniform());
    const X = new Tensor(new Float64Array(8 * 3), [8, 3]);
    for (let i = 0; i < 8; i++) {
      X.data[i * 3 + 1] = -rng.uniform();
      X.data[i * 3 + 2] = -(A.data[i * 4]! + 2 * A.data[i * 4 + 3]!);
    }
    for (const method of METHODS) {
      const r = nnls(A, X, { method });
      expect(Array.from(r.S.data)).toEqual(new Array(12).fill(0));
      expect(r.converged).toBe(true);
      expect(r.maxKktViolation).toBe(0);
    }
  });

  it("zero, duplicate and dependent columns of A: KKT holds, no NaN", () => {
    const B = rand(20, 4);
    const A = new Tensor(new Float64Array(20 * 7), [20, 7]);
    for (let i = 0; i < 20; i++) {
      const b = B.data.subarray(i * 4, i * 4 + 4);
      A.data.set([b[0]!, 0, b[1]!, b[1]!, b[2]!, b[3]!, b[0]! + 2 * b[2]!], i * 7);
    }
    const X = rand(20, 30);
    for (const method of METHODS) {
      const r = nnls(A, X, { method });
      for (const v of r.S.data) expect(Number.isFinite(v) && v >= 0).toBe(true);
      for (let j = 0; j < 30; j++) expect(r.S.get(1, j)).toBe(0); // zero column stays at 0
      expect(r.converged).toBe(true);
      expect(kktViolation(A, X, r.S)).toBeLessThanOrEqual(1e-9);
    }
  });

  it("m < k (wide A) and rank-deficient A reach the optimum", () => {
    for (const [m, k] of [
      [3, 10],
      [1, 4],
      [6, 6],
    ] as const) {
      const A =
        m === 6
          ? (() => {
              const L = rand(6, 2);
              const R = rand(2, 6);
              const out = new Float64Array(36);
              for (let i = 0; i < 6; i++)
                for (let j = 0; j < 6; j++)
                  out[i * 6 + j] =
                    L.data[i * 2]! * R.data[j]! + L.data[i * 2 + 1]! * R.data[6 + j]!;
              return new Tensor(out, [6, 6]);
            })()
          : rand(m, k);
      const X = rand(m, 25);
      for (const method of METHODS) {
        const r = nnls(A, X, { method });
        expect(r.converged).toBe(true);
        expect(kktViolation(A, X, r.S)).toBeLessThanOrEqual(1e-8);
      }
    }
  });

  it("near-singular G_PP (nearly collinear columns) never produces NaN and reports honestly", () => {
    const A = rand(30, 5);
    for (let i = 0; i < 30; i++) {
      A.data[i * 5 + 2] = A.data[i * 5]! + A.data[i * 5 + 1]! + 1e-7 * rng.normal();
    }
    const X = rand(30, 40);
    for (const method of METHODS) {
      const r = nnls(A, X, { method });
      for (const v of r.S.data) expect(Number.isFinite(v) && v >= 0).toBe(true);
      // Either converged within tolerance, or flagged with the measured violation.
      if (r.converged) expect(r.maxKktViolation).toBeLessThanOrEqual(1e-10);
      else expect(r.maxKktViolation).toBeGreaterThan(1e-10);
      expect(kktViolation(A, X, r.S)).toBeLessThan(1e-5);
    }
  });

  it("a Hilbert dictionary (cond ≈ 1e13) stays finite and optimal", () => {
    const m = 18;
    const k = 8;
    const H = new Tensor(new Float64Array(m * k), [m, k]);
    for (let i = 0; i < m; i++) for (let l = 0; l < k; l++) H.data[i * k + l] = 1 / (i + l + 1);
    const X = rand(m, 20);
    const r = nnls(H, X);
    for (const v of r.S.data) expect(Number.isFinite(v) && v >= 0).toBe(true);
    expect(kktViolation(H, X, r.S)).toBeLessThan(1e-6);
  });

  it("iteration cap: converged false, finite nonnegative S, never throws", () => {
    const A = rand(60, 30);
    const X = rand(60, 40);
    for (const method of METHODS) {
      for (const maxIterations of [1, 2, 3]) {
        const r = nnls(A, X, { method, maxIterations });
        expect(r.converged).toBe(false);
        expect(r.unconverged).toBeGreaterThan(0);
        expect(r.iterations).toBeLessThanOrEqual(maxIterations);
        for (const v of r.S.data) expect(Number.isFinite(v) && v >= 0).toBe(true);
        expect(r.maxKktViolation).toBeGreaterThan(1e-10);
      }
    }
  });

  it("a capped active-set column keeps a feasible iterate that beats s = 0", () => {
    const A = rand(40, 10, () => rng.uniform());
    const S0 = rand(10, 5, () => rng.uniform());
    const X = new Tensor(new Float64Array(40 * 5), [40, 5]);
    for (let i = 0; i < 40; i++)
      for (let j = 0; j < 5; j++)
        for (let l = 0; l < 10; l++)
          X.data[i * 5 + j] = X.data[i * 5 + j]! + A.data[i * 10 + l]! * S0.data[l * 5 + j]!;
    const r = nnls(A, X, { method: "active-set", maxIterations: 3 });
    const res = residuals(A, X, r.S);
    const zero = residuals(A, X, new Tensor(new Float64Array(50), [10, 5]));
    for (let j = 0; j < 5; j++) expect(res[j]!).toBeLessThan(zero[j]!);
  });

  it("passive is exactly the support of S and iteration counts add up", () => {
    const A = rand(30, 8);
    const X = rand(30, 50);
    const r = nnls(A, X);
    for (let t = 0; t < r.S.data.length; t++) expect(r.passive[t]).toBe(r.S.data[t]! > 0 ? 1 : 0);
    expect(r.totalIterations).toBeGreaterThanOrEqual(r.iterations);
    expect(r.totalIterations).toBeLessThanOrEqual(r.iterations * 50);
  });

  it("warm start on a training-like sequence: same S bit for bit, far fewer iterations", () => {
    const m = 60;
    const k = 10;
    const n = 120;
    const A = rand(m, k, () => rng.uniform());
    const S0 = rand(k, n, () => (rng.uniform() < 0.3 ? rng.uniform() : 0));
    const X = new Tensor(new Float64Array(m * n), [m, n]);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let v = 0.01 * rng.normal();
        for (let l = 0; l < k; l++) v += A.data[i * k + l]! * S0.data[l * n + j]!;
        X.data[i * n + j] = v;
      }
    for (const method of METHODS) {
      let previous: Tensor | undefined;
      let coldIterations = 0;
      let warmIterations = 0;
      const a = A.data.slice();
      const drift = new Random(11);
      for (let step = 0; step < 20; step++) {
        for (let t = 0; t < a.length; t++) a[t] = Math.max(0, a[t]! * (1 + 0.01 * drift.normal()));
        const At = new Tensor(a.slice(), [m, k]);
        const cold = nnls(At, X, { method });
        const warm = nnls(
          At,
          X,
          previous === undefined ? { method } : { method, initial: previous },
        );
        expect(Array.from(warm.S.data)).toEqual(Array.from(cold.S.data));
        expect(warm.converged).toBe(true);
        coldIterations += cold.totalIterations;
        warmIterations += warm.totalIterations;
        previous = warm.S;
      }
      expect(warmIterations).toBeLessThan(0.6 * coldIterations);
    }
  });

  it("a warm start from S, from S.data and from its support mask are the same start", () => {
    const A = rand(30, 8);
    const X = rand(30, 40);
    const S = nnls(rand(30, 8), X).S;
    const mask = Uint8Array.from(S.data, (v) => (v > 0 ? 1 : 0));
    const a = nnls(A, X, { initial: S });
    const b = nnls(A, X, { initial: S.data });
    const c = nnls(A, X, { initial: mask });
    expect(a.totalIterations).toBe(b.totalIterations);
    expect(a.totalIterations).toBe(c.totalIterations);
    expect(Array.from(a.S.data)).toEqual(Array.from(c.S.data));
  });

  it("nnlsGram solves the Gram form directly (doc example)", () => {
    const r = nnlsGram(Float64Array.of(2, 0, 0, 1), Float64Array.of(3, 1), 2, 1);
    expect(r.S[0]).toBeCloseTo(1.5, 15);
    expect(r.S[1]).toBeCloseTo(1, 15);
    expect(r.S).toBeInstanceOf(Float64Array);
    expect(r.converged).toBe(true);
  });

  it("nnlsGram and nnls agree", () => {
    const A = rand(25, 6);
    const X = rand(25, 9);
    const G = new Float64Array(36);
    const C = new Float64Array(54);
    for (let i = 0; i < 6; i++)
      for (let l = 0; l < 6; l++)
        for (let r = 0; r < 25; r++)
          G[i * 6 + l] = G[i * 6 + l]! + A.data[r * 6 + i]! * A.data[r * 6 + l]!;
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 9; j++)
        for (let r = 0; r < 25; r++)
          C[i * 9 + j] = C[i * 9 + j]! + A.data[r * 6 + i]! * X.data[r * 9 + j]!;
    const a = nnls(A, X);
    const b = nnlsGram(G, C, 6, 9);
    for (let t = 0; t < 54; t++) expect(b.S[t]!).toBeCloseTo(a.S.data[t]!, 12);
  });

  it("never mutates its inputs", () => {
    const A = rand(15, 5);
    const X = rand(15, 7);
    const init = rand(5, 7);
    const copies = [A.data.slice(), X.data.slice(), init.data.slice()];
    nnls(A, X, { initial: init });
    nnls(A, CscMatrix.fromDense(X), { initial: init.data });
    expect(A.data).toEqual(copies[0]);
    expect(X.data).toEqual(copies[1]);
    expect(init.data).toEqual(copies[2]);
    const G = Float64Array.of(2, 1, 1, 2);
    const C = Float64Array.of(1, -1, 2, 3);
    const mask = Uint8Array.of(1, 1, 0, 1);
    nnlsGram(G, C, 2, 2, { initial: mask });
    expect(Array.from(G)).toEqual([2, 1, 1, 2]);
    expect(Array.from(C)).toEqual([1, -1, 2, 3]);
    expect(Array.from(mask)).toEqual([1, 1, 0, 1]);
  });
});

describe("typed errors name the argument", () => {
  const A = tensor([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const X = tensor([
    [1, 0],
    [0, 1],
    [1, 1],
  ]);

  function expectError(
    f: () => unknown,
    type: new (...args: never[]) => Error,
    argument: string,
  ): void {
    let caught: unknown;
    try {
      f();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(type);
    expect((caught as { argument?: string }).argument).toBe(argument);
    expect((caught as Error).message).toContain(argument.replace(/^options\./, ""));
  }

  it("NaN / Infinity in A or X → NonFiniteError", () => {
    const badA = A.clone();
    badA.data[3] = Number.NaN;
    expectError(() => nnls(badA, X), NonFiniteError, "A");
    const badX = X.clone();
    badX.data[5] = Number.POSITIVE_INFINITY;
    expectError(() => nnls(A, badX), NonFiniteError, "X");
    const sparse = CscMatrix.fromDense(X);
    sparse.values[0] = Number.NaN; // mutated after construction
    expectError(() => nnls(A, sparse), NonFiniteError, "X");
  });

  it("solves problems whose AᵀA or AᵀX would overflow, and refuses answers that do", () => {
    const huge = tensor([
      [1e200, 0],
      [0, 1],
    ]);
    // Columns are rescaled internally, so these are solved instead of refused.
    expect(Array.from(nnls(huge, tensor([1, 1])).S.data)).toEqual([1e-200, 1]);
    // AᵀX = 2e308 would overflow although the answer, 1e308, is a double.
    const big = nnls(tensor([1, 1]), tensor([1e308, 1e308]));
    expect(big.S.data[0]! / 1e308).toBeCloseTo(1, 12);
    // An answer beyond float64 (1e300 / 1e-300) is refused, naming the data.
    expectError(() => nnls(tensor([[1e-300]]), tensor([[1e300]])), NonFiniteError, "X");
  });

  it("shape mismatch and non-matrices → ShapeError", () => {
    expectError(() => nnls(A, tensor([1, 2])), ShapeError, "X");
    expectError(() => nnls(A, CscMatrix.fromDense(tensor([1, 2]))), ShapeError, "X");
    expectError(() => nnls(tensor(3), X), ShapeError, "A");
    expectError(() => nnls(A, tensor(3)), ShapeError, "X");
  });

  it("non-tensor arguments → ArgumentTypeError", () => {
    expectError(() => nnls([[1, 2]] as unknown as Tensor, X), ArgumentTypeError, "A");
    expectError(() => nnls(A, [[1], [2], [3]] as unknown as Tensor), ArgumentTypeError, "X");
    expectError(() => nnls(A, null as unknown as Tensor), ArgumentTypeError, "X");
  });

  it("bad options → ValueError / ArgumentTypeError / ShapeError / NonFiniteError", () => {
    expectError(() => nnls(A, X, 5 as never), ArgumentTypeError, "options");
    for (const tolerance of [0, -1, 1, 2]) {
      expectError(() => nnls(A, X, { tolerance }), ValueError, "tolerance");
    }
    expectError(() => nnls(A, X, { tolerance: Number.NaN }), NonFiniteError, "tolerance");
    expectError(() => nnls(A, X, { tolerance: "1e-6" as never }), ArgumentTypeError, "tolerance");
    for (const maxIterations of [0, -3, 1.5]) {
      expectError(() => nnls(A, X, { maxIterations }), ValueError, "maxIterations");
    }
    const infinite = Number.POSITIVE_INFINITY;
    expectError(() => nnls(A, X, { maxIterations: infinite }), NonFiniteError, "maxIterations");
    expectError(
      () => nnls(A, X, { maxIterations: "9" as never }),
      ArgumentTypeError,
      "maxIterations",
    );
    expectError(() => nnls(A, X, { method: "lbfgs" as never }), ValueError, "method");
    expectError(() => nnls(A, X, { maxIter: 3 } as never), ValueError, "maxIter");
    expectError(() => nnls(A, X, { initial: tensor([1, 2]) }), ShapeError, "initial");
    expectError(() => nnls(A, X, { initial: new Float64Array(3) }), ShapeError, "initial");
    expectError(() => nnls(A, X, { initial: new Uint8Array(5) }), ShapeError, "initial");
    expectError(
      () => nnls(A, X, { initial: Float64Array.of(1, Number.NaN, 0, 0) }),
      NonFiniteError,
      "initial",
    );
    expectError(() => nnls(A, X, { initial: [1, 0, 0, 1] as never }), ArgumentTypeError, "initial");
  });

  it("nnlsGram checks its raw arrays", () => {
    const G = Float64Array.of(2, 1, 1, 2);
    const C = Float64Array.of(1, 2);
    expectError(() => nnlsGram([2, 1, 1, 2] as never, C, 2, 1), ArgumentTypeError, "G");
    expectError(() => nnlsGram(G, [1, 2] as never, 2, 1), ArgumentTypeError, "C");
    expectError(() => nnlsGram(G, C, 2, 2), ShapeError, "C");
    expectError(() => nnlsGram(Float64Array.of(1, 2, 3), C, 2, 1), ShapeError, "G");
    expectError(() => nnlsGram(G, Float64Array.of(1, Number.NaN), 2, 1), NonFiniteError, "C");
    expectError(() => nnlsGram(Float64Array.of(2, 1, 0, 2), C, 2, 1), ValueError, "G");
    expectError(() => nnlsGram(Float64Array.of(-1, 0, 0, 2), C, 2, 1), ValueError, "G");
    expectError(() => nnlsGram(Float64Array.of(1, 3, 3, 1), C, 2, 1), ValueError, "G");
    expectError(() => nnlsGram(G, C, 1.5, 1), ValueError, "k");
    expectError(() => nnlsGram(G, C, 2, -1), ValueError, "n");
    expectError(() => nnlsGram(G, C, "2" as never, 1), ArgumentTypeError, "k");
  });
});
