import {
  CscMatrix,
  matmul,
  Random,
  randUniform,
  scale,
  sparseTransposeMatmul,
  sub,
  sumSquares,
  Tensor,
  valueAndGrad,
  withExecutor,
} from "@neural-nmf/tensor";
import { gradCheck, sequentialExecutor } from "@neural-nmf/tensor/testing";
import { describe, expect, it } from "vitest";
import { createWarmStart, nnls, nnlsGram, nnlsLayer, supportSolve } from "../src/index.js";

/**
 * An NNLS instance with a known solution S* whose complementarity is strict: on the support
 * S* ≥ 0.2, off it the dual w = Aᵀ(X − AS*) ≤ −0.2. Built as X = AS* + A(AᵀA)⁻¹w + r⊥ with
 * Aᵀr⊥ = 0, so small perturbations of X or A keep the support and the map is smooth.
 */
function strictInstance(m: number, k: number, n: number, seed: number, density = 0.5) {
  const rng = new Random(seed);
  const a = randUniform(m, k, { seed: seed + 1, low: 0.1, high: 1 });
  const s = new Float64Array(k * n);
  const w = new Float64Array(k * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < k; i++) {
      if (rng.uniform() < density || i === j % k) s[i * n + j] = 0.2 + rng.uniform();
      else w[i * n + j] = -(0.2 + rng.uniform());
    }
  }
  const S = new Tensor(s, [k, n]);
  const W = new Tensor(w, [k, n]);
  // (AᵀA)⁻¹W via the solver-free normal equations on a tiny system: use lstsq of A on A(AᵀA)⁻¹W = pinv(A)ᵀ W.
  const gram = matmul(a, a, { transA: true }).toRows();
  const inv = invert(gram);
  const correction = matmul(a, matmul(new Tensor(Float64Array.from(inv.flat()), [k, k]), W));
  // Component of a random matrix orthogonal to range(A).
  const r = randUniform(m, n, { seed: seed + 2, low: -0.3, high: 0.3 });
  const proj = matmul(
    a,
    matmul(new Tensor(Float64Array.from(inv.flat()), [k, k]), matmul(a, r, { transA: true })),
  );
  const rPerp = sub(r, proj);
  const x = sub(sub(matmul(a, S), scale(correction, -1)), scale(rPerp, -1));
  return { a, x, sStar: S };
}

function invert(g: number[][]): number[][] {
  const n = g.length;
  const aug = g.map((row, i) => [
    ...row,
    ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(aug[r]![c]!) > Math.abs(aug[p]![c]!)) p = r;
    [aug[c], aug[p]] = [aug[p]!, aug[c]!];
    const piv = aug[c]![c]!;
    for (let j = 0; j < 2 * n; j++) aug[c]![j]! /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = aug[r]![c]!;
      for (let j = 0; j < 2 * n; j++) aug[r]![j]! -= f * aug[c]![j]!;
    }
  }
  return aug.map((row) => row.slice(n));
}

const maxAbsDiff = (a: Tensor, b: Tensor) =>
  a.data.reduce((m, v, i) => Math.max(m, Math.abs(v - (b.data[i] as number))), 0);
const maxAbs = (a: Tensor) => a.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe("nnlsLayer", () => {
  it("recovers the planted solution of a strict instance", () => {
    const { a, x, sStar } = strictInstance(12, 4, 9, 1);
    const s = nnlsLayer(x, a);
    expect(maxAbsDiff(s, sStar)).toBeLessThan(1e-9);
  });

  for (const [m, k, n, seed] of [
    [12, 4, 9, 1],
    [20, 6, 15, 2],
    [8, 3, 5, 3],
  ] as const) {
    it(`passes gradCheck for X and A on a strict ${m}×${k}×${n} instance`, () => {
      const { a, x } = strictInstance(m, k, n, seed);
      const r = gradCheck((xx, aa) => nnlsLayer(xx, aa), [x, a]);
      expect(r.maxRelativeError, JSON.stringify(r.worst)).toBeLessThan(1e-6);
    });
  }

  it("passes gradCheck when supports are small (the support-looping products)", () => {
    const { a, x } = strictInstance(16, 12, 12, 6, 0);
    const r = gradCheck((xx, aa) => nnlsLayer(xx, aa), [x, a]);
    expect(r.maxRelativeError, JSON.stringify(r.worst)).toBeLessThan(1e-6);
  });

  it("passes gradCheck through two stacked layers", () => {
    const { a, x } = strictInstance(15, 5, 8, 4);
    const a2 = randUniform(5, 3, { seed: 9, low: 0.1, high: 1 });
    const r = gradCheck((xx, a1, b) => sumSquares(nnlsLayer(nnlsLayer(xx, a1), b)), [x, a, a2]);
    expect(r.maxRelativeError, JSON.stringify(r.worst)).toBeLessThan(1e-5);
  });

  it("satisfies the envelope identity ∇½‖X − A q(X,A)‖² = −(X − AS)Sᵀ to 1e-8", () => {
    const { a, x } = strictInstance(25, 6, 30, 5);
    const { grads } = valueAndGrad((aa: Tensor) =>
      scale(sumSquares(sub(x, matmul(aa, nnlsLayer(x, aa)))), 0.5),
    )(a);
    const s = nnlsLayer(x, a);
    const expected = scale(matmul(sub(x, matmul(a, s)), s, { transB: true }), -1);
    expect(maxAbsDiff(grads[0]!, expected) / maxAbs(expected)).toBeLessThan(1e-8);
  });

  it("gives the same value and gradient for sparse and dense X", () => {
    const dense = randUniform(30, 12, { seed: 6 });
    const keep = randUniform(30, 12, { seed: 7 });
    for (let i = 0; i < dense.data.length; i++)
      if ((keep.data[i] as number) < 0.6) dense.data[i] = 0;
    const sparse = CscMatrix.fromDense(dense);
    const a = randUniform(30, 4, { seed: 8 });
    const w = randUniform(4, 12, { seed: 10 });
    const f = (x: Tensor | CscMatrix) =>
      valueAndGrad((aa: Tensor) => sumSquares(sub(nnlsLayer(x, aa), w)))(a);
    const d = f(dense);
    const s = f(sparse);
    expect(Math.abs(d.value - s.value)).toBeLessThan(1e-10 * Math.abs(d.value));
    expect(maxAbsDiff(d.grads[0]!, s.grads[0]!) / maxAbs(d.grads[0]!)).toBeLessThan(1e-10);
  });

  it("passes gradCheck for A with a sparse X (the normal-equations form of the layer)", () => {
    const { a, x } = strictInstance(14, 4, 9, 21);
    const sparse = CscMatrix.fromDense(x);
    const w = randUniform(4, 9, { seed: 22 });
    const r = gradCheck((aa) => sumSquares(sub(nnlsLayer(sparse, aa), w)), [a]);
    expect(r.ok).toBe(true);
  });

  it("takes AᵀX and XGᵀ once per evaluation however many terms use them", () => {
    const dense = randUniform(400, 1200, { seed: 30 });
    const keep = randUniform(400, 1200, { seed: 31 });
    for (let i = 0; i < dense.data.length; i++) if (keep.data[i]! < 0.8) dense.data[i] = 0;
    const x = CscMatrix.fromDense(dense);
    const a = randUniform(400, 10, { seed: 32 });
    const ex = sequentialExecutor(2);
    const f = valueAndGrad((aa: Tensor) => {
      const s = nnlsLayer(x, aa);
      // A second and third use of AᵀX and AᵀA, as the reconstruction losses make.
      const c = sparseTransposeMatmul(aa, x);
      const g = matmul(aa, aa, { transA: true });
      return sub(sumSquares(matmul(g, s)), sumSquares(sub(c, s)));
    });
    const { grads } = withExecutor(ex, () => f(a));
    expect(ex.calls.filter((c) => c === "tensor/csc-atx")).toHaveLength(1);
    expect(ex.calls.filter((c) => c === "tensor/csc-xbt")).toHaveLength(1);
    expect(ex.calls.filter((c) => c === "tensor/gram-rows").length).toBeLessThanOrEqual(1);
    const ref = f(a);
    expect(maxAbsDiff(grads[0]!, ref.grads[0]!) / maxAbs(ref.grads[0]!)).toBeLessThan(1e-12);
  });

  it("solves and differentiates identically when columns are split into parts", () => {
    const rng = new Random(40);
    const k = 8;
    const n = 900;
    const a = rng.fillUniform(new Float64Array(60 * k));
    const x = rng.fillUniform(new Float64Array(60 * n));
    const g = new Float64Array(k * k);
    const c = new Float64Array(k * n);
    for (let i = 0; i < k; i++) {
      for (let l = 0; l < k; l++)
        for (let r = 0; r < 60; r++) g[i * k + l]! += a[r * k + i]! * a[r * k + l]!;
      for (let j = 0; j < n; j++)
        for (let r = 0; r < 60; r++) c[i * n + j]! += a[r * k + i]! * x[r * n + j]!;
    }
    const one = nnlsGram(g, c, k, n);
    const gradS = rng.fillNormal(new Float64Array(k * n));
    const z1 = supportSolve(g, one.S, gradS, k, n);
    for (const parts of [2, 5]) {
      const ex = sequentialExecutor(parts);
      const split = withExecutor(ex, () => nnlsGram(g, c, k, n));
      expect(Array.from(split.S)).toEqual(Array.from(one.S));
      expect(split.maxKktViolation).toBe(one.maxKktViolation);
      expect(split.unconverged).toBe(one.unconverged);
      const z2 = withExecutor(ex, () => supportSolve(g, one.S, gradS, k, n));
      expect(Array.from(z2.z)).toEqual(Array.from(z1.z));
      expect(ex.calls).toEqual(["nnls/solve-columns", "nnls/support-solve"]);
    }
  });

  it("stays finite for duplicate and zero columns of A (rank-deficient supports)", () => {
    const base = randUniform(10, 3, { seed: 11 });
    const rows = base.toRows().map((r) => [r[0]!, r[1]!, r[0]!, 0, r[2]!]);
    const a = new Tensor(Float64Array.from(rows.flat()), [10, 5]);
    const x = randUniform(10, 7, { seed: 12 });
    const { value, grads } = valueAndGrad((aa: Tensor, xx: Tensor) =>
      sumSquares(nnlsLayer(xx, aa)),
    )(a, x);
    expect(Number.isFinite(value)).toBe(true);
    for (const g of grads) expect(g.data.every(Number.isFinite)).toBe(true);
  });

  it("warm starts give the same answer and record diagnostics", () => {
    const a = randUniform(40, 8, { seed: 13 });
    const x = randUniform(40, 50, { seed: 14 });
    const warm = createWarmStart();
    const first = nnlsLayer(x, a, { warmStart: warm });
    expect(warm.last?.converged).toBe(true);
    const a2 = new Tensor(
      a.data.map((v, i) => v * (1 + 0.01 * Math.sin(i))),
      a.shape,
    );
    const warmSecond = nnlsLayer(x, a2, { warmStart: warm });
    const cold = nnls(a2, x).S;
    expect(maxAbsDiff(warmSecond, cold)).toBeLessThan(1e-10);
    expect(first.shape).toEqual([8, 50]);
  });

  it("rejects mismatched shapes with a typed error", () => {
    expect(() => nnlsLayer(randUniform(5, 3, { seed: 1 }), randUniform(4, 2, { seed: 2 }))).toThrow(
      /rows must match/,
    );
  });
});
