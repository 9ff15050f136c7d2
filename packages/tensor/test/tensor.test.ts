import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ArgumentTypeError,
  add,
  clamp,
  eye,
  full,
  log,
  logSumExp,
  matmul,
  mean,
  NonFiniteError,
  ones,
  Random,
  randNormal,
  randUniform,
  ShapeError,
  selectColumns,
  softmax,
  sqrt,
  sum,
  Tensor,
  tensor,
  transpose,
  ValueError,
  zeros,
} from "../src/index.js";

describe("construction and access", () => {
  it("builds scalars, column vectors and matrices (row-major)", () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.get(1, 2)).toBe(6);
    expect(a.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(2.5).shape).toEqual([]);
    expect(tensor(2.5).item()).toBe(2.5);
    expect(tensor([1, 2, 3]).shape).toEqual([3, 1]);
    expect(Array.from(a.column(1))).toEqual([2, 5]);
  });

  it("has zeros, ones, full and eye", () => {
    expect(Array.from(zeros(2, 2).data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(ones(1, 3).data)).toEqual([1, 1, 1]);
    expect(Array.from(full(2, 1, 7).data)).toEqual([7, 7]);
    expect(eye(3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(zeros(0, 5).shape).toEqual([0, 5]);
  });

  it("copies typed arrays unless told to take ownership", () => {
    const d = Float64Array.of(1, 2, 3, 4);
    const t = Tensor.fromTypedArray(d, [2, 2]);
    d[0] = 9;
    expect(t.get(0, 0)).toBe(1);
    const owned = Tensor.fromTypedArray(d, [2, 2], { copy: false });
    expect(owned.data).toBe(d);
  });

  it("rejects bad input with typed errors naming the argument", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, Number.NaN]])).toThrow(NonFiniteError);
    expect(() => tensor([[1, Number.POSITIVE_INFINITY]])).toThrow(/values/);
    expect(tensor([[Number.NaN]], { allowNonFinite: true }).get()).toBeNaN();
    expect(() => tensor("x" as never)).toThrow(ArgumentTypeError);
    expect(() => tensor([["a" as never]])).toThrow(ArgumentTypeError);
    expect(() => Tensor.fromTypedArray(new Float64Array(5), [2, 2])).toThrow(/5 elements.*needs 4/);
    expect(() => zeros(-1, 2)).toThrow(ShapeError);
    expect(() => tensor([[1]]).get(1, 0)).toThrow(ValueError);
  });

  it("ops reject mismatched shapes and wrong types with messages naming shapes", () => {
    const a = zeros(2, 3);
    const b = zeros(2, 4);
    expect(() => add(a, b)).toThrow(/\[2, 3\] and \[2, 4\]/);
    expect(() => matmul(a, b)).toThrow(ShapeError);
    expect(() => matmul(a, b, { transA: true })).not.toThrow();
    expect(() => matmul(a, "b" as never)).toThrow(ArgumentTypeError);
    expect(() => sum(a, 2 as never)).toThrow(ValueError);
    expect(() => softmax(a, 3 as never)).toThrow(/axis/);
    expect(() => selectColumns(a, [3])).toThrow(/out of range/);
    expect(() => log(tensor([[-1]]))).toThrow(ValueError);
    expect(() => sqrt(tensor([[-1]]))).toThrow(/non-negative/);
    expect(() => clamp(a, 1, 0)).toThrow(ValueError);
    expect(() => mean(zeros(0, 3))).toThrow(ShapeError);
  });

  it("log-sum-exp is stable for large inputs", () => {
    const a = tensor([[1000, 1000, -1000]]);
    expect(logSumExp(a, 1).item()).toBeCloseTo(1000 + Math.log(2), 10);
    const s = softmax(a, 1);
    expect(s.get(0, 0)).toBeCloseTo(0.5, 12);
  });
});

describe("Random", () => {
  it("is reproducible for a seed and differs across seeds", () => {
    const a = randUniform(3, 3, { seed: 42 });
    const b = randUniform(3, 3, { seed: 42 });
    const c = randUniform(3, 3, { seed: 43 });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it("gives the same numbers on every platform (pinned values)", () => {
    const r = new Random(1);
    const first = [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    // Pinned from this implementation: any change to the generator breaks reproducibility.
    expect(first).toMatchInlineSnapshot(`
      [
        2442144158,
        3238099751,
        3819917871,
      ]
    `);
  });

  it("draws uniforms in [0,1) with the right mean and normals with unit variance", () => {
    const u = randUniform(100, 100, { seed: 5 });
    const n = randNormal(100, 100, { seed: 6 });
    const mu = mean(u).item();
    const nm = mean(n).item();
    const nv = n.data.reduce((s, v) => s + (v - nm) ** 2, 0) / n.size;
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u.data)).toBeLessThan(1);
    expect(Math.abs(mu - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(nm)).toBeLessThan(0.03);
    expect(Math.abs(nv - 1)).toBeLessThan(0.05);
  });

  it("requires a seed for random factories", () => {
    expect(() => randUniform(2, 2, {})).toThrow(/seed/);
    expect(() => new Random(Number.NaN)).toThrow(ValueError);
  });
});

describe("properties", () => {
  it("(AB)ᵀ = BᵀAᵀ and transposed matmul flags agree with explicit transposes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(),
        (m, k, n, seed) => {
          const a = randNormal(m, k, { seed });
          const b = randNormal(k, n, { seed: seed + 1 });
          const ab = matmul(a, b);
          const lhs = transpose(ab);
          const rhs = matmul(b, a, { transA: true, transB: true });
          const viaFlags = matmul(transpose(a), transpose(b), { transA: true, transB: true });
          return (
            lhs.data.every((v, i) => Math.abs(v - (rhs.data[i] as number)) < 1e-12) &&
            ab.data.every((v, i) => Math.abs(v - (viaFlags.data[i] as number)) < 1e-12)
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("broadcast add agrees with explicit expansion", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        (m, n, seed) => {
          const a = randNormal(m, n, { seed });
          const row = randNormal(1, n, { seed: seed + 1 });
          const expanded = matmul(ones(m, 1), row);
          const x = add(a, row);
          const y = add(a, expanded);
          return x.data.every((v, i) => v === y.data[i]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("sum over both axes equals the total", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        (m, n, seed) => {
          const a = randNormal(m, n, { seed });
          const total = sum(a).item();
          return (
            Math.abs(sum(sum(a, 0), 1).item() - total) < 1e-12 &&
            Math.abs(sum(sum(a, 1), 0).item() - total) < 1e-12
          );
        },
      ),
    );
  });
});
