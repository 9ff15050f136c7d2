import { type NnlsLayerOptions, nnlsLayer, type WarmStart } from "@neural-nmf/nnls";
import { matmul, type Tensor } from "@neural-nmf/tensor";
import type { Data } from "./data.js";

/** Solver settings shared by every layer. */
export interface SolverOptions {
  /** Relative KKT tolerance of the NNLS solver. */
  tolerance?: number;
  /** Iteration cap per column. */
  maxIterations?: number;
}

/**
 * The forward pass `S⁽⁰⁾ = X`, `S⁽ˡ⁾ = q(S⁽ˡ⁻¹⁾, A⁽ˡ⁾)`: one S per layer. Differentiable when the
 * A's are traced; warm starts (one cache per layer) carry each layer's support across calls.
 */
export function forwardPass(
  x: Data,
  layers: readonly Tensor[],
  warmStarts: readonly WarmStart[] | null,
  solver: SolverOptions = {},
): Tensor[] {
  const out: Tensor[] = [];
  let input: Data = x;
  layers.forEach((a, l) => {
    const options: NnlsLayerOptions = { ...solver };
    const warm = warmStarts?.[l];
    if (warm) options.warmStart = warm;
    const s = nnlsLayer(input, a, options);
    out.push(s);
    input = s;
  });
  return out;
}

/** Topic matrices in input space: `A⁽¹⁾`, `A⁽¹⁾A⁽²⁾`, …, `A⁽¹⁾⋯A⁽ᴸ⁾` (m×k_l each). */
export function topicProducts(layers: readonly Tensor[]): Tensor[] {
  const out: Tensor[] = [];
  let p: Tensor | null = null;
  for (const a of layers) {
    p = p === null ? a : matmul(p, a);
    out.push(p);
  }
  return out;
}
