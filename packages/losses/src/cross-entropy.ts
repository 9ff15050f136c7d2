import { inner, logSoftmax, matmul, neg } from "@neural-nmf/tensor";
import type { Loss } from "./loss.js";
import {
  applyReduction,
  type LossOptions,
  resolveLossOptions,
  weightedTerms,
} from "./reduction.js";
import { labelledColumns } from "./supervision.js";

/**
 * Softmax cross-entropy of the logits B S⁽ᴸ⁾ over the labelled columns:
 * −Σ_{j known} log softmax(B s_j)[y_j].
 *
 * Unlabelled columns are excluded, not given a label: the reference instead zeroed their logits
 * and labelled them class 0, which pulls every unlabelled sample toward a uniform prediction and
 * biases the classifier toward class 0. Here changing an unlabelled column changes nothing.
 * `"mean"` divides by the number of labelled columns |known|.
 *
 * Needs `state.B` and `state.supervision`. Default name `"crossEntropy"`.
 */
export function crossEntropyLoss(options?: LossOptions): Loss {
  const { common } = resolveLossOptions(options, "crossEntropy", "crossEntropyLoss");
  const { name, weight, reduction } = common;
  return {
    name,
    needs: { classifier: true, supervision: true },
    compute: ({ S, B, supervision }) => {
      const sup = supervision!;
      const logits = matmul(B!, labelledColumns(S[S.length - 1]!, sup));
      // Axis 0: softmax over the classes of each column; ⟨Y, log p⟩ picks the true class.
      const value = neg(inner(labelledColumns(sup.Y, sup), logSoftmax(logits, 0)));
      return weightedTerms(
        [[name, applyReduction(value, sup.known.length, reduction)]],
        weight,
        name,
      );
    },
  };
}
