import { CscMatrix, randUniform, Tensor, valueAndGrad } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import {
  energyLoss,
  evaluateLoss,
  type Loss,
  reconstructionLoss,
  squaredResidual,
} from "../src/index.js";
import { asFunction, inputsOf, randomState, relativeDifference } from "./helpers.js";

const sizes = { m: 12, ranks: [5, 3, 2], n: 9, classes: 2 };

/** The dense X of a random state with about 70% of its entries zeroed, and its CSC form. */
function sparseInput(seed: number) {
  const state = randomState(seed, sizes);
  const keep = randUniform(sizes.m, sizes.n, { seed: seed + 99 });
  const data = state.X.data.map((x, i) => ((keep.data[i] as number) < 0.3 ? x : 0));
  // Column 2 entirely empty: a document with no words must not break the sparse path.
  for (let i = 0; i < sizes.m; i++) data[i * sizes.n + 2] = 0;
  const dense = Tensor.fromTypedArray(data, [sizes.m, sizes.n]);
  return { state, dense, sparse: CscMatrix.fromDense(dense) };
}

const losses: [string, Loss][] = [
  ["reconstruction (sum)", reconstructionLoss()],
  ["reconstruction (mean)", reconstructionLoss({ reduction: "mean" })],
  ["reconstruction level 1", reconstructionLoss({ level: 1 })],
  ["reconstruction level 2 (mean)", reconstructionLoss({ level: 2, reduction: "mean" })],
  ["energy (sum)", energyLoss()],
  ["energy (mean, weighted layers)", energyLoss({ reduction: "mean", layerWeights: [2, 1, 0.5] })],
];

describe("sparse X gives the dense values and gradients", () => {
  for (const [label, loss] of losses) {
    it(label, () => {
      for (const seed of [1, 2, 3]) {
        const { state, dense, sparse } = sparseInput(seed);
        const depth = sizes.ranks.length;
        const inputs = inputsOf({ A: state.A, S: state.S });
        const d = valueAndGrad(asFunction(loss, { X: dense }, depth))(...inputs);
        const s = valueAndGrad(asFunction(loss, { X: sparse }, depth))(...inputs);
        expect(Math.abs(d.value - s.value) / Math.abs(d.value)).toBeLessThan(1e-10);
        d.grads.forEach((g, i) => {
          expect(
            relativeDifference(g.data, (s.grads[i] as Tensor).data),
            `input ${i}`,
          ).toBeLessThan(1e-10);
        });
        // Terms agree too.
        const td = evaluateLoss(loss, { X: dense, A: state.A, S: state.S }).terms;
        const ts = evaluateLoss(loss, { X: sparse, A: state.A, S: state.S }).terms;
        expect(Object.keys(ts)).toEqual(Object.keys(td));
        for (const key of Object.keys(td)) {
          expect(relativeDifference(td[key]!.data, ts[key]!.data)).toBeLessThan(1e-10);
        }
      }
    });
  }

  it("squaredResidual: an all-zero sparse X gives ‖PS‖²", () => {
    const P = randUniform(6, 2, { seed: 1 });
    const S = randUniform(2, 4, { seed: 2 });
    const empty = CscMatrix.fromTriplets(6, 4, [], [], []);
    const dense = squaredResidual(empty.toDense(), P, S).item();
    expect(Math.abs(squaredResidual(empty, P, S).item() - dense) / dense).toBeLessThan(1e-12);
  });

  it("never densifies: a 100 000 × 5 000 sparse X (4 GB dense) with gradients in well under a second", () => {
    const m = 100_000;
    const n = 5_000;
    const nnz = 50_000;
    const rng = randUniform(3, nnz, { seed: 4 });
    const rows = Array.from({ length: nnz }, (_, t) => Math.floor((rng.data[t] as number) * m));
    const cols = Array.from({ length: nnz }, (_, t) =>
      Math.floor((rng.data[nnz + t] as number) * n),
    );
    const X = CscMatrix.fromTriplets(m, n, rows, cols, rng.data.subarray(2 * nnz));
    const A = [randUniform(m, 4, { seed: 5 }), randUniform(4, 2, { seed: 6 })];
    const S = [randUniform(4, n, { seed: 7 }), randUniform(2, n, { seed: 8 })];
    const start = performance.now();
    const loss = energyLoss();
    const { value, grads } = valueAndGrad(asFunction(loss, { X }, 2))(...A, ...S);
    const elapsed = performance.now() - start;
    expect(Number.isFinite(value)).toBe(true);
    expect(grads[0]!.shape).toEqual([m, 4]);
    expect(elapsed).toBeLessThan(5_000);
  });
});
