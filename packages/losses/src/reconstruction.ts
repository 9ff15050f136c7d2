import { checkLayerInRange, checkLayerNumber } from "./checks.js";
import type { Loss } from "./loss.js";
import { applyReduction, type LossOptions, namedTerms, resolveLossOptions } from "./reduction.js";
import { squaredResidualOfFactors } from "./squared-residual.js";

/** Options of {@link reconstructionLoss}. */
export interface ReconstructionLossOptions extends LossOptions {
  /** Reconstruct from layer l (1..L) instead of the top layer L. */
  level?: number;
}

/**
 * End-to-end ("deep NMF") reconstruction error ‖X − A⁽¹⁾⋯A⁽ˡ⁾S⁽ˡ⁾‖²_F, with l = L by default.
 *
 * - `"mean"` divides by m·n, the entries of X (zeros of a sparse X included).
 * - Sparse X is handled without forming the dense residual (see {@link squaredResidual}).
 * - Default name `"reconstruction"`, or `"reconstruction[l]"` when `level` is given, so losses
 *   at several levels can be combined without renaming.
 *
 * @throws {@link ValueError} (at construction) for a bad option; (at evaluation) when `level`
 *   exceeds the number of layers of the state.
 */
export function reconstructionLoss(options?: ReconstructionLossOptions): Loss {
  const where = "reconstructionLoss";
  const { common, raw } = resolveLossOptions(options, "reconstruction", where, ["level"]);
  const level = raw.level === undefined ? undefined : checkLayerNumber(raw.level, "level", where);
  const name =
    level !== undefined && options?.name === undefined ? `reconstruction[${level}]` : common.name;
  return {
    name,
    compute: ({ X, A, S }) => {
      const l = level ?? A.length;
      checkLayerInRange(l, A.length, "level", `${where}(${name})`);
      const value = squaredResidualOfFactors(X, A.slice(0, l), S[l - 1]!);
      return namedTerms([[name, applyReduction(value, X.rows * X.cols, common.reduction)]], name);
    },
  };
}
