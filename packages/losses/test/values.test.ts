import { tensor } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import {
  classificationL2Loss,
  crossEntropyLoss,
  energyLoss,
  evaluateLoss,
  type Loss,
  l1Penalty,
  l2Penalty,
  type ModelState,
  orthogonalityPenalty,
  reconstructionLoss,
  supervisionFromLabels,
  weighted,
} from "../src/index.js";

/** One layer: X 2×2, A = [1; 2], S = [1 1]. Residual [[0, 1], [1, 2]]. */
const oneLayer: ModelState = {
  X: tensor([
    [1, 2],
    [3, 4],
  ]),
  A: [tensor([[1], [2]])],
  S: [tensor([[1, 1]])],
};

/**
 * Two layers: X 3×2, A⁽¹⁾ 3×2, A⁽²⁾ 2×1, S⁽¹⁾ = I, S⁽²⁾ = [1 2].
 * A⁽¹⁾A⁽²⁾ = [1; 2; 2], so X − A⁽¹⁾A⁽²⁾S⁽²⁾ = [[0, 0], [1, 0], [3, 2]] (sum of squares 14);
 * X − A⁽¹⁾S⁽¹⁾ = [[0, 2], [2, 3], [5, 4]] (58); S⁽¹⁾ − A⁽²⁾S⁽²⁾ = [[0, −2], [−1, −1]] (6).
 */
const twoLayers: ModelState = {
  X: tensor([
    [1, 2],
    [3, 4],
    [5, 6],
  ]),
  A: [
    tensor([
      [1, 0],
      [1, 1],
      [0, 2],
    ]),
    tensor([[1], [1]]),
  ],
  S: [
    tensor([
      [1, 0],
      [0, 1],
    ]),
    tensor([[1, 2]]),
  ],
};

/** Supervised: k_L = 1, S = [1 2 3], B = [1; −1], labels [0, 1, unknown]. Logits [[1 2 3], [−1 −2 −3]]. */
const supervised: ModelState = {
  X: tensor([
    [1, 1, 1],
    [1, 1, 1],
  ]),
  A: [tensor([[1], [1]])],
  S: [tensor([[1, 2, 3]])],
  B: tensor([[1], [-1]]),
  supervision: supervisionFromLabels([0, 1, null]),
};

const value = (loss: Loss, state: ModelState) => evaluateLoss(loss, state).total.item();
const terms = (loss: Loss, state: ModelState) =>
  Object.fromEntries(
    Object.entries(evaluateLoss(loss, state).terms).map(([k, t]) => [k, t.item()]),
  );

describe("reconstructionLoss", () => {
  it("matches hand-computed values for both reductions", () => {
    expect(value(reconstructionLoss(), oneLayer)).toBe(6);
    expect(value(reconstructionLoss({ reduction: "mean" }), oneLayer)).toBe(1.5);
    expect(value(reconstructionLoss(), twoLayers)).toBe(14);
    expect(value(reconstructionLoss({ reduction: "mean" }), twoLayers)).toBeCloseTo(14 / 6, 14);
  });

  it("reconstructs from a lower level and names the term after it", () => {
    expect(value(reconstructionLoss({ level: 1 }), twoLayers)).toBe(58);
    expect(value(reconstructionLoss({ level: 1, reduction: "mean" }), twoLayers)).toBeCloseTo(
      58 / 6,
      14,
    );
    expect(terms(reconstructionLoss({ level: 1 }), twoLayers)).toEqual({ "reconstruction[1]": 58 });
    expect(terms(reconstructionLoss({ level: 2, name: "top" }), twoLayers)).toEqual({ top: 14 });
  });

  it("multiplies by its weight through weighted()", () => {
    expect(value(weighted(reconstructionLoss(), 2), oneLayer)).toBe(12);
    expect(terms(weighted(reconstructionLoss(), 0.5), oneLayer)).toEqual({ reconstruction: 3 });
  });
});

describe("energyLoss", () => {
  it("sums the layers, one term each, for both reductions", () => {
    expect(terms(energyLoss(), twoLayers)).toEqual({ "energy[1]": 58, "energy[2]": 6 });
    expect(value(energyLoss(), twoLayers)).toBe(64);
    // mean: 58 / (3·2) + 6 / (2·2)
    expect(value(energyLoss({ reduction: "mean" }), twoLayers)).toBeCloseTo(58 / 6 + 1.5, 14);
    expect(value(energyLoss(), oneLayer)).toBe(6);
  });

  it("applies per-layer weights and skips layers of weight 0", () => {
    expect(value(energyLoss({ layerWeights: [1, 2] }), twoLayers)).toBe(70);
    expect(value(energyLoss({ layerWeights: [1, 2], reduction: "mean" }), twoLayers)).toBeCloseTo(
      58 / 6 + 3,
      14,
    );
    expect(terms(energyLoss({ layerWeights: [0, 1] }), twoLayers)).toEqual({ "energy[2]": 6 });
    expect(terms(weighted(energyLoss({ layerWeights: [1, 1] }), 3), twoLayers)).toEqual({
      "energy[1]": 174,
      "energy[2]": 18,
    });
  });
});

describe("classification losses", () => {
  it("classificationL2Loss: labelled columns only; mean over c·|known|", () => {
    // Y − BS on columns 0, 1: [[1 − 1, 0 − 2], [0 + 1, 1 + 2]] → 0 + 4 + 1 + 9.
    expect(value(classificationL2Loss(), supervised)).toBe(14);
    expect(value(classificationL2Loss({ reduction: "mean" }), supervised)).toBe(14 / 4);
    expect(value(weighted(classificationL2Loss(), 1e-4), supervised)).toBeCloseTo(14e-4, 16);
  });

  it("crossEntropyLoss: labelled columns only; mean per labelled column", () => {
    // column 0: logits (1, −1), class 0 → log(1 + e⁻²); column 1: (2, −2), class 1 → log(1 + e⁴)
    const expected = Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(4));
    expect(value(crossEntropyLoss(), supervised)).toBeCloseTo(expected, 14);
    expect(value(crossEntropyLoss({ reduction: "mean" }), supervised)).toBeCloseTo(
      expected / 2,
      14,
    );
  });

  it("with every label known, uses every column", () => {
    const all = { ...supervised, supervision: supervisionFromLabels([0, 1, 1]) };
    // column 2: Y − BS = [0 − 3, 1 + 3] → 9 + 16
    expect(value(classificationL2Loss(), all)).toBe(14 + 25);
    expect(value(classificationL2Loss({ reduction: "mean" }), all)).toBe(39 / 6);
  });
});

describe("regularisers", () => {
  it("l1Penalty sums |S| over the chosen layers", () => {
    // S⁽¹⁾ = I (sum 2), S⁽²⁾ = [1 2] (sum 3)
    expect(value(l1Penalty(), twoLayers)).toBe(5);
    expect(value(l1Penalty({ reduction: "mean" }), twoLayers)).toBe(2 / 4 + 3 / 2);
    expect(value(l1Penalty({ layers: [2] }), twoLayers)).toBe(3);
    const signed: ModelState = { ...oneLayer, S: [tensor([[1, -2]])] };
    expect(value(l1Penalty(), signed)).toBe(3);
  });

  it("l2Penalty sums squared norms of the A's and, optionally, B", () => {
    // ‖A⁽¹⁾‖² = 1 + 1 + 1 + 4 = 7, ‖A⁽²⁾‖² = 2, ‖B‖² = 2
    expect(value(l2Penalty(), twoLayers)).toBe(9);
    expect(value(l2Penalty({ reduction: "mean" }), twoLayers)).toBeCloseTo(7 / 6 + 1, 14);
    expect(value(l2Penalty({ layers: [1] }), twoLayers)).toBe(7);
    expect(value(l2Penalty({ layers: "none", classifier: true }), supervised)).toBe(2);
    expect(value(l2Penalty({ classifier: true, reduction: "mean" }), supervised)).toBe(1 + 1);
    expect(l2Penalty({ classifier: true }).needs).toEqual({ classifier: true });
  });

  it("orthogonalityPenalty: off-diagonal (default) and identity variants", () => {
    // A⁽¹⁾ᵀA⁽¹⁾ = [[2, 1], [1, 5]]; A⁽²⁾ᵀA⁽²⁾ = [[2]]
    expect(value(orthogonalityPenalty(), twoLayers)).toBe(2);
    expect(value(orthogonalityPenalty({ reduction: "mean" }), twoLayers)).toBe(1);
    expect(value(orthogonalityPenalty({ variant: "identity" }), twoLayers)).toBe(
      1 + 1 + 1 + 16 + 1,
    );
    expect(value(orthogonalityPenalty({ variant: "identity", reduction: "mean" }), twoLayers)).toBe(
      19 / 4 + 1,
    );
    expect(value(orthogonalityPenalty({ layers: [2] }), twoLayers)).toBe(0);
    expect(value(weighted(orthogonalityPenalty({ layers: [1] }), 0.5), twoLayers)).toBe(1);
  });
});
