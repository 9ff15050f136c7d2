import {
  ArgumentTypeError,
  assertMatrix,
  assertTensor,
  CscMatrix,
  customOp,
  formatShape,
  ShapeError,
  Tensor,
} from "@neural-nmf/tensor";
import { nnlsGram } from "../solver/index.js";
import { normalEquations } from "../solver/normal-equations.js";
import { nnlsBackward } from "./backward.js";

/**
 * Mutable cache that carries the previous solution of a layer from one call to the next, so the
 * solver starts from last epoch's support (training changes A only slightly per step). Create one
 * per layer with {@link createWarmStart} and pass it on every call; it also records diagnostics of
 * the last solve.
 */
export interface WarmStart {
  /** Last solution (k×n, row-major), or null before the first call. */
  previous: Float64Array | null;
  /** Diagnostics of the last forward solve. */
  last: LayerDiagnostics | null;
}

/** Diagnostics of one forward solve of an NNLS layer. */
export interface LayerDiagnostics {
  iterations: number;
  converged: boolean;
  unconverged: number;
  maxKktViolation: number;
}

/** A fresh, empty warm-start cache. */
export function createWarmStart(): WarmStart {
  return { previous: null, last: null };
}

/** Options of {@link nnlsLayer}. */
export interface NnlsLayerOptions {
  /** Warm-start cache of this layer (see {@link WarmStart}). */
  warmStart?: WarmStart;
  /** Relative KKT tolerance of the solver (see the solver's documentation). */
  tolerance?: number;
  /** Iteration cap per column of the solver. */
  maxIterations?: number;
}

interface LayerParams {
  sparse: CscMatrix | null;
  options: NnlsLayerOptions;
}

interface Saved {
  gram: Float64Array;
}

function solve(
  x: Tensor | CscMatrix,
  a: Tensor,
  options: NnlsLayerOptions,
): { s: Float64Array; gram: Float64Array } {
  const m = a.rows;
  const k = a.cols;
  const n = x.cols;
  const { G: g, C: c } = normalEquations(a.data, m, k, x);
  const warm = options.warmStart;
  const initial = warm?.previous && warm.previous.length === k * n ? warm.previous : undefined;
  const result = nnlsGram(g, c, k, n, {
    initial,
    tolerance: options.tolerance,
    maxIterations: options.maxIterations,
  });
  const s = result.S;
  if (warm) {
    warm.previous = s;
    warm.last = {
      iterations: result.iterations,
      converged: result.converged,
      unconverged: result.unconverged,
      maxKktViolation: result.maxKktViolation,
    };
  }
  return { s, gram: g };
}

const layerOp = customOp<LayerParams, Saved>({
  name: "nnlsLayer",
  forward: (inputs, { sparse, options }) => {
    const a = (sparse ? inputs[0] : inputs[1]) as Tensor;
    const x = sparse ?? (inputs[0] as Tensor);
    const { s, gram } = solve(x, a, options);
    return { output: new Tensor(s, [a.cols, x.cols]), saved: { gram } };
  },
  backward: ({ gradOutput, inputs, output, params: { sparse }, saved, needsGrad }) => {
    const a = (sparse ? inputs[0] : inputs[1]) as Tensor;
    const x = sparse ?? (inputs[0] as Tensor);
    const needX = sparse ? false : needsGrad[0] === true;
    const needA = sparse ? needsGrad[0] === true : needsGrad[1] === true;
    const { gradX, gradA } = nnlsBackward({
      a: a.data,
      x: sparse ?? (x as Tensor).data,
      s: output.data,
      gram: saved.gram,
      gradS: gradOutput.data,
      m: a.rows,
      k: a.cols,
      n: x.cols,
      needX,
      needA,
    });
    const gA = gradA ? new Tensor(gradA, a.shape) : null;
    if (sparse) return [gA];
    return [gradX ? new Tensor(gradX, (x as Tensor).shape) : null, gA];
  },
});

/**
 * The differentiable NNLS layer `S = q(X, A) = argmin_{S ≥ 0} ‖X − A S‖²_F` (column by column),
 * built on the public custom-op API of `@neural-nmf/tensor`.
 *
 * Forward: `G = AᵀA` and `C = AᵀX` once, then the multi-column solver on the normal equations
 * (warm-started from `options.warmStart` when given). Backward: the batched closed form of
 * `neural-nmf.md` §3 — one Cholesky factor of `G_PP` per distinct support, then a few matrix
 * products (see {@link nnlsBackward}); gradients flow to A and, for a dense X, to X (so layers
 * stack). A sparse `CscMatrix` X is constant data and is never densified.
 *
 * @param x - m×n input (dense tensor, possibly the output of the layer below, or sparse).
 * @param a - m×k nonnegative layer matrix.
 * @returns S, k×n, nonnegative.
 * @example
 * ```ts
 * const S1 = nnlsLayer(X, A1);
 * const S2 = nnlsLayer(S1, A2); // gradients reach A1 through S1
 * ```
 */
export function nnlsLayer(
  x: Tensor | CscMatrix,
  a: Tensor,
  options: NnlsLayerOptions = {},
): Tensor {
  assertTensor(a, "a", "nnlsLayer");
  assertMatrix(a, "a", "nnlsLayer");
  if (x instanceof CscMatrix) {
    if (x.rows !== a.rows) {
      throw new ShapeError(
        `nnlsLayer: X has ${x.rows} rows but A has shape ${formatShape(a.shape)}`,
        "x",
      );
    }
    return layerOp([a], { sparse: x, options });
  }
  if (!(x instanceof Tensor)) {
    throw new ArgumentTypeError("nnlsLayer: argument `x` must be a Tensor or a CscMatrix", "x");
  }
  assertMatrix(x, "x", "nnlsLayer");
  if (x.rows !== a.rows) {
    throw new ShapeError(
      `nnlsLayer: X has shape ${formatShape(x.shape)} but A has shape ${formatShape(a.shape)} (rows must match)`,
      "x",
    );
  }
  return layerOp([x, a], { sparse: null, options });
}
