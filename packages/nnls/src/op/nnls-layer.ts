import {
  ArgumentTypeError,
  assertMatrix,
  CscMatrix,
  customOp,
  formatShape,
  matmul,
  ShapeError,
  sparseTransposeMatmul,
  Tensor,
  wideTimesWideTransposed,
} from "@neural-nmf/tensor";
import { nnlsGram } from "../solver/index.js";
import { normalEquations } from "../solver/normal-equations.js";
import { nnlsBackward, supportSolve } from "./backward.js";

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
  options: NnlsLayerOptions;
}

interface Saved {
  gram: Float64Array;
}

/** Solves the layer on a dense X (both normal-equation products formed here). */
function solve(
  x: Tensor,
  a: Tensor,
  options: NnlsLayerOptions,
): { s: Float64Array; gram: Float64Array } {
  const { G, C } = normalEquations(a.data, a.rows, a.cols, x);
  return solveNormalEquations(G, C, a.cols, x.cols, options);
}

/** Solves `min ½sᵀGs − cᵀs, s ≥ 0` for every column, warm-started from the layer's cache. */
function solveNormalEquations(
  g: Float64Array,
  c: Float64Array,
  k: number,
  n: number,
  options: NnlsLayerOptions,
): { s: Float64Array; gram: Float64Array } {
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

/** The layer on a dense X: inputs [X, A]; gradients to both (so layers stack). */
const denseLayerOp = customOp<[Tensor, Tensor], LayerParams, Saved>({
  name: "nnlsLayer",
  forward: ([x, a], { options }) => {
    const { s, gram } = solve(x, a, options);
    return { output: new Tensor(s, [a.cols, x.cols]), saved: { gram } };
  },
  backward: ({ gradOutput, inputs: [x, a], output, saved, needsGrad }) => {
    const { gradX, gradA } = nnlsBackward({
      a: a.data,
      x: x.data,
      s: output.data,
      gram: saved.gram,
      gradS: gradOutput.data,
      m: a.rows,
      k: a.cols,
      n: x.cols,
      needX: needsGrad[0],
      needA: needsGrad[1],
    });
    return [gradX ? new Tensor(gradX, x.shape) : null, gradA ? new Tensor(gradA, a.shape) : null];
  },
});

/**
 * The layer from its normal equations: inputs [G, C] with G = AᵀA and C = AᵀX already (traced)
 * tensors. With `s(G, c)` solving `G_PP s_P = c_P`: `∂ℓ/∂C = Z` and `∂ℓ/∂G = −Z Sᵀ`. Both reach A
 * through the products' own backward passes, added there to the cotangents of every other use of
 * G and C (the reconstruction losses share them), so the m-sized products run once per evaluation.
 */
const normalEquationsLayerOp = customOp<[Tensor, Tensor], LayerParams, Saved>({
  name: "nnlsLayer",
  forward: ([g, c], { options }) => {
    const { s, gram } = solveNormalEquations(g.data, c.data, c.rows, c.cols, options);
    return { output: new Tensor(s, c.shape), saved: { gram } };
  },
  backward: ({ gradOutput, inputs: [g, c], output, saved, needsGrad }) => {
    const k = c.rows;
    const n = c.cols;
    const { z } = supportSolve(saved.gram, output.data, gradOutput.data, k, n);
    let gradG: Tensor | null = null;
    if (needsGrad[0]) {
      const zs = wideTimesWideTransposed(k, k, n, z, output.data);
      for (let t = 0; t < zs.length; t++) zs[t] = -(zs[t] as number);
      gradG = new Tensor(zs, g.shape);
    }
    return [gradG, needsGrad[1] ? new Tensor(z, c.shape) : null];
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
  assertMatrix(a, "a", "nnlsLayer");
  if (x instanceof CscMatrix) {
    if (x.rows !== a.rows) {
      throw new ShapeError(
        `nnlsLayer: X has ${x.rows} rows but A has shape ${formatShape(a.shape)}`,
        "x",
      );
    }
    const g = matmul(a, a, { transA: true });
    return normalEquationsLayerOp([g, sparseTransposeMatmul(a, x)], { options });
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
  return denseLayerOp([x, a], { options });
}
