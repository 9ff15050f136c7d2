// Type tests (vitest typecheck mode): the public types of `neural-nmf` as users see them.
// A change here is a change of the public API and needs a changeset.
import type { Loss } from "@neural-nmf/losses";
import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { describe, expectTypeOf, it } from "vitest";
import {
  type EpochInfo,
  type FitOptions,
  type HierarchyLevel,
  type InitMethod,
  NeuralNMF,
  type NeuralNMFJSON,
  type NeuralNMFOptions,
  type StopReason,
  type SupervisionInput,
  type SyntheticHierarchy,
  syntheticHierarchy,
  type TrainingHistory,
} from "../src/index.js";

declare const model: NeuralNMF;
declare const X: Tensor;

describe("the NeuralNMF constructor", () => {
  it("takes ranks and a seed, the rest optional", () => {
    expectTypeOf(NeuralNMF).constructorParameters.toEqualTypeOf<[options: NeuralNMFOptions]>();
    expectTypeOf<NeuralNMFOptions["ranks"]>().toEqualTypeOf<readonly number[]>();
    expectTypeOf<NeuralNMFOptions["seed"]>().toEqualTypeOf<number>();
    expectTypeOf<NeuralNMFOptions>().toExtend<{
      init?: InitMethod;
      threads?: number;
    }>();
    expectTypeOf<InitMethod>().toEqualTypeOf<
      "pretrain" | "pretrain-random" | "nndsvd" | "random"
    >();
    expectTypeOf({ ranks: [9, 4, 2], seed: 1 }).toExtend<NeuralNMFOptions>();
    // @ts-expect-error the seed is required: same seed, same model
    new NeuralNMF({ ranks: [2] });
  });
});

describe("fit", () => {
  it("takes dense or sparse data and returns the training history", () => {
    expectTypeOf(model.fit).parameter(0).toEqualTypeOf<Tensor | CscMatrix>();
    expectTypeOf(model.fit).parameter(1).toEqualTypeOf<FitOptions | undefined>();
    expectTypeOf(model.fit(X)).toEqualTypeOf<TrainingHistory>();
    expectTypeOf(model.history).toEqualTypeOf<TrainingHistory | null>();
  });

  it("reports every epoch", () => {
    expectTypeOf<TrainingHistory["epochs"]>().toEqualTypeOf<EpochInfo[]>();
    expectTypeOf<TrainingHistory["stopReason"]>().toEqualTypeOf<StopReason>();
    expectTypeOf<StopReason>().toEqualTypeOf<
      "maxEpochs" | "tolerance" | "timeBudget" | "callback" | "validation"
    >();
    expectTypeOf<EpochInfo>().toExtend<{
      epoch: number;
      loss: number;
      terms: Record<string, number>;
      elapsedMs: number;
    }>();
  });

  it("takes an onEpoch callback that may return nothing, or false to stop", () => {
    type OnEpoch = NonNullable<FitOptions["onEpoch"]>;
    expectTypeOf<OnEpoch>().parameters.toEqualTypeOf<[info: EpochInfo]>();
    // A logging callback (its value is console.log's void) and a stopping one are both accepted.
    expectTypeOf((e: EpochInfo) =>
      e.epoch % 50 === 0 ? console.log(e.epoch) : undefined,
    ).toExtend<OnEpoch>();
    expectTypeOf((e: EpochInfo) => e.loss > 1).toExtend<OnEpoch>();
    expectTypeOf((_: EpochInfo) => "stop").not.toExtend<OnEpoch>();
  });

  it("takes a custom loss and supervision", () => {
    expectTypeOf<FitOptions["loss"]>().toEqualTypeOf<Loss | undefined>();
    expectTypeOf<FitOptions["supervision"]>().toEqualTypeOf<SupervisionInput | undefined>();
    expectTypeOf({ labels: [0, 1, 1], known: [0, 1] }).toExtend<SupervisionInput>();
    expectTypeOf<FitOptions["classificationWeight"]>().toEqualTypeOf<number | "auto" | undefined>();
    expectTypeOf<FitOptions["optimizer"]>().toEqualTypeOf<"spg" | "adam" | "pgd" | undefined>();
    expectTypeOf<FitOptions>().toExtend<{ maxEpochs?: number; tolerance?: number }>();
  });
});

describe("a fitted model", () => {
  it("transforms, predicts and evaluates", () => {
    expectTypeOf(model.transform(X)).toEqualTypeOf<Tensor[]>();
    expectTypeOf(model.predict(X)).toEqualTypeOf<Int32Array>();
    expectTypeOf(model.relativeError(X)).toEqualTypeOf<number[]>();
    expectTypeOf(model.accuracy).returns.toEqualTypeOf<number>();
    expectTypeOf(model.layers).toEqualTypeOf<readonly Tensor[]>();
    expectTypeOf(model.ranks).toEqualTypeOf<readonly number[]>();
    expectTypeOf(model.topicMatrices()).toEqualTypeOf<Tensor[]>();
  });

  it("describes its topic tree", () => {
    expectTypeOf(model.hierarchy()).toEqualTypeOf<HierarchyLevel[]>();
    expectTypeOf<HierarchyLevel["level"]>().toEqualTypeOf<number>();
    expectTypeOf<HierarchyLevel["parent"]>().toEqualTypeOf<Int32Array>();
  });

  it("saves to and loads from JSON", () => {
    expectTypeOf(model.toJSON()).toEqualTypeOf<NeuralNMFJSON>();
    expectTypeOf(NeuralNMF.fromJSON).parameter(0).toEqualTypeOf<string | NeuralNMFJSON>();
    expectTypeOf(NeuralNMF.fromJSON).returns.toEqualTypeOf<NeuralNMF>();
  });
});

describe("syntheticHierarchy", () => {
  it("returns the paper's data and its labels per level", () => {
    expectTypeOf(syntheticHierarchy({ seed: 1 })).toEqualTypeOf<SyntheticHierarchy>();
    expectTypeOf<SyntheticHierarchy["X"]>().toEqualTypeOf<Tensor>();
    expectTypeOf<SyntheticHierarchy["labels"]>().toEqualTypeOf<Int32Array[]>();
  });
});
