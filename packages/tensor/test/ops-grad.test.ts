import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  abs,
  add,
  clamp,
  div,
  exp,
  frobeniusNorm,
  inner,
  log,
  logSoftmax,
  logSumExp,
  mask,
  matmul,
  maximum,
  mean,
  minimum,
  mul,
  neg,
  pow,
  randNormal,
  randUniform,
  relu,
  scale,
  selectColumns,
  selectRows,
  softmax,
  sqrt,
  square,
  squaredDistance,
  sub,
  sum,
  sumSquares,
  type Tensor,
  tensor,
  transpose,
} from "../src/index.js";
import { gradCheck } from "../src/testing/index.js";

const TOL = 1e-6;

/** Random matrix whose entries stay away from the kinks of abs/clamp/maximum (|x| ≥ 0.1). */
function awayFromKinks(m: number, n: number, seed: number): Tensor {
  const t = randUniform(m, n, { seed, low: 0.1, high: 1 });
  const s = randUniform(m, n, { seed: seed + 1000 });
  for (let i = 0; i < t.data.length; i++)
    if ((s.data[i] as number) < 0.5) t.data[i] = -(t.data[i] as number);
  return t;
}

function expectGrad(fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[]) {
  const r = gradCheck(fn, inputs);
  expect(r.maxRelativeError, JSON.stringify(r.worst)).toBeLessThan(TOL);
}

describe("gradCheck of every differentiable op on seeded random shapes", () => {
  const shapes: [number, number][] = [
    [1, 1],
    [3, 4],
    [5, 2],
    [7, 7],
  ];

  for (const [m, n] of shapes) {
    describe(`${m}×${n}`, () => {
      const a = randNormal(m, n, { seed: 10 * m + n });
      const b = randNormal(m, n, { seed: 11 * m + n });
      const pos = randUniform(m, n, { seed: 12 * m + n, low: 0.5, high: 2 });
      it("add / sub / mul / div", () => {
        expectGrad(add, [a, b]);
        expectGrad(sub, [a, b]);
        expectGrad(mul, [a, b]);
        expectGrad(div, [a, pos]);
      });
      it("broadcasting against a scalar, a row and a column", () => {
        const row = randNormal(1, n, { seed: 1 });
        const col = randNormal(m, 1, { seed: 2 });
        const sc = tensor(0.7);
        for (const other of [row, col, sc]) {
          expectGrad(add, [a, other]);
          expectGrad(sub, [other, a]);
          expectGrad(mul, [a, other]);
          expectGrad(div, [other, pos]);
        }
        expectGrad((x) => add(x, 3), [a]);
        expectGrad((x) => mul(2, x), [a]);
      });
      it("maximum / minimum", () => {
        const x = awayFromKinks(m, n, 3);
        const y = awayFromKinks(m, n, 4);
        expectGrad(maximum, [x, y]);
        expectGrad(minimum, [x, y]);
      });
      it("unary ops", () => {
        expectGrad(neg, [a]);
        expectGrad((x) => scale(x, -2.5), [a]);
        expectGrad(square, [a]);
        expectGrad(sqrt, [pos]);
        expectGrad(exp, [a]);
        expectGrad(log, [pos]);
        expectGrad(abs, [awayFromKinks(m, n, 5)]);
        expectGrad((x) => clamp(x, -0.5, 0.5), [awayFromKinks(m, n, 6)]);
        expectGrad(relu, [awayFromKinks(m, n, 7)]);
        expectGrad((x) => pow(x, 3), [a]);
        expectGrad((x) => pow(x, 1.5), [pos]);
      });
      it("reductions", () => {
        expectGrad((x) => sum(x), [a]);
        expectGrad((x) => sum(x, 0), [a]);
        expectGrad((x) => sum(x, 1), [a]);
        expectGrad((x) => mean(x), [a]);
        expectGrad((x) => mean(x, 0), [a]);
        expectGrad((x) => mean(x, 1), [a]);
        expectGrad(sumSquares, [a]);
        expectGrad(frobeniusNorm, [a]);
        expectGrad(inner, [a, b]);
        expectGrad(squaredDistance, [a, b]);
      });
      it("softmax family along both axes", () => {
        for (const axis of [0, 1] as const) {
          expectGrad((x) => logSumExp(x, axis), [a]);
          expectGrad((x) => softmax(x, axis), [a]);
          expectGrad((x) => logSoftmax(x, axis), [a]);
        }
      });
      it("selection and masking", () => {
        expectGrad((x) => selectColumns(x, [n - 1, 0, 0]), [a]);
        expectGrad((x) => selectRows(x, [m - 1, 0, m - 1]), [a]);
        const mk = randUniform(m, n, { seed: 8 });
        expectGrad((x) => mask(x, mk), [a]);
      });
      it("transpose", () => {
        expectGrad(transpose, [a]);
      });
    });
  }

  it("matmul in all four transpose modes", () => {
    const [m, k, n] = [4, 3, 5];
    const cases: [boolean, boolean][] = [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ];
    for (const [transA, transB] of cases) {
      const a = randNormal(transA ? k : m, transA ? m : k, { seed: 20 });
      const b = randNormal(transB ? n : k, transB ? k : n, { seed: 21 });
      expectGrad((x, y) => matmul(x, y, { transA, transB }), [a, b]);
    }
  });

  it("a composite loss (least squares + softmax cross-entropy + penalty)", () => {
    const X = randUniform(6, 5, { seed: 30 });
    const S = randUniform(3, 5, { seed: 31 });
    const A = randUniform(6, 3, { seed: 32 });
    const B = randNormal(2, 3, { seed: 33 });
    const Y = tensor([
      [1, 0, 1, 0, 1],
      [0, 1, 0, 1, 0],
    ]);
    const f = (a: Tensor, bb: Tensor) => {
      const rec = sumSquares(sub(X, matmul(a, S)));
      const ce = neg(sum(mul(Y, logSoftmax(matmul(bb, S), 0))));
      const orth = sumSquares(matmul(a, a, { transA: true }));
      return add(add(rec, scale(ce, 0.1)), scale(orth, 1e-3));
    };
    expectGrad(f, [A, B]);
  });

  it("property: gradCheck holds for mul/matmul chains on random shapes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.nat(),
        (m, k, n, seed) => {
          const a = randNormal(m, k, { seed });
          const b = randNormal(k, n, { seed: seed + 1 });
          const c = randNormal(m, n, { seed: seed + 2 });
          const r = gradCheck((x, y, z) => sum(mul(matmul(x, y), z)), [a, b, c]);
          return r.maxRelativeError < TOL;
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("matmul of a tensor with itself", () => {
  it("differentiates AᵀA and AAᵀ (fused cotangent) and keeps distinct arguments apart", () => {
    const a = randNormal(5, 3, { seed: 40 });
    expect(gradCheck((x) => matmul(x, x, { transA: true }), [a]).maxRelativeError).toBeLessThan(
      TOL,
    );
    expect(gradCheck((x) => matmul(x, x, { transB: true }), [a]).maxRelativeError).toBeLessThan(
      TOL,
    );
    // Two arguments holding the same values are still two inputs with their own gradients.
    const r = gradCheck((x, y) => matmul(x, y, { transA: true }), [a, a.clone()]);
    expect(r.maxRelativeError).toBeLessThan(TOL);
  });
});
