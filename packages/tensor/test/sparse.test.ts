import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CscMatrix,
  matmul,
  NonFiniteError,
  randNormal,
  randUniform,
  ShapeError,
  sparseTransposeMatmul,
  tensor,
  ValueError,
} from "../src/index.js";
import { gradCheck } from "../src/testing/index.js";

/** A random sparse matrix with about `density` of its entries nonzero. */
function randomSparse(m: number, n: number, density: number, seed: number) {
  const d = randUniform(m, n, { seed });
  const keep = randUniform(m, n, { seed: seed + 1 });
  for (let i = 0; i < d.data.length; i++) if ((keep.data[i] as number) > density) d.data[i] = 0;
  return { dense: d, sparse: CscMatrix.fromDense(d) };
}

describe("CscMatrix", () => {
  it("round-trips dense ↔ sparse and triplets (summing duplicates)", () => {
    const x = tensor([
      [0, 1, 0],
      [2, 0, 0],
      [0, 3, 4],
    ]);
    const s = CscMatrix.fromDense(x);
    expect(s.nnz).toBe(4);
    expect(Array.from(s.colPtr)).toEqual([0, 1, 3, 4]);
    expect(s.toDense().toArray()).toEqual(x.toArray());
    const t = CscMatrix.fromTriplets(3, 3, [1, 0, 2, 2, 2], [0, 1, 1, 2, 2], [2, 1, 3, 1, 3]);
    expect(t.toDense().toArray()).toEqual(x.toArray());
    expect(s.frobeniusNormSquared()).toBe(1 + 4 + 9 + 16);
    expect(s.selectColumns([2, 0]).toDense().toArray()).toEqual([
      [0, 0],
      [0, 2],
      [4, 0],
    ]);
  });

  it("computes AᵀX and X Gᵀ like the dense products", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 12 }),
        fc.nat(),
        (m, k, n, seed) => {
          const { dense, sparse } = randomSparse(m, n, 0.3, seed);
          const a = randNormal(m, k, { seed: seed + 2 });
          const g = randNormal(k, n, { seed: seed + 3 });
          const atx = sparse.leftMultiplyTransposed(a.data, k);
          const ref1 = matmul(a, dense, { transA: true });
          const xgt = sparse.rightMultiplyTransposed(g.data, k);
          const ref2 = matmul(dense, g, { transB: true });
          return (
            atx.every((v, i) => Math.abs(v - (ref1.data[i] as number)) < 1e-12) &&
            xgt.every((v, i) => Math.abs(v - (ref2.data[i] as number)) < 1e-12)
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it("differentiates AᵀX with respect to A", () => {
    const { sparse } = randomSparse(8, 6, 0.4, 4);
    const a = randNormal(8, 3, { seed: 5 });
    expect(gradCheck((x) => sparseTransposeMatmul(x, sparse), [a]).ok).toBe(true);
  });

  it("validates its arrays", () => {
    expect(
      () => new CscMatrix(2, 1, Int32Array.of(0, 2), Int32Array.of(1, 0), Float64Array.of(1, 1)),
    ).toThrow(ValueError);
    expect(
      () => new CscMatrix(2, 1, Int32Array.of(0, 1), Int32Array.of(5), Float64Array.of(1)),
    ).toThrow(/out of range/);
    expect(
      () => new CscMatrix(2, 1, Int32Array.of(0, 1), Int32Array.of(0), Float64Array.of(Number.NaN)),
    ).toThrow(NonFiniteError);
    expect(() => CscMatrix.fromTriplets(2, 2, [0], [0, 1], [1])).toThrow(ShapeError);
    expect(() => CscMatrix.fromTriplets(2, 2, [2], [0], [1])).toThrow(/row index 2/);
    expect(() =>
      sparseTransposeMatmul(randNormal(3, 2, { seed: 1 }), CscMatrix.fromDense(tensor([[1]]))),
    ).toThrow(ShapeError);
  });
});
