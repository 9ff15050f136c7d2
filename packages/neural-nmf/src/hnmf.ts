import type { Data } from "./data.js";
import { NeuralNMF } from "./model.js";

/** Options of {@link fitHierarchicalNmf}. */
export interface HierarchicalNmfOptions {
  ranks: readonly number[];
  seed: number;
  /** Alternations of NNLS per layer (default 200). */
  iterations?: number;
}

/**
 * The hierarchical NMF baseline the paper compares against: each layer is an NMF of the layer
 * below (`X ≈ A⁽¹⁾S⁽¹⁾`, then `S⁽¹⁾ ≈ A⁽²⁾S⁽²⁾`, …), fitted greedily by alternating NNLS from an
 * NNDSVD start (zeros kept), with no end-to-end training. It is returned as a {@link NeuralNMF} (the same
 * forward map), so every evaluation and interpretation method applies.
 */
export function fitHierarchicalNmf(x: Data, options: HierarchicalNmfOptions): NeuralNMF {
  const model = new NeuralNMF({
    ranks: options.ranks,
    seed: options.seed,
    init: "pretrain",
    pretrainIterations: options.iterations ?? 200,
  });
  model.fit(x, { maxEpochs: 0 });
  return model;
}
