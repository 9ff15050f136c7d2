import { matmul, sub, sumSquares } from "@neural-nmf/tensor";
import type { Loss } from "./loss.js";
import {
  applyReduction,
  type LossOptions,
  resolveLossOptions,
  weightedTerms,
} from "./reduction.js";
import { labelledColumns } from "./supervision.js";

/**
 * Least-squares classification loss ‖M ⊙ (Y − B S⁽ᴸ⁾)‖²_F over the labelled columns (M is the
 * label mask of `state.supervision`, Y its one-hot labels, B the classifier).
 *
 * Only the labelled columns are multiplied out (selecting them gives the same value and gradient
 * as masking, for c·|known|·k_L work instead of c·n·k_L), so unlabelled columns get exactly zero
 * gradient. `"mean"` divides by the labelled entries c·|known|. The reference divides by c·n
 * instead (it masks, then averages over every entry): its value is this mean times |known|/n, so
 * its λ corresponds to a weight λ·|known|/n here.
 *
 * Needs `state.B` and `state.supervision`. Default name `"classificationL2"`.
 */
export function classificationL2Loss(options?: LossOptions): Loss {
  const { common } = resolveLossOptions(options, "classificationL2", "classificationL2Loss");
  const { name, weight, reduction } = common;
  return {
    name,
    needs: { classifier: true, supervision: true },
    compute: ({ S, B, supervision }) => {
      // evaluateLoss has checked `needs`, so both are present.
      const sup = supervision!;
      const codes = labelledColumns(S[S.length - 1]!, sup);
      const value = sumSquares(sub(labelledColumns(sup.Y, sup), matmul(B!, codes)));
      return weightedTerms(
        [[name, applyReduction(value, sup.classes * sup.known.length, reduction)]],
        weight,
        name,
      );
    },
  };
}
