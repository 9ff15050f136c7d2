import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CscMatrix,
  currentExecutor,
  evenBounds,
  gemm,
  gram,
  inThreadExecutor,
  Random,
  smallTimesWide,
  tallTimesSmall,
  weightedBounds,
  wideTimesWideTransposed,
  withExecutor,
} from "../src/index.js";
import { blockWidths } from "../src/sparse/kernels.js";
import { sequentialExecutor } from "../src/testing/index.js";

/** A random sparse m×n matrix with about `perColumn` entries per column, some rows much hotter. */
function zipfSparse(m: number, n: number, perColumn: number, seed: number): CscMatrix {
  const rng = new Random(seed);
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < n; j++) {
    const set = new Set<number>();
    const count = 1 + rng.int(2 * perColumn);
    for (let t = 0; t < count; t++) set.add(Math.floor(m * rng.uniform() ** 3));
    for (const r of [...set].sort((a, b) => a - b)) {
      rows.push(r);
      values.push(1 + rng.int(4) + rng.uniform());
    }
    colPtr[j + 1] = rows.length;
  }
  return new CscMatrix(m, n, colPtr, Int32Array.from(rows), Float64Array.from(values));
}

/** AᵀX by a plain loop in the same order as the kernel (entries of each column in storage order). */
function naiveAtx(x: CscMatrix, a: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * x.cols);
  for (let j = 0; j < x.cols; j++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let p = x.colPtr[j]!; p < x.colPtr[j + 1]!; p++) {
        s += x.values[p]! * a[x.rowIndices[p]! * k + c]!;
      }
      out[c * x.cols + j] = s;
    }
  }
  return out;
}

/** X Bᵀ by a plain loop, summing column by column of X like the one-part kernel. */
function naiveXbt(x: CscMatrix, b: Float64Array, k: number): Float64Array {
  const out = new Float64Array(x.rows * k);
  for (let j = 0; j < x.cols; j++) {
    for (let p = x.colPtr[j]!; p < x.colPtr[j + 1]!; p++) {
      const i = x.rowIndices[p]!;
      for (let c = 0; c < k; c++) out[i * k + c]! += x.values[p]! * b[c * x.cols + j]!;
    }
  }
  return out;
}

function maxRelativeDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let t = 0; t < a.length; t++) {
    const scale = Math.max(Math.abs(a[t]!), Math.abs(b[t]!), 1e-300);
    worst = Math.max(worst, Math.abs(a[t]! - b[t]!) / scale);
  }
  return worst;
}

describe("executor scope", () => {
  it("runs a body with an executor and restores the previous one, also after a throw", () => {
    const ex = sequentialExecutor(3);
    expect(currentExecutor()).toBe(inThreadExecutor);
    withExecutor(ex, () => {
      expect(currentExecutor()).toBe(ex);
      withExecutor(inThreadExecutor, () => expect(currentExecutor()).toBe(inThreadExecutor));
      expect(currentExecutor()).toBe(ex);
    });
    expect(() =>
      withExecutor(ex, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(currentExecutor()).toBe(inThreadExecutor);
  });
});

describe("bounds", () => {
  it("split [0, total) into at most `parts` nondecreasing ranges", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 1, max: 16 }), (total, parts) => {
        const b = evenBounds(total, parts);
        expect(b[0]).toBe(0);
        expect(b[b.length - 1]).toBe(total);
        expect(b.length - 1).toBeLessThanOrEqual(Math.max(1, Math.min(parts, total)));
        for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThanOrEqual(b[i - 1]!);
        // Even: lengths differ by at most one.
        const lengths = Array.from({ length: b.length - 1 }, (_, i) => b[i + 1]! - b[i]!);
        expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("balance weighted items: no part exceeds its share by more than one item", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 8 }),
        (costs, parts) => {
          const prefix = new Int32Array(costs.length + 1);
          for (let i = 0; i < costs.length; i++) prefix[i + 1] = prefix[i]! + costs[i]!;
          const b = weightedBounds(prefix, parts);
          expect(b[0]).toBe(0);
          expect(b[b.length - 1]).toBe(costs.length);
          const total = prefix[costs.length]!;
          const biggest = Math.max(...costs);
          for (let p = 0; p + 1 < b.length; p++) {
            expect(b[p + 1]!).toBeGreaterThanOrEqual(b[p]!);
            const cost = prefix[b[p + 1]!]! - prefix[b[p]!]!;
            expect(cost).toBeLessThanOrEqual(total / (b.length - 1) + biggest);
          }
        },
      ),
    );
  });
});

describe("sparse kernels", () => {
  it("cover k rows with blocks of five, four and (only when unavoidable) one", () => {
    for (let k = 1; k <= 60; k++) {
      const w = blockWidths(k);
      expect(w.reduce((a, b) => a + b, 0)).toBe(k);
      expect(w.every((x) => x === 5 || x === 4 || x === 1)).toBe(true);
      if (![1, 2, 3, 6, 7, 11].includes(k)) expect(w).not.toContain(1);
    }
  });

  it("compute AᵀX exactly as a plain loop (the row renumbering changes no sum), for every k", () => {
    const x = zipfSparse(300, 120, 12, 1);
    for (let k = 1; k <= 13; k++) {
      const a = new Random(k).fillNormal(new Float64Array(300 * k));
      expect(Array.from(x.leftMultiplyTransposed(a, k))).toEqual(Array.from(naiveAtx(x, a, k)));
    }
  });

  it("compute X Bᵀ exactly as a plain loop on one part, for every k", () => {
    const x = zipfSparse(300, 120, 12, 2);
    for (let k = 1; k <= 13; k++) {
      const b = new Random(k).fillNormal(new Float64Array(k * 120));
      expect(Array.from(x.rightMultiplyTransposed(b, k))).toEqual(Array.from(naiveXbt(x, b, k)));
    }
  });

  it("give the same AᵀX bit for bit on any number of parts, and X Bᵀ to 1e-14", () => {
    // Big enough to go through the executor (nnz·k above the in-thread threshold).
    const x = zipfSparse(2000, 3000, 30, 3);
    const k = 20;
    const a = new Random(4).fillUniform(new Float64Array(2000 * k));
    const b = new Random(5).fillUniform(new Float64Array(k * 3000));
    const atx1 = x.leftMultiplyTransposed(a, k);
    const xbt1 = x.rightMultiplyTransposed(b, k);
    for (const parts of [2, 3, 7]) {
      const ex = sequentialExecutor(parts);
      withExecutor(ex, () => {
        expect(Array.from(x.leftMultiplyTransposed(a, k))).toEqual(Array.from(atx1));
        expect(maxRelativeDifference(x.rightMultiplyTransposed(b, k), xbt1)).toBeLessThan(1e-14);
      });
      expect(ex.calls).toEqual(["tensor/csc-atx", "tensor/csc-xbt"]);
    }
  });
});

describe("wide products", () => {
  it("match gemm's general kernels and split over parts", () => {
    const rng = new Random(9);
    for (const [p, q, n] of [
      [20, 20, 5000],
      [4, 20, 3000],
      [20, 4, 4097],
      [1, 7, 2500],
    ] as const) {
      const w = rng.fillNormal(new Float64Array(p * q));
      const b = rng.fillNormal(new Float64Array(q * n));
      const ref = new Float64Array(p * n);
      for (let i = 0; i < p; i++)
        for (let l = 0; l < q; l++)
          for (let j = 0; j < n; j++) ref[i * n + j]! += w[i * q + l]! * b[l * n + j]!;
      const one = smallTimesWide(false, p, q, n, w, b);
      expect(maxRelativeDifference(one, ref)).toBeLessThan(1e-12);
      // Transposed W (stored q×p) gives the same product.
      const wt = new Float64Array(q * p);
      for (let i = 0; i < p; i++) for (let l = 0; l < q; l++) wt[l * p + i] = w[i * q + l]!;
      expect(Array.from(smallTimesWide(true, p, q, n, wt, b))).toEqual(Array.from(one));
      withExecutor(sequentialExecutor(3), () => {
        // Columns are independent: identical on any split.
        expect(Array.from(smallTimesWide(false, p, q, n, w, b))).toEqual(Array.from(one));
      });
      const a2 = rng.fillNormal(new Float64Array(p * n));
      const abt = wideTimesWideTransposed(p, q, n, a2, b.subarray(0, q * n));
      const abtRef = new Float64Array(p * q);
      gemm(false, true, p, q, n, a2, b, abtRef);
      expect(maxRelativeDifference(abt, abtRef)).toBeLessThan(1e-11);
      withExecutor(sequentialExecutor(4), () => {
        expect(maxRelativeDifference(wideTimesWideTransposed(p, q, n, a2, b), abt)).toBeLessThan(
          1e-12,
        );
      });
    }
  });

  it("multiply tall by small by row ranges, identically on any split", () => {
    const rng = new Random(12);
    const a = rng.fillNormal(new Float64Array(5000 * 20));
    const w = rng.fillNormal(new Float64Array(20 * 7));
    const ref = new Float64Array(5000 * 7);
    for (let i = 0; i < 5000; i++)
      for (let l = 0; l < 20; l++)
        for (let j = 0; j < 7; j++) ref[i * 7 + j]! += a[i * 20 + l]! * w[l * 7 + j]!;
    const one = tallTimesSmall(5000, 20, 7, a, w);
    expect(maxRelativeDifference(one, ref)).toBeLessThan(1e-12);
    const viaGemm = new Float64Array(5000 * 7);
    gemm(false, false, 5000, 7, 20, a, w, viaGemm);
    expect(Array.from(viaGemm)).toEqual(Array.from(one));
    const ex = sequentialExecutor(3);
    expect(Array.from(withExecutor(ex, () => tallTimesSmall(5000, 20, 7, a, w)))).toEqual(
      Array.from(one),
    );
    expect(ex.calls).toEqual(["tensor/tall-times-small"]);
  });

  it("compute the symmetric S Sᵀ from one triangle", () => {
    const s = new Random(3).fillUniform(new Float64Array(6 * 5000));
    const ss = wideTimesWideTransposed(6, 6, 5000, s, s);
    for (let i = 0; i < 6; i++)
      for (let l = 0; l < 6; l++) expect(ss[i * 6 + l]).toBe(ss[l * 6 + i]);
    const ref = new Float64Array(36);
    gemm(false, true, 6, 6, 5000, s, s.slice(), ref);
    expect(maxRelativeDifference(ss, ref)).toBeLessThan(1e-12);
  });

  it("form long Gram matrices by row ranges, equal to one pass up to rounding", () => {
    const a = new Random(2).fillNormal(new Float64Array(40_000 * 12));
    const one = gram(a, 40_000, 12);
    const split = withExecutor(sequentialExecutor(3), () => gram(a, 40_000, 12));
    expect(maxRelativeDifference(split, one)).toBeLessThan(1e-12);
    for (let i = 0; i < 12; i++)
      for (let l = 0; l < 12; l++) expect(split[i * 12 + l]).toBe(split[l * 12 + i]);
  });
});
