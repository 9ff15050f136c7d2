import { CscMatrix } from "@neural-nmf/tensor";
import { gradCheck } from "@neural-nmf/tensor/testing";
import { describe, expect, it } from "vitest";
import {
  classificationL2Loss,
  combine,
  crossEntropyLoss,
  energyLoss,
  type Loss,
  l1Penalty,
  l2Penalty,
  orthogonalityPenalty,
  type Reduction,
  reconstructionLoss,
  weighted,
} from "../src/index.js";
import { asFunction, inputsOf, randomState } from "./helpers.js";

const builtIns: [string, (reduction: Reduction) => Loss][] = [
  ["reconstruction", (reduction) => reconstructionLoss({ reduction })],
  ["reconstruction level 1", (reduction) => reconstructionLoss({ reduction, level: 1 })],
  ["energy", (reduction) => energyLoss({ reduction, layerWeights: [1, 0.5, 2] })],
  ["classificationL2", (reduction) => weighted(classificationL2Loss({ reduction }), 0.3)],
  ["crossEntropy", (reduction) => crossEntropyLoss({ reduction })],
  ["l1Penalty", (reduction) => l1Penalty({ reduction, layers: [1, 3] })],
  ["l2Penalty", (reduction) => l2Penalty({ reduction, classifier: true })],
  ["orthogonality", (reduction) => orthogonalityPenalty({ reduction })],
  [
    "orthogonality identity",
    (reduction) => orthogonalityPenalty({ reduction, variant: "identity" }),
  ],
];

const sizes = { m: 7, ranks: [5, 3, 2], n: 6, classes: 3 };

describe("gradCheck of every built-in w.r.t. every A, S and B", () => {
  for (const [label, make] of builtIns) {
    for (const reduction of ["sum", "mean"] as const) {
      it(`${label} (${reduction})`, () => {
        const state = randomState(3, sizes);
        const f = asFunction(make(reduction), state, sizes.ranks.length);
        const r = gradCheck(f, inputsOf(state));
        expect(r.maxRelativeError, JSON.stringify(r.worst)).toBeLessThan(1e-6);
      });
    }
  }

  it("reconstruction and energy with a sparse X", () => {
    const state = randomState(5, sizes);
    const X = CscMatrix.fromDense(state.X).dropZeros();
    for (const loss of [reconstructionLoss(), energyLoss({ reduction: "mean" })]) {
      const f = asFunction(loss, { X }, sizes.ranks.length);
      const r = gradCheck(f, inputsOf({ A: state.A, S: state.S }));
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
  });

  it("a combination of weighted built-ins", () => {
    const state = randomState(7, sizes);
    const loss = combine(
      energyLoss(),
      weighted(crossEntropyLoss({ reduction: "mean" }), 0.7),
      weighted(orthogonalityPenalty(), 0.1),
      weighted(l2Penalty({ layers: "none", classifier: true }), 1e-2),
    );
    const r = gradCheck(asFunction(loss, state, sizes.ranks.length), inputsOf(state));
    expect(r.ok, JSON.stringify(r)).toBe(true);
  });
});
