import { matmul, sub, sumSquares } from "@neural-nmf/tensor";
import { checkLayerNumber } from "./checks.js";
import { classifierInput } from "./classifier-input.js";
import type { ClassificationLossOptions } from "./cross-entropy.js";
import type { Loss } from "./loss.js";
import { applyReduction, namedTerms, resolveLossOptions } from "./reduction.js";
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
 * Needs `state.B` and `state.supervision` (codes S⁽ᴸ⁾), or with `level: l` the classifier of level
 * l in `state.classifiers`. Default name `"classificationL2"`, or `"classificationL2[l]"`.
 */
export function classificationL2Loss(options?: ClassificationLossOptions): Loss {
  const where = "classificationL2Loss";
  const { common, raw } = resolveLossOptions(options, "classificationL2", where, ["level"]);
  const level = raw.level === undefined ? undefined : checkLayerNumber(raw.level, "level", where);
  const name =
    level !== undefined && options?.name === undefined ? `classificationL2[${level}]` : common.name;
  const { reduction } = common;
  return {
    name,
    ...(level === undefined ? { needs: { classifier: true, supervision: true } } : {}),
    compute: (state) => {
      const { B, supervision: sup, S } = classifierInput(state, level, name);
      const codes = labelledColumns(S, sup);
      const value = sumSquares(sub(labelledColumns(sup.Y, sup), matmul(B, codes)));
      return namedTerms(
        [[name, applyReduction(value, sup.classes * sup.known.length, reduction)]],
        name,
      );
    },
  };
}
