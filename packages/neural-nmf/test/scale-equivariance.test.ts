import { CscMatrix, Tensor } from "@neural-nmf/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NeuralNMF, syntheticHierarchy } from "../src/index.js";

const { X, labels } = syntheticHierarchy({ seed: 4 });
const known = Array.from({ length: X.cols }, (_, j) => j).filter((j) => j % 2 === 0);

function fitted(x: Tensor | CscMatrix) {
  const model = new NeuralNMF({ ranks: [9, 4], seed: 1, threads: 1 });
  const history = model.fit(x, { supervision: { labels: labels[1]!, known }, maxEpochs: 60 });
  return { model, history };
}

const base = fitted(X);
const baseErrors = base.model.relativeError(X);
const baseCodes = base.model.transform(X);

describe("scale equivariance of fit (property)", () => {
  // Powers of two scale every number exactly, so the fit is the same to the bit. Other factors
  // round the data differently, and training carries those 1e-16 differences along (a nonconvex
  // problem with line searches): the fits then reach the same errors (to 1e-4) and labels, but the
  // factors themselves may differ where the problem leaves them free (1% seen in one entry).
  it("fits X·c like X for c from 1e-150 to 1e150: the same factors, codes scaled by c", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -498, max: 498 }),
        fc.constantFrom(1, 10 ** 0.37, 3.7e-40, 1e100),
        fc.boolean(),
        (power, factor, sparse) => {
          const c = 2 ** power * factor;
          if (!(c >= 1e-150 && c <= 1e150)) return;
          const exact = factor === 1;
          const tolerance = exact ? 1e-12 : 1e-4;
          const data = X.data.map((v) => v * c);
          const dense = new Tensor(data, X.shape);
          const x = sparse ? CscMatrix.fromDense(dense) : dense;
          const { model, history } = fitted(x);
          expect(history.epochs.length).toBe(base.history.epochs.length);
          const errors = model.relativeError(x);
          for (let l = 0; l < errors.length; l++) {
            expect(Math.abs(errors[l]! - baseErrors[l]!)).toBeLessThan(tolerance);
          }
          // Layers are the same, codes scale with the data, and the labels come out the same.
          if (!exact) {
            expect(Array.from(model.predict(x))).toEqual(Array.from(base.model.predict(X)));
            return;
          }
          model.layers.forEach((a, l) => {
            expect(Array.from(a.data)).toEqual(Array.from(base.model.layers[l]!.data));
          });
          const codes = model.transform(x);
          codes.forEach((s, l) => {
            const ref = baseCodes[l]!;
            let worst = 0;
            let size = 0;
            s.data.forEach((v, t) => {
              worst = Math.max(worst, Math.abs(v / c - ref.data[t]!));
              size = Math.max(size, Math.abs(ref.data[t]!));
            });
            expect(worst / size).toBeLessThan(1e-12);
          });
          expect(Array.from(model.predict(x))).toEqual(Array.from(base.model.predict(X)));
        },
      ),
      { numRuns: 12 },
    );
  });

  it("refuses data that holds only zeros instead of reporting [0, 0]", () => {
    const model = new NeuralNMF({ ranks: [3], seed: 1, threads: 1 });
    expect(() => model.fit(new Tensor(new Float64Array(20), [4, 5]))).toThrow(/only zeros/);
  });
});
