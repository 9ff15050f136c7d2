import { inner, logSoftmax, matmul, neg } from "@neural-nmf/tensor";
import { checkLayerNumber } from "./checks.js";
import { classifierInput } from "./classifier-input.js";
import type { Loss } from "./loss.js";
import { applyReduction, type LossOptions, namedTerms, resolveLossOptions } from "./reduction.js";
import { labelledColumns } from "./supervision.js";

/** Options of the classification losses: those of every loss, and the level classified. */
export interface ClassificationLossOptions extends LossOptions {
  /**
   * Classify the codes of level l with its classifier in `state.classifiers` (default: `state.B`
   * on the top level's codes).
   */
  level?: number;
}

/**
 * Softmax cross-entropy of the logits B S⁽ᴸ⁾ over the labelled columns:
 * −Σ_{j known} log softmax(B s_j)[y_j].
 *
 * Unlabelled columns are excluded, not given a label: the reference instead zeroed their logits
 * and labelled them class 0, which pulls every unlabelled sample toward a uniform prediction and
 * biases the classifier toward class 0. Here changing an unlabelled column changes nothing.
 * `"mean"` divides by the number of labelled columns |known|.
 *
 * Needs `state.B` and `state.supervision` (codes S⁽ᴸ⁾), or with `level: l` the classifier of level
 * l in `state.classifiers` (codes S⁽ˡ⁾). Default name `"crossEntropy"`, or `"crossEntropy[l]"`.
 */
export function crossEntropyLoss(options?: ClassificationLossOptions): Loss {
  const where = "crossEntropyLoss";
  const { common, raw } = resolveLossOptions(options, "crossEntropy", where, ["level"]);
  const level = raw.level === undefined ? undefined : checkLayerNumber(raw.level, "level", where);
  const name =
    level !== undefined && options?.name === undefined ? `crossEntropy[${level}]` : common.name;
  const { reduction } = common;
  return {
    name,
    ...(level === undefined ? { needs: { classifier: true, supervision: true } } : {}),
    compute: (state) => {
      const { B, supervision: sup, S } = classifierInput(state, level, name);
      const logits = matmul(B, labelledColumns(S, sup));
      // Axis 0: softmax over the classes of each column; ⟨Y, log p⟩ picks the true class.
      const value = neg(inner(labelledColumns(sup.Y, sup), logSoftmax(logits, 0)));
      return namedTerms([[name, applyReduction(value, sup.known.length, reduction)]], name);
    },
  };
}
