import { abs, add, sum, type Tensor } from "@neural-nmf/tensor";
import { checkLayerList, resolveLayers } from "./checks.js";
import type { Loss } from "./loss.js";
import { applyReduction, type LossOptions, namedTerms, resolveLossOptions } from "./reduction.js";

/** Options of {@link l1Penalty}. */
export interface L1PenaltyOptions extends LossOptions {
  /** Which codes S⁽ˡ⁾ to penalise: 1-based layer numbers, or `"all"` (default). */
  layers?: readonly number[] | "all";
}

/**
 * Sparsity penalty Σ_{l ∈ layers} ‖S⁽ˡ⁾‖₁ = Σ |s_ij| on the codes (the S's are nonnegative NNLS
 * outputs, so this is their plain sum; `abs` keeps it a true L1 norm for other inputs, with
 * subgradient 0 at 0). Since S depends on the A's, the gradient reaches the factors through the
 * NNLS layers. `"mean"` divides each layer by its size k_l·n. Default name `"l1Penalty"`.
 *
 * @throws {@link ValueError} for an empty or repeated layer list (at construction) or a layer
 *   beyond the state's depth (at evaluation).
 */
export function l1Penalty(options?: L1PenaltyOptions): Loss {
  const where = "l1Penalty";
  const { common, raw } = resolveLossOptions(options, "l1Penalty", where, ["layers"]);
  const layers = checkLayerList(raw.layers, "layers", where);
  const { name, reduction } = common;
  return {
    name,
    compute: ({ S }) => {
      let value: Tensor | undefined;
      for (const l of resolveLayers(layers, S.length, "layers", `${where}(${name})`)) {
        const s = S[l - 1]!;
        const layer = applyReduction(sum(abs(s)), s.size, reduction);
        value = value === undefined ? layer : add(value, layer);
      }
      return namedTerms([[name, value!]], name);
    },
  };
}
