import {
  ArgumentTypeError,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
  valueAndGrad,
} from "@neural-nmf/tensor";
import { gradCheck } from "@neural-nmf/tensor/testing";
import { describe, expect, it } from "vitest";
import {
  classificationL2Loss,
  crossEntropyLoss,
  evaluateLoss,
  labelledColumns,
  type ModelState,
  supervisionFromLabels,
  supervisionFromOneHot,
} from "../src/index.js";
import { randomState } from "./helpers.js";

describe("supervisionFromLabels", () => {
  it("builds every view, with unknown columns zero in Y", () => {
    const sup = supervisionFromLabels([2, -1, 0, null, 1]);
    expect(sup.classes).toBe(3);
    expect(Array.from(sup.labels)).toEqual([2, -1, 0, -1, 1]);
    expect(Array.from(sup.known)).toEqual([0, 2, 4]);
    expect(sup.mask.toArray()).toEqual([[1, 0, 1, 0, 1]]);
    expect(sup.Y.toArray()).toEqual([
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0, 1],
      [1, 0, 0, 0, 0],
    ]);
  });

  it("restricts to `known` given as indices or as a boolean mask, hiding the other labels", () => {
    const byIndex = supervisionFromLabels([0, 1, 2, 1], { known: [3, 0], classes: 4 });
    const byMask = supervisionFromLabels([0, 1, 2, 1], {
      known: [true, false, false, true],
      classes: 4,
    });
    for (const sup of [byIndex, byMask]) {
      expect(sup.classes).toBe(4);
      expect(Array.from(sup.known)).toEqual([0, 3]);
      expect(Array.from(sup.labels)).toEqual([0, -1, -1, 1]);
      expect(sup.Y.column(1).every((v) => v === 0)).toBe(true);
      expect(sup.Y.column(2).every((v) => v === 0)).toBe(true);
    }
    // classes inferred from every given label, even hidden ones
    expect(supervisionFromLabels([0, 5, 1, 2, 3, 4], { known: [0] }).classes).toBe(6);
  });

  it("rejects bad labels, classes and known sets with typed errors naming the argument", () => {
    const cases: [() => unknown, new (...args: never[]) => Error, string][] = [
      [() => supervisionFromLabels([0, 1.5]), ValueError, "labels"],
      [() => supervisionFromLabels([0, Number.NaN]), ValueError, "labels"],
      [() => supervisionFromLabels([0, "1" as unknown as number]), ArgumentTypeError, "labels"],
      [() => supervisionFromLabels([0, 3], { classes: 3 }), ValueError, "labels"],
      [() => supervisionFromLabels([0, 1], { classes: 0 }), ValueError, "classes"],
      [() => supervisionFromLabels([0, 1], { classes: 2.5 }), ValueError, "classes"],
      // A stray label may not make more classes than there are columns, nor more than the limit.
      [() => supervisionFromLabels([0, 1_000_000, 1]), ValueError, "labels"],
      [() => supervisionFromLabels([0, 1], { classes: 1e12 }), ValueError, "classes"],
      [() => supervisionFromLabels([-1, null]), ValueError, "known"],
      [() => supervisionFromLabels([0, 1], { known: [] }), ValueError, "known"],
      [() => supervisionFromLabels([0, 1], { known: [false, false] }), ValueError, "known"],
      [() => supervisionFromLabels([0, 1], { known: [2] }), ValueError, "known"],
      [() => supervisionFromLabels([0, 1], { known: [-1] }), ValueError, "known"],
      [() => supervisionFromLabels([0, 1], { known: [0.5] }), ValueError, "known"],
      [() => supervisionFromLabels([0, 1], { known: [1, 1] }), ValueError, "known"],
      [() => supervisionFromLabels([0, -1], { known: [1] }), ValueError, "known"],
      [() => supervisionFromLabels([0, 1], { known: [true] }), ShapeError, "known"],
      [
        () => supervisionFromLabels([0, 1, 2], { known: [true, 1 as unknown as boolean, false] }),
        ArgumentTypeError,
        "known",
      ],
      [
        () => supervisionFromLabels([0, 1], { known: 1 as unknown as number[] }),
        ArgumentTypeError,
        "known",
      ],
      [() => supervisionFromLabels([0, 1], { clases: 2 } as never), ValueError, "clases"],
      [() => supervisionFromLabels(5 as unknown as number[]), ArgumentTypeError, "labels"],
    ];
    for (const [fn, type, argument] of cases) {
      expect(fn).toThrow(type);
      try {
        fn();
      } catch (e) {
        expect((e as { argument?: string }).argument, String(e)).toBe(argument);
      }
    }
  });
});

describe("supervisionFromOneHot", () => {
  const Y = tensor([
    [1, 0, 0, 1],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
  ]);

  it("reads labels from one-hot columns; every label known without a mask", () => {
    const sup = supervisionFromOneHot(Y);
    expect(Array.from(sup.labels)).toEqual([0, 1, 2, 0]);
    expect(Array.from(sup.known)).toEqual([0, 1, 2, 3]);
    expect(sup.classes).toBe(3);
  });

  it("accepts a 1×n mask or a c×n mask of whole columns, zeroing hidden columns", () => {
    const row = supervisionFromOneHot(Y, tensor([[1, 0, 1, 0]]));
    const full = supervisionFromOneHot(
      Y,
      tensor([
        [1, 0, 1, 0],
        [1, 0, 1, 0],
        [1, 0, 1, 0],
      ]),
    );
    for (const sup of [row, full]) {
      expect(Array.from(sup.labels)).toEqual([0, -1, 2, -1]);
      expect(sup.Y.column(3).every((v) => v === 0)).toBe(true);
    }
    // a hidden column need not be one-hot
    const messy = tensor([
      [1, 0.3],
      [0, 0.7],
    ]);
    expect(Array.from(supervisionFromOneHot(messy, tensor([[1, 0]])).labels)).toEqual([0, -1]);
  });

  it("rejects non-one-hot columns, bad masks and masks that hide everything", () => {
    const cases: [() => unknown, new (...args: never[]) => Error, string][] = [
      [
        () =>
          supervisionFromOneHot(
            tensor([
              [1, 1],
              [0, 1],
            ]),
          ),
        ValueError,
        "Y",
      ],
      [
        () =>
          supervisionFromOneHot(
            tensor([
              [1, 0],
              [0, 0],
            ]),
          ),
        ValueError,
        "Y",
      ],
      [
        () =>
          supervisionFromOneHot(
            tensor([
              [1, 0.5],
              [0, 0.5],
            ]),
          ),
        ValueError,
        "Y",
      ],
      [
        () =>
          supervisionFromOneHot(
            tensor([
              [2, 0],
              [0, 1],
            ]),
          ),
        ValueError,
        "Y",
      ],
      [() => supervisionFromOneHot(Y, tensor([[1, 0, 1]])), ShapeError, "mask"],
      [
        () =>
          supervisionFromOneHot(
            Y,
            tensor([
              [1, 0, 1, 0],
              [1, 0, 1, 0],
            ]),
          ),
        ShapeError,
        "mask",
      ],
      [() => supervisionFromOneHot(Y, tensor([[1, 0, 0.5, 0]])), ValueError, "mask"],
      [
        () =>
          supervisionFromOneHot(
            Y,
            tensor([
              [1, 0, 1, 0],
              [1, 1, 1, 0],
              [1, 0, 1, 0],
            ]),
          ),
        ShapeError,
        "mask",
      ],
      [() => supervisionFromOneHot(Y, tensor([[0, 0, 0, 0]])), ValueError, "mask"],
      [() => supervisionFromOneHot(tensor(1)), ArgumentTypeError, "Y"],
      [() => supervisionFromOneHot([[1]] as unknown as Tensor), ArgumentTypeError, "Y"],
    ];
    for (const [fn, type, argument] of cases) {
      expect(fn).toThrow(type);
      try {
        fn();
      } catch (e) {
        expect((e as { argument?: string }).argument, String(e)).toBe(argument);
      }
    }
  });
});

describe("unlabelled columns do not affect the classification losses", () => {
  const base = randomState(11); // columns 1 and 4 are unlabelled
  const unlabelled = [1, 4];

  /** The state with the top codes of the unlabelled columns replaced (so their logits change). */
  function perturbTop(state: ModelState): ModelState {
    const top = state.S[state.S.length - 1]!;
    const data = top.data.slice();
    for (let i = 0; i < top.rows; i++)
      for (const j of unlabelled) data[i * top.cols + j] = 10 * (i + 1) + j;
    return { ...state, S: [...state.S.slice(0, -1), Tensor.fromTypedArray(data, top.shape)] };
  }

  for (const loss of [
    classificationL2Loss(),
    crossEntropyLoss(),
    crossEntropyLoss({ reduction: "mean" }),
  ]) {
    it(`${loss.name}: their logits and their hidden labels change nothing`, () => {
      const v0 = evaluateLoss(loss, base).total.item();
      expect(evaluateLoss(loss, perturbTop(base)).total.item()).toBe(v0);

      // Same known labels, different hidden ones.
      const labels = Array.from(base.supervision.labels);
      const hidden = labels.map((l, j) => (unlabelled.includes(j) ? j % 3 : l));
      const otherHidden = labels.map((l, j) => (unlabelled.includes(j) ? (j + 1) % 3 : l));
      const known = labels.flatMap((l, j) => (l >= 0 ? [j] : []));
      const a = supervisionFromLabels(hidden, { known, classes: 3 });
      const b = supervisionFromLabels(otherHidden, { known, classes: 3 });
      expect(evaluateLoss(loss, { ...base, supervision: a }).total.item()).toBe(v0);
      expect(evaluateLoss(loss, { ...base, supervision: b }).total.item()).toBe(v0);

      // And their gradient is exactly zero.
      const depth = base.A.length;
      const grads = valueAndGrad(
        (top) => evaluateLoss(loss, { ...base, S: [...base.S.slice(0, depth - 1), top] }).total,
      )(base.S[depth - 1]!).grads[0]!;
      for (let i = 0; i < grads.rows; i++) {
        for (const j of unlabelled) expect(grads.get(i, j)).toBe(0);
        expect(grads.get(i, 0)).not.toBe(0);
      }
    });
  }

  it("labelledColumns selects the known columns, or returns the tensor when all are known", () => {
    const sup = supervisionFromLabels([0, -1, 1]);
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(labelledColumns(t, sup).toArray()).toEqual([
      [1, 3],
      [4, 6],
    ]);
    expect(labelledColumns(t, supervisionFromLabels([0, 1, 1]))).toBe(t);
    expect(() => labelledColumns(tensor([[1, 2]]), sup)).toThrow(ShapeError);
  });
});

describe("classification of a chosen level (state.classifiers)", () => {
  const state = randomState(8, { m: 12, ranks: [5, 3], n: 10, classes: 3 });
  const supervision = supervisionFromLabels([0, 1, 2, 0, 1, 2, 0, 1, -1, -1]);
  const B1 = tensor(
    Array.from({ length: 3 }, (_, r) =>
      Array.from({ length: 5 }, (_, q) => (r + 1) * 0.1 - q * 0.05),
    ),
  );
  const withLevel1: ModelState = {
    X: state.X,
    A: state.A,
    S: state.S,
    classifiers: [{ level: 1, B: B1, supervision }],
  };

  it("reads the level's classifier and codes, and names the term after the level", () => {
    for (const loss of [crossEntropyLoss({ level: 1 }), classificationL2Loss({ level: 1 })]) {
      const { total, terms } = evaluateLoss(loss, withLevel1);
      expect(Object.keys(terms)).toEqual([loss.name]);
      expect(loss.name).toMatch(/\[1\]$/);
      // Same value as the level-free form given that classifier on those codes.
      const plain = loss.name.startsWith("cross") ? crossEntropyLoss() : classificationL2Loss();
      const same = evaluateLoss(plain, {
        X: state.X,
        A: [state.A[0]!],
        S: [state.S[0]!],
        B: B1,
        supervision,
      });
      expect(total.item()).toBeCloseTo(same.total.item(), 12);
    }
  });

  it("passes gradCheck through the level's codes and classifier", () => {
    for (const loss of [crossEntropyLoss({ level: 1 }), classificationL2Loss({ level: 1 })]) {
      const f = (s1: Tensor, b: Tensor) =>
        evaluateLoss(loss, {
          ...withLevel1,
          S: [s1, state.S[1]!],
          classifiers: [{ level: 1, B: b, supervision }],
        }).total;
      expect(gradCheck(f, [state.S[0]!, B1]).ok).toBe(true);
    }
  });

  it("refuses a missing classifier, a level out of range and a classifier of the wrong width", () => {
    expect(() => evaluateLoss(crossEntropyLoss({ level: 2 }), withLevel1)).toThrow(/level 2/);
    expect(() =>
      evaluateLoss(crossEntropyLoss({ level: 1 }), {
        ...withLevel1,
        classifiers: [{ level: 3, B: B1, supervision }],
      }),
    ).toThrow(ValueError);
    expect(() =>
      evaluateLoss(crossEntropyLoss({ level: 1 }), {
        ...withLevel1,
        classifiers: [{ level: 2, B: B1, supervision }],
      }),
    ).toThrow(ShapeError);
    expect(() => crossEntropyLoss({ level: 0 })).toThrow(ValueError);
  });
});
