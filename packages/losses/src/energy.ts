import { ShapeError, scale, type Tensor } from "@neural-nmf/tensor";
import { checkWeightList } from "./checks.js";
import type { Loss } from "./loss.js";
import { applyReduction, type LossOptions, namedTerms, resolveLossOptions } from "./reduction.js";
import { squaredResidual } from "./squared-residual.js";

/** Options of {@link energyLoss}. */
export interface EnergyLossOptions extends LossOptions {
  /**
   * One weight per layer (length L, each finite and ≥ 0; default all 1). A layer of weight 0 is
   * not computed and reports no term.
   */
  layerWeights?: readonly number[];
}

/**
 * Layer-wise ("energy") loss Σ_l w_l‖S⁽ˡ⁻¹⁾ − A⁽ˡ⁾S⁽ˡ⁾‖²_F with S⁽⁰⁾ = X.
 *
 * Every layer is one term, `"energy[1]"` … `"energy[L]"`, so the history shows which level fits
 * badly. `"mean"` divides layer l by its own count k_{l−1}·n before weighting: compared with
 * `"sum"` this weighs the small deep layers up relative to the first, m-row one. A sparse X
 * (first layer only) is handled without forming the dense residual (see {@link squaredResidual}).
 *
 * @throws {@link ValueError} (at construction) for a bad option; {@link ShapeError} (at
 *   evaluation) when `layerWeights` does not have one weight per layer.
 */
export function energyLoss(options?: EnergyLossOptions): Loss {
  const where = "energyLoss";
  const { common, raw } = resolveLossOptions(options, "energy", where, ["layerWeights"]);
  const layerWeights =
    raw.layerWeights === undefined
      ? undefined
      : checkWeightList(raw.layerWeights, "layerWeights", where);
  const { name, reduction } = common;
  return {
    name,
    compute: ({ X, A, S }) => {
      if (layerWeights !== undefined && layerWeights.length !== A.length) {
        throw new ShapeError(
          `${where}(${name}): \`layerWeights\` has ${layerWeights.length} entries for ${A.length} layers`,
          "layerWeights",
        );
      }
      const n = X.cols;
      const parts: [string, Tensor][] = [];
      for (let l = 0; l < A.length; l++) {
        const w = layerWeights?.[l] ?? 1;
        if (w === 0) continue;
        const input = l === 0 ? X : S[l - 1]!;
        const a = A[l]!;
        const layer = applyReduction(squaredResidual(input, a, S[l]!), a.rows * n, reduction);
        parts.push([`${name}[${l + 1}]`, w === 1 ? layer : scale(layer, w)]);
      }
      return namedTerms(parts, name);
    },
  };
}
