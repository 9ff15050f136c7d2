// Type tests (vitest typecheck mode): the public types of @neural-nmf/losses as users see them.
// A change here is a change of the public API and needs a changeset.
import { type CscMatrix, sum, type Tensor } from "@neural-nmf/tensor";
import { describe, expectTypeOf, it } from "vitest";
import {
  classificationL2Loss,
  combine,
  crossEntropyLoss,
  type EvaluatedLoss,
  energyLoss,
  evaluateLoss,
  factorProduct,
  type Loss,
  type LossNeeds,
  type LossResult,
  type ModelState,
  orthogonalityPenalty,
  reconstructionLoss,
  type Supervision,
  supervisionFromLabels,
  weighted,
} from "../src/index.js";

describe("the Loss interface", () => {
  it("is a named function of the model state", () => {
    expectTypeOf<Loss["name"]>().toEqualTypeOf<string>();
    expectTypeOf<Loss["needs"]>().toEqualTypeOf<LossNeeds | undefined>();
    expectTypeOf<Loss["compute"]>().toEqualTypeOf<(state: ModelState) => Tensor | LossResult>();
    expectTypeOf<LossResult>().toEqualTypeOf<{ value: Tensor; terms?: Record<string, Tensor> }>();
    expectTypeOf<LossNeeds>().toEqualTypeOf<{
      readonly classifier?: boolean;
      readonly supervision?: boolean;
    }>();
  });

  it("is what a custom loss implements, exactly like the built-ins", () => {
    const topSparsity = {
      name: "topSparsity",
      compute: ({ S }: ModelState) => sum(S[S.length - 1]!),
    };
    expectTypeOf(topSparsity).toExtend<Loss>();
    // @ts-expect-error a loss needs a name
    const unnamed: Loss = { compute: ({ S }) => sum(S[0]!) };
    expectTypeOf(unnamed).toEqualTypeOf<Loss>();
  });

  it("reads X, the factors and codes, and optionally the classifier and labels", () => {
    expectTypeOf<ModelState["X"]>().toEqualTypeOf<Tensor | CscMatrix>();
    expectTypeOf<ModelState["A"]>().toEqualTypeOf<readonly Tensor[]>();
    expectTypeOf<ModelState["S"]>().toEqualTypeOf<readonly Tensor[]>();
    expectTypeOf<ModelState["B"]>().toEqualTypeOf<Tensor | undefined>();
    expectTypeOf<ModelState["supervision"]>().toEqualTypeOf<Supervision | undefined>();
  });
});

describe("built-in losses and their combination", () => {
  it("are Loss factories", () => {
    expectTypeOf(reconstructionLoss).returns.toEqualTypeOf<Loss>();
    expectTypeOf(energyLoss).returns.toEqualTypeOf<Loss>();
    expectTypeOf(classificationL2Loss).returns.toEqualTypeOf<Loss>();
    expectTypeOf(crossEntropyLoss).returns.toEqualTypeOf<Loss>();
    expectTypeOf(orthogonalityPenalty).returns.toEqualTypeOf<Loss>();
    expectTypeOf(weighted).toEqualTypeOf<(loss: Loss, weight: number) => Loss>();
  });

  it("combine sums losses; weighted scales one", () => {
    expectTypeOf(combine).toEqualTypeOf<(...losses: readonly Loss[]) => Loss>();
    expectTypeOf(
      combine(energyLoss(), weighted(classificationL2Loss(), 1e-4)),
    ).toEqualTypeOf<Loss>();
    // @ts-expect-error [loss, weight] pairs were removed: weighted(loss, w)
    combine(energyLoss(), [classificationL2Loss(), 1e-4]);
  });

  it("evaluateLoss gives the total and its named terms", () => {
    expectTypeOf(evaluateLoss).toEqualTypeOf<(loss: Loss, state: ModelState) => EvaluatedLoss>();
    expectTypeOf<EvaluatedLoss>().toEqualTypeOf<{
      total: Tensor;
      terms: Record<string, Tensor>;
    }>();
    expectTypeOf(factorProduct).returns.toEqualTypeOf<Tensor>();
  });
});

describe("supervision", () => {
  it("is built from labels, some unknown", () => {
    expectTypeOf(
      supervisionFromLabels([0, 1, null], { known: [0, 1] }),
    ).toEqualTypeOf<Supervision>();
    expectTypeOf<Supervision>().toExtend<{
      readonly Y: Tensor;
      readonly mask: Tensor;
      readonly known: Int32Array;
      readonly classes: number;
      readonly labels: Int32Array;
    }>();
  });
});
