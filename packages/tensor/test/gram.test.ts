import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gemm, gram, Random, ShapeError } from "../src/index.js";

describe("gram", () => {
  it("equals AᵀA from gemm and is exactly symmetric", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 13 }),
        fc.nat(),
        (m, k, seed) => {
          const a = new Random(seed).fillNormal(new Float64Array(m * k));
          const ref = new Float64Array(k * k);
          gemm(true, false, k, k, m, a, a, ref);
          const g = gram(a, m, k);
          for (let p = 0; p < k; p++) {
            for (let q = 0; q < k; q++) {
              if (g[p * k + q] !== g[q * k + p]) return false;
              if (
                Math.abs(g[p * k + q]! - ref[p * k + q]!) >
                1e-12 * Math.max(1, Math.abs(ref[p * k + q]!))
              )
                return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 100 },
    );
  });

  it("overwrites a given output and checks sizes", () => {
    const out = new Float64Array(4).fill(7);
    gram(Float64Array.of(1, 2, 3, 4), 2, 2, out);
    expect(Array.from(out)).toEqual([10, 14, 14, 20]);
    expect(() => gram(new Float64Array(3), 2, 2)).toThrow(ShapeError);
  });
});
