// Type tests (vitest typecheck mode): the public types of @neural-nmf/nnls as users see them.
// A change here is a change of the public API and needs a changeset.
import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { describe, expectTypeOf, it } from "vitest";
import {
  createWarmStart,
  type LayerDiagnostics,
  type NnlsGramResult,
  type NnlsLayerOptions,
  type NnlsMethod,
  type NnlsOptions,
  type NnlsResult,
  nnls,
  nnlsGram,
  nnlsLayer,
  type WarmStart,
} from "../src/index.js";

describe("nnls", () => {
  it("solves many problems: A dense, X dense or sparse", () => {
    expectTypeOf(nnls).toEqualTypeOf<
      (A: Tensor, X: Tensor | CscMatrix, options?: NnlsOptions) => NnlsResult
    >();
  });

  it("returns S as a tensor, with convergence diagnostics and the support", () => {
    expectTypeOf<NnlsResult["S"]>().toEqualTypeOf<Tensor>();
    expectTypeOf<NnlsResult>().toExtend<{
      iterations: number;
      totalIterations: number;
      converged: boolean;
      unconverged: number;
      maxKktViolation: number;
      passive: Uint8Array;
    }>();
    // The same diagnostics as the Gram form, whose S is a row-major array.
    expectTypeOf<Omit<NnlsResult, "S">>().toEqualTypeOf<Omit<NnlsGramResult, "S">>();
    expectTypeOf<NnlsGramResult["S"]>().toEqualTypeOf<Float64Array>();
  });

  it("takes a warm start, a tolerance, an iteration cap and a method", () => {
    expectTypeOf<NnlsOptions>().toEqualTypeOf<{
      initial?: Tensor | Float64Array | Uint8Array;
      tolerance?: number;
      maxIterations?: number;
      method?: NnlsMethod;
    }>();
    expectTypeOf<NnlsMethod>().toEqualTypeOf<"auto" | "bpp" | "active-set">();
  });
});

describe("nnlsGram", () => {
  it("works on the normal equations, row-major", () => {
    expectTypeOf(nnlsGram).toEqualTypeOf<
      (
        G: Float64Array,
        C: Float64Array,
        k: number,
        n: number,
        options?: NnlsOptions,
      ) => NnlsGramResult
    >();
  });
});

describe("nnlsLayer", () => {
  it("is a differentiable op from (X, A) to S", () => {
    expectTypeOf(nnlsLayer).toEqualTypeOf<
      (x: Tensor | CscMatrix, a: Tensor, options?: NnlsLayerOptions) => Tensor
    >();
    expectTypeOf<NnlsLayerOptions["warmStart"]>().toEqualTypeOf<WarmStart | undefined>();
  });

  it("keeps a warm start per layer with the last solve's diagnostics", () => {
    expectTypeOf(createWarmStart()).toEqualTypeOf<WarmStart>();
    expectTypeOf<WarmStart["previous"]>().toEqualTypeOf<Float64Array | null>();
    expectTypeOf<WarmStart["last"]>().toEqualTypeOf<LayerDiagnostics | null>();
    expectTypeOf<LayerDiagnostics["converged"]>().toEqualTypeOf<boolean>();
  });
});
