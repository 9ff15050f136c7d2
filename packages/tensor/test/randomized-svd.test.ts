import { describe, expect, it } from "vitest";
import {
  CscMatrix,
  NonFiniteError,
  qr,
  Random,
  randomizedSvd,
  svd,
  Tensor,
  ValueError,
  withExecutor,
} from "../src/index.js";
import { sequentialExecutor } from "../src/testing/index.js";

/** m×n = U diag(σ) V with U, V Gaussian (not orthogonal) of rank r, plus noise, entries ≥ 0. */
function lowRankPlusNoise(m: number, n: number, r: number, noise: number, seed: number): Tensor {
  const rng = new Random(seed);
  const u = rng.fillNormal(new Float64Array(m * r));
  const v = rng.fillNormal(new Float64Array(r * n));
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < r; t++) s += (u[i * r + t]! * v[t * n + j]!) / (t + 1);
      out[i * n + j] = Math.abs(s + noise * rng.normal());
    }
  }
  return new Tensor(out, [m, n]);
}

/** Largest |QᵀQ − I| of the r columns of row-major q (rows×r). */
function orthogonalityError(q: Float64Array, rows: number, r: number, columnsAreRows = false) {
  let worst = 0;
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < r; b++) {
      let s = 0;
      for (let i = 0; i < rows; i++) {
        s += columnsAreRows ? q[a * rows + i]! * q[b * rows + i]! : q[i * r + a]! * q[i * r + b]!;
      }
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

describe("qr", () => {
  it("factors tall matrices with orthonormal Q and upper-triangular R", () => {
    const rng = new Random(1);
    const m = 50;
    const n = 7;
    const a = rng.fillNormal(new Float64Array(m * n));
    const { q, r } = qr(a, m, n);
    expect(orthogonalityError(q, m, n)).toBeLessThan(1e-13);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(r[i * n + j]).toBe(0);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < n; t++) s += q[i * n + t]! * r[t * n + j]!;
        expect(Math.abs(s - a[i * n + j]!)).toBeLessThan(1e-12);
      }
    }
  });

  it("still returns orthonormal columns for rank-deficient and zero input", () => {
    const m = 30;
    const n = 5;
    const a = new Float64Array(m * n);
    const rng = new Random(2);
    for (let i = 0; i < m; i++) {
      a[i * n] = rng.normal();
      a[i * n + 1] = 2 * a[i * n]!; // dependent
      a[i * n + 3] = rng.normal();
    }
    expect(orthogonalityError(qr(a, m, n).q, m, n)).toBeLessThan(1e-13);
    expect(orthogonalityError(qr(new Float64Array(m * n), m, n).q, m, n)).toBeLessThan(1e-15);
  });

  it("refuses wide matrices", () => {
    expect(() => qr(new Float64Array(6), 2, 3)).toThrow(ValueError);
  });
});

describe("randomizedSvd", () => {
  const x = lowRankPlusNoise(300, 200, 15, 0.05, 3);
  const exact = svd(x.data, 300, 200);

  it("finds the leading singular values and orthonormal vectors of a dense matrix", () => {
    const r = randomizedSvd(x, 10, { seed: 1 });
    expect(r.rank).toBe(10);
    // A subspace never overestimates; the gap-dependent error grows down the spectrum.
    for (let j = 0; j < 10; j++) {
      expect(r.s[j]!).toBeLessThanOrEqual(exact.s[j]! * (1 + 1e-14));
      expect(Math.abs(r.s[j]! / exact.s[j]! - 1)).toBeLessThan(j < 3 ? 1e-9 : 1e-4);
    }
    expect(orthogonalityError(r.u, 300, 10)).toBeLessThan(1e-12);
    expect(orthogonalityError(r.vt, 200, 10, true)).toBeLessThan(1e-12);
  });

  it("recovers a matrix of rank ≤ l exactly", () => {
    const rng = new Random(5);
    const f = rng.fillUniform(new Float64Array(80 * 4));
    const g = rng.fillUniform(new Float64Array(4 * 60));
    const lowData = new Float64Array(80 * 60);
    for (let i = 0; i < 80; i++)
      for (let j = 0; j < 60; j++)
        for (let t = 0; t < 4; t++) lowData[i * 60 + j]! += f[i * 4 + t]! * g[t * 60 + j]!;
    const low = new Tensor(lowData, [80, 60]);
    const r = randomizedSvd(low, 4, { seed: 2 });
    let err = 0;
    let norm = 0;
    for (let i = 0; i < 80; i++) {
      for (let j = 0; j < 60; j++) {
        let s = 0;
        for (let t = 0; t < 4; t++) s += r.u[i * 4 + t]! * r.s[t]! * r.vt[t * 60 + j]!;
        err += (s - low.data[i * 60 + j]!) ** 2;
        norm += low.data[i * 60 + j]! ** 2;
      }
    }
    expect(Math.sqrt(err / norm)).toBeLessThan(1e-12);
  });

  it("gives the same answer for sparse and dense input", () => {
    const d = randomizedSvd(x, 8, { seed: 4 });
    const s = randomizedSvd(CscMatrix.fromDense(x), 8, { seed: 4 });
    for (let j = 0; j < 8; j++) expect(Math.abs(s.s[j]! / d.s[j]! - 1)).toBeLessThan(1e-12);
    for (let t = 0; t < d.u.length; t++) expect(Math.abs(s.u[t]! - d.u[t]!)).toBeLessThan(1e-10);
  });

  it("scales with the data from 1e-150 to 1e150 (the vectors do not change)", () => {
    const base = randomizedSvd(x, 6, { seed: 7 });
    for (const c of [1e-150, 1e-40, 1e40, 1e150]) {
      const scaled = new Tensor(
        x.data.map((v) => v * c),
        [300, 200],
      );
      const r = randomizedSvd(scaled, 6, { seed: 7 });
      for (let j = 0; j < 6; j++)
        expect(Math.abs(r.s[j]! / (c * base.s[j]!) - 1)).toBeLessThan(1e-12);
      for (let t = 0; t < base.vt.length; t++) {
        expect(Math.abs(r.vt[t]! - base.vt[t]!)).toBeLessThan(1e-9);
      }
    }
  });

  it("is reproducible per seed, and seeds differ only in the rounding of converged values", () => {
    const a = randomizedSvd(x, 5, { seed: 11 });
    const b = randomizedSvd(x, 5, { seed: 11 });
    const c = randomizedSvd(x, 5, { seed: 12 });
    expect(Array.from(b.u)).toEqual(Array.from(a.u));
    expect(Array.from(c.u)).not.toEqual(Array.from(a.u));
    for (let j = 0; j < 5; j++) {
      expect(Math.abs(c.s[j]! / a.s[j]! - 1)).toBeLessThan(j < 3 ? 1e-9 : 1e-6);
    }
  });

  it("agrees across executor splits", () => {
    const one = randomizedSvd(x, 6, { seed: 3 });
    const split = withExecutor(sequentialExecutor(3), () => randomizedSvd(x, 6, { seed: 3 }));
    for (let j = 0; j < 6; j++) expect(Math.abs(split.s[j]! / one.s[j]! - 1)).toBeLessThan(1e-12);
  });

  it("handles zero matrices, ranks above min(m, n) and refuses bad input", () => {
    const zero = randomizedSvd(new Tensor(new Float64Array(12), [3, 4]), 2);
    expect(Array.from(zero.s)).toEqual([0, 0]);
    expect(orthogonalityError(zero.u, 3, 2)).toBe(0);
    expect(randomizedSvd(x, 500).rank).toBe(200);
    expect(() => randomizedSvd(x, 0)).toThrow(ValueError);
    expect(() => randomizedSvd(x, 2.5)).toThrow(ValueError);
    expect(() => randomizedSvd(x, 2, { powerIterations: -1 })).toThrow(ValueError);
    const bad = x.data.slice();
    bad[7] = Number.NaN;
    expect(() => randomizedSvd(new Tensor(bad, [300, 200]), 2)).toThrow(NonFiniteError);
  });

  it("never forms an n×n or m×n matrix: 100 000 × 100 000 sparse input in O((m + n)·k) memory", () => {
    const n = 100_000;
    const rng = new Random(1);
    const colPtr = new Int32Array(n + 1);
    const rows = new Int32Array(3 * n);
    const values = new Float64Array(3 * n);
    for (let j = 0; j < n; j++) {
      const base = rng.int(n - 3);
      for (let t = 0; t < 3; t++) {
        rows[3 * j + t] = base + t;
        values[3 * j + t] = 1 + rng.uniform();
      }
      colPtr[j + 1] = 3 * (j + 1);
    }
    const big = new CscMatrix(n, n, colPtr, rows, values);
    const before = process.memoryUsage();
    const r = randomizedSvd(big, 5, { powerIterations: 1 });
    const after = process.memoryUsage();
    expect(r.s[0]!).toBeGreaterThan(0);
    // A dense n×n would be 80 GB; (m + n)·l doubles are 24 MB. Bound: 400 MB of growth.
    expect(after.rss - before.rss).toBeLessThan(400e6);
  });
});
