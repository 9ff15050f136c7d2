import {
  ArgumentTypeError,
  CscMatrix,
  matmul,
  NonFiniteError,
  ones,
  randNormal,
  ShapeError,
  scalar,
  sum,
  type Tensor,
  tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import {
  applyReduction,
  classificationL2Loss,
  combine,
  crossEntropyLoss,
  energyLoss,
  evaluateLoss,
  factorProduct,
  type Loss,
  LossRequirementError,
  l1Penalty,
  l2Penalty,
  type ModelState,
  orthogonalityPenalty,
  reconstructionLoss,
  squaredResidual,
  supervisionFromLabels,
  validateModelState,
  weighted,
} from "../src/index.js";
import { randomState } from "./helpers.js";

const state = randomState(1); // 7×6, ranks 4, 3, 3 classes
const numbers = (terms: Record<string, Tensor>) =>
  Object.fromEntries(Object.entries(terms).map(([k, t]) => [k, t.item()]));

/** Asserts `fn` throws `type` with `argument`. */
function expectError(fn: () => unknown, type: new (...args: never[]) => Error, argument?: string) {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, "expected a throw").toBeInstanceOf(type);
  if (argument !== undefined)
    expect((error as { argument?: string }).argument, String(error)).toBe(argument);
}

describe("evaluateLoss", () => {
  it("normalises a bare tensor into one term under the loss's name", () => {
    const loss: Loss = { name: "sumTop", compute: ({ S }) => sum(S[1]!) };
    const { total, terms } = evaluateLoss(loss, state);
    expect(total.shape).toEqual([]);
    expect(Object.keys(terms)).toEqual(["sumTop"]);
    expect(terms.sumTop).toBe(total);
  });

  it("keeps the terms of a LossResult; empty terms count as none", () => {
    const withTerms: Loss = {
      name: "two",
      compute: () => ({ value: scalar(3), terms: { a: scalar(1), b: scalar(2) } }),
    };
    expect(numbers(evaluateLoss(withTerms, state).terms)).toEqual({ a: 1, b: 2 });
    const empty: Loss = { name: "empty", compute: () => ({ value: scalar(3), terms: {} }) };
    expect(numbers(evaluateLoss(empty, state).terms)).toEqual({ empty: 3 });
  });

  it("accepts a 1×1 value and turns it into a scalar", () => {
    // 1ᵀ S⁽¹⁾ 1: a 1×1 product, as xᵀy-style losses produce.
    const loss: Loss = {
      name: "xty",
      compute: ({ S }) => matmul(matmul(ones(1, 4), S[0]!), ones(6, 1)),
    };
    const oneByOne: Loss = { name: "oneByOne", compute: () => tensor([[4]]) };
    expect(evaluateLoss(oneByOne, state).total.shape).toEqual([]);
    expect(evaluateLoss(oneByOne, state).total.item()).toBe(4);
    expect(evaluateLoss(loss, state).total.shape).toEqual([]);
    expect(evaluateLoss(loss, state).total.item()).toBeCloseTo(sum(state.S[0]!).item(), 12);
  });

  it("rejects non-scalar, non-finite and malformed results, naming the loss", () => {
    const matrix: Loss = { name: "matrix", compute: ({ S }) => S[0]! };
    expectError(() => evaluateLoss(matrix, state), ShapeError, "loss");
    expect(() => evaluateLoss(matrix, state)).toThrow(/matrix/);
    const nan: Loss = { name: "nan", compute: () => scalar(Number.NaN) };
    expectError(() => evaluateLoss(nan, state), NonFiniteError, "loss");
    expect(() => evaluateLoss(nan, state)).toThrow(/nan/);
    const badTerm: Loss = {
      name: "badTerm",
      compute: () => ({ value: scalar(1), terms: { t: tensor([1, 2]) } }),
    };
    expectError(() => evaluateLoss(badTerm, state), ShapeError, "loss");
    const infiniteTerm: Loss = {
      name: "infTerm",
      compute: () => ({ value: scalar(1), terms: { t: scalar(Number.POSITIVE_INFINITY) } }),
    };
    expectError(() => evaluateLoss(infiniteTerm, state), NonFiniteError);
    const wrong = { name: "wrong", compute: () => 3 } as unknown as Loss;
    expectError(() => evaluateLoss(wrong, state), ArgumentTypeError, "loss");
    const termsArray = {
      name: "arr",
      compute: () => ({ value: scalar(1), terms: [scalar(1)] }),
    } as unknown as Loss;
    expectError(() => evaluateLoss(termsArray, state), ArgumentTypeError, "loss");
    expectError(
      () => evaluateLoss({ name: "", compute: () => scalar(0) }, state),
      ArgumentTypeError,
      "loss",
    );
    expectError(
      () => evaluateLoss({ name: "x" } as unknown as Loss, state),
      ArgumentTypeError,
      "loss",
    );
  });

  it("throws LossRequirementError naming the loss when its needs are not met", () => {
    const { B: _B, supervision: _sup, ...unsupervised } = state;
    for (const loss of [classificationL2Loss(), crossEntropyLoss({ name: "ce" })]) {
      let error: unknown;
      try {
        evaluateLoss(loss, unsupervised);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LossRequirementError);
      expect((error as LossRequirementError).loss).toBe(loss.name);
      expect((error as LossRequirementError).requirement).toBe("classifier");
      expect(String(error)).toContain(loss.name);
    }
    const { supervision: _s, ...noLabels } = state;
    expect(() => evaluateLoss(crossEntropyLoss(), noLabels)).toThrow(LossRequirementError);
    expect(() => evaluateLoss(l2Penalty({ classifier: true }), unsupervised)).toThrow(
      LossRequirementError,
    );
    // The combination needs what its parts need.
    const combined = combine(energyLoss(), weighted(crossEntropyLoss(), 0.1));
    expect(combined.needs).toEqual({ classifier: true, supervision: true });
    expect(() => evaluateLoss(combined, noLabels)).toThrow(/energy \+ crossEntropy/);
    expect(combine(energyLoss(), l1Penalty()).needs).toBeUndefined();
  });
});

describe("validateModelState", () => {
  const bad: [string, ModelState, new (...args: never[]) => Error, string][] = [
    ["X not a matrix", { ...state, X: scalar(1) }, ArgumentTypeError, "state.X"],
    [
      "X of the wrong type",
      { ...state, X: [[1]] as unknown as Tensor },
      ArgumentTypeError,
      "state.X",
    ],
    ["no layers", { ...state, A: [], S: [] }, ArgumentTypeError, "state.A"],
    ["S count", { ...state, S: [state.S[0]!] }, ShapeError, "state.S"],
    ["A⁽¹⁾ rows", { ...state, A: [state.A[1]!, state.A[1]!] }, ShapeError, "state.A[0]"],
    ["A⁽²⁾ rows", { ...state, A: [state.A[0]!, state.A[0]!] }, ShapeError, "state.A[1]"],
    ["S⁽¹⁾ shape", { ...state, S: [state.S[1]!, state.S[1]!] }, ShapeError, "state.S[0]"],
    [
      "S not a tensor",
      { ...state, S: [state.S[0]!, null as unknown as Tensor] },
      ArgumentTypeError,
      "state.S[1]",
    ],
    ["B columns", { ...state, B: tensor([[1, 2]]) }, ShapeError, "state.B"],
    ["B rows vs classes", { ...state, B: tensor([[1, 2, 3]]) }, ShapeError, "state.B"],
    [
      "supervision of another n",
      {
        ...state,
        supervision: randomState(1, { m: 7, ranks: [4, 3], n: 5, classes: 3 }).supervision,
      },
      ShapeError,
      "state.supervision.Y",
    ],
  ];
  for (const [label, s, type, argument] of bad) {
    it(`rejects ${label} (naming ${argument})`, () => {
      expectError(() => validateModelState(s), type, argument);
      // evaluateLoss validates first, whatever the loss.
      expectError(() => evaluateLoss(l1Penalty(), s), type, argument);
    });
  }

  it("accepts a sparse X and a state without classifier", () => {
    const { B: _b, supervision: _s, ...rest } = state;
    expect(() => validateModelState({ ...rest, X: CscMatrix.fromDense(state.X) })).not.toThrow();
  });
});

describe("combine and weighted", () => {
  it("sums weighted parts and reports their weighted terms", () => {
    const loss = combine(energyLoss(), weighted(crossEntropyLoss(), 0.5), weighted(l1Penalty(), 2));
    expect(loss.name).toBe("energy + crossEntropy + l1Penalty");
    const { total, terms } = evaluateLoss(loss, state);
    const energy = numbers(evaluateLoss(energyLoss(), state).terms);
    const ce = evaluateLoss(crossEntropyLoss(), state).total.item();
    const l1 = evaluateLoss(l1Penalty(), state).total.item();
    const got = numbers(terms);
    expect(Object.keys(got)).toEqual(["energy[1]", "energy[2]", "crossEntropy", "l1Penalty"]);
    expect(got["energy[1]"]).toBe(energy["energy[1]"]);
    expect(got.crossEntropy).toBeCloseTo(0.5 * ce, 14);
    expect(got.l1Penalty).toBeCloseTo(2 * l1, 13);
    const termSum = Object.values(got).reduce((a, b) => a + b, 0);
    expect(total.item()).toBeCloseTo(termSum, 12);
  });

  it("keeps term names unique: prefix with the part's name, then a numeric suffix", () => {
    const loss = combine(
      reconstructionLoss(),
      reconstructionLoss({ level: 1 }),
      weighted(reconstructionLoss(), 2),
      energyLoss(),
      energyLoss({ name: "energy" }),
      energyLoss({ name: "deep" }),
    );
    const got = numbers(evaluateLoss(loss, state).terms);
    const rec = evaluateLoss(reconstructionLoss(), state).total.item();
    expect(Object.keys(got)).toEqual([
      "reconstruction",
      "reconstruction[1]",
      "reconstruction#2",
      "energy[1]",
      "energy[2]",
      "energy/energy[1]",
      "energy/energy[2]",
      "deep[1]",
      "deep[2]",
    ]);
    expect(got["reconstruction#2"]).toBeCloseTo(2 * rec, 12);
    // Nested combinations keep their (already unique) names.
    const nested = combine(combine(l1Penalty(), l1Penalty()), l1Penalty());
    expect(Object.keys(evaluateLoss(nested, state).terms)).toEqual([
      "l1Penalty",
      "l1Penalty#2",
      "l1Penalty#3",
    ]);
  });

  it("weighted keeps name and needs and scales every term", () => {
    const w = weighted(energyLoss(), 3);
    expect(w.name).toBe("energy");
    expect(weighted(crossEntropyLoss(), 2).needs).toEqual({ classifier: true, supervision: true });
    const base = numbers(evaluateLoss(energyLoss(), state).terms);
    const got = numbers(evaluateLoss(w, state).terms);
    for (const key of Object.keys(base)) expect(got[key]).toBeCloseTo(3 * base[key]!, 12);
    expect(evaluateLoss(weighted(energyLoss(), 0), state).total.item()).toBe(0);
  });

  it("validates its parts and weights", () => {
    expectError(() => combine(), ValueError, "losses");
    expectError(() => combine(energyLoss(), {} as Loss), ArgumentTypeError, "losses[1]");
    expectError(
      () => combine(energyLoss(), null as unknown as Loss),
      ArgumentTypeError,
      "losses[1]",
    );
    expectError(() => weighted(energyLoss(), -0.5), ValueError, "weight");
    expectError(() => weighted(energyLoss(), Number.POSITIVE_INFINITY), NonFiniteError, "weight");
    expectError(() => weighted(null as unknown as Loss, 1), ArgumentTypeError, "loss");
  });

  it("refuses the removed [loss, weight] pairs, pointing to weighted()", () => {
    for (const pair of [[l1Penalty(), 2], [l1Penalty()], [l1Penalty(), -1]]) {
      expectError(() => combine(energyLoss(), pair as never), ArgumentTypeError, "losses[1]");
      expect(() => combine(energyLoss(), pair as never)).toThrow(
        /`losses\[1\]` is an array; `\[loss, weight\]` pairs were removed, use `weighted\(loss, w\)`/,
      );
    }
  });

  it("keeps the term names of the default model loss: reconstruction[l], classificationL2[l]", () => {
    // The shape of neural-nmf's default loss: every level's reconstruction plus λ_l · the L2
    // classification of each supervised level, weighted with weighted().
    const s = randomState(4, { m: 9, ranks: [5, 3], n: 8, classes: 3 });
    const supervision = supervisionFromLabels([0, 1, 2, 0, 1, -1, 2, -1]);
    const multi: ModelState = {
      X: s.X,
      A: s.A,
      S: s.S,
      classifiers: [
        { level: 1, B: randNormal(3, 5, { seed: 41 }), supervision }, // c × k₁
        { level: 2, B: randNormal(3, 3, { seed: 42 }), supervision }, // c × k₂
      ],
    };
    const [w1, w2] = [0.25, 3];
    const loss = combine(
      reconstructionLoss({ level: 1 }),
      reconstructionLoss({ level: 2 }),
      weighted(classificationL2Loss({ level: 1 }), w1),
      weighted(classificationL2Loss({ level: 2 }), w2),
    );
    const { total, terms } = evaluateLoss(loss, multi);
    const got = numbers(terms);
    expect(Object.keys(got)).toEqual([
      "reconstruction[1]",
      "reconstruction[2]",
      "classificationL2[1]",
      "classificationL2[2]",
    ]);
    const plain = (l: Loss) => evaluateLoss(l, multi).total.item();
    expect(got["reconstruction[1]"]).toBe(plain(reconstructionLoss({ level: 1 })));
    expect(got["classificationL2[1]"]).toBe(w1 * plain(classificationL2Loss({ level: 1 })));
    expect(got["classificationL2[2]"]).toBe(w2 * plain(classificationL2Loss({ level: 2 })));
    expect(total.item()).toBeCloseTo(
      Object.values(got).reduce((a, b) => a + b, 0),
      12,
    );
    // A user's loss plus the classification terms it lacks (one, or several combined) keeps them.
    const custom: Loss = { name: "custom", compute: ({ S }) => sum(S[1]!) };
    const one = combine(custom, weighted(classificationL2Loss({ level: 2 }), w2));
    expect(Object.keys(evaluateLoss(one, multi).terms)).toEqual(["custom", "classificationL2[2]"]);
    const both = combine(
      custom,
      combine(
        weighted(classificationL2Loss({ level: 1 }), w1),
        weighted(classificationL2Loss({ level: 2 }), w2),
      ),
    );
    expect(Object.keys(evaluateLoss(both, multi).terms)).toEqual([
      "custom",
      "classificationL2[1]",
      "classificationL2[2]",
    ]);
  });
});

describe("options of the built-ins", () => {
  const bad: [string, () => unknown, new (...args: never[]) => Error, string][] = [
    ["reduction", () => reconstructionLoss({ reduction: "avg" as never }), ValueError, "reduction"],
    ["empty name", () => classificationL2Loss({ name: "" }), ArgumentTypeError, "name"],
    ["unknown option", () => energyLoss({ layerWeight: [1] } as never), ValueError, "layerWeight"],
    ["options not an object", () => l2Penalty(3 as never), ArgumentTypeError, "options"],
    ["level 0", () => reconstructionLoss({ level: 0 }), ValueError, "level"],
    ["level 1.5", () => reconstructionLoss({ level: 1.5 }), ValueError, "level"],
    [
      "negative layer weight",
      () => energyLoss({ layerWeights: [1, -1] }),
      ValueError,
      "layerWeights[1]",
    ],
    [
      "layer weights not an array",
      () => energyLoss({ layerWeights: 1 as never }),
      ArgumentTypeError,
      "layerWeights",
    ],
    ["empty layers", () => l1Penalty({ layers: [] }), ValueError, "layers"],
    ["repeated layers", () => orthogonalityPenalty({ layers: [1, 1] }), ValueError, "layers"],
    ["layer 0", () => l2Penalty({ layers: [0] }), ValueError, "layers[0]"],
    ["layers a string", () => l1Penalty({ layers: "some" as never }), ArgumentTypeError, "layers"],
    ["nothing to penalise", () => l2Penalty({ layers: "none" }), ValueError, "layers"],
    ["classifier flag", () => l2Penalty({ classifier: 1 as never }), ValueError, "classifier"],
    ["variant", () => orthogonalityPenalty({ variant: "diag" as never }), ValueError, "variant"],
  ];
  for (const [label, fn, type, argument] of bad) {
    it(`rejects ${label} at construction (naming ${argument})`, () =>
      expectError(fn, type, argument));
  }

  it("refuses the removed `weight` option of every built-in, pointing to weighted()", () => {
    const factories: [string, (options: never) => Loss][] = [
      ["reconstructionLoss", reconstructionLoss],
      ["energyLoss", energyLoss],
      ["classificationL2Loss", classificationL2Loss],
      ["crossEntropyLoss", crossEntropyLoss],
      ["l1Penalty", l1Penalty],
      ["l2Penalty", l2Penalty],
      ["orthogonalityPenalty", orthogonalityPenalty],
    ];
    for (const [name, factory] of factories) {
      for (const weight of [2, -1, Number.NaN, "2", undefined]) {
        expectError(() => factory({ weight } as never), ValueError, "weight");
      }
      expect(() => factory({ reduction: "mean", weight: 2 } as never)).toThrow(
        `${name}: the \`weight\` option was removed; use \`weighted(loss, w)\` instead, e.g. \`weighted(${name}(…), 2)\``,
      );
    }
  });

  it("suggests weighted() for a repeated layer of a penalty", () => {
    expect(() => l1Penalty({ layers: [1, 2, 2] })).toThrow(
      "to weigh a layer more, add a penalty on it alone, e.g. `weighted(l1Penalty({ layers: [2] }), w)`",
    );
  });

  it("rejects layers beyond the state's depth at evaluation", () => {
    expectError(() => evaluateLoss(reconstructionLoss({ level: 3 }), state), ValueError, "level");
    expectError(() => evaluateLoss(l1Penalty({ layers: [3] }), state), ValueError, "layers");
    expectError(() => evaluateLoss(l2Penalty({ layers: [1, 4] }), state), ValueError, "layers");
    expectError(
      () => evaluateLoss(orthogonalityPenalty({ layers: [5] }), state),
      ValueError,
      "layers",
    );
    expectError(
      () => evaluateLoss(energyLoss({ layerWeights: [1, 1, 1] }), state),
      ShapeError,
      "layerWeights",
    );
  });
});

describe("helpers for custom losses", () => {
  it("factorProduct multiplies A⁽¹⁾⋯A⁽ˡ⁾", () => {
    const A = [
      tensor([
        [1, 2],
        [3, 4],
      ]),
      tensor([[1], [1]]),
    ];
    expect(factorProduct(A).toArray()).toEqual([[3], [7]]);
    expect(factorProduct(A, 1)).toBe(A[0]);
    expectError(() => factorProduct(A, 3), ValueError, "level");
    expectError(() => factorProduct([]), ArgumentTypeError, "A");
    expectError(() => factorProduct([tensor([[1, 2]]), tensor([[1, 2]])]), ShapeError, "A[1]");
  });

  it("applyReduction divides by the count for mean and checks its arguments", () => {
    expect(applyReduction(scalar(6), 4, "mean").item()).toBe(1.5);
    expect(applyReduction(scalar(6), 4, "sum").item()).toBe(6);
    expect(applyReduction(scalar(0), 0, "mean").item()).toBe(0);
    expectError(() => applyReduction(scalar(6), -1, "mean"), ValueError, "count");
    expectError(() => applyReduction(scalar(6), 2, "median" as never), ValueError, "reduction");
    expectError(() => applyReduction(6 as never, 2, "sum"), ArgumentTypeError, "total");
  });

  it("squaredResidual checks shapes", () => {
    const X = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(squaredResidual(X, tensor([[1], [1]]), tensor([[1, 2]])).item()).toBe(0 + 0 + 4 + 4);
    expectError(() => squaredResidual(X, tensor([[1, 1]]), tensor([[1, 2]])), ShapeError, "P");
    expectError(() => squaredResidual(X, tensor([[1], [1]]), tensor([[1, 2, 3]])), ShapeError, "S");
    expectError(
      () => squaredResidual(3 as never, tensor([[1]]), tensor([[1]])),
      ArgumentTypeError,
      "X",
    );
  });
});
