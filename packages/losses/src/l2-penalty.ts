import { add, sumSquares, type Tensor, ValueError } from "@neural-nmf/tensor";
import { checkLayerList, describeValue, resolveLayers } from "./checks.js";
import type { Loss } from "./loss.js";
import { applyReduction, type LossOptions, namedTerms, resolveLossOptions } from "./reduction.js";

/** Options of {@link l2Penalty}. */
export interface L2PenaltyOptions extends LossOptions {
  /** Which factors A⁽ˡ⁾ to penalise: 1-based layer numbers, `"all"` (default) or `"none"`. */
  layers?: readonly number[] | "all" | "none";
  /** Also penalise the classifier B (default false; true makes the loss need a classifier). */
  classifier?: boolean;
}

/**
 * Weight decay Σ_{l ∈ layers} ‖A⁽ˡ⁾‖²_F (+ ‖B‖²_F with `classifier: true`), squared Frobenius
 * norms. `"mean"` divides each matrix by its own size (k_{l−1}·k_l, c·k_L).
 * Default name `"l2Penalty"`.
 *
 * @throws {@link ValueError} when nothing is penalised (`layers: "none"` without `classifier`),
 *   for an empty or repeated layer list, or (at evaluation) a layer beyond the state's depth.
 */
export function l2Penalty(options?: L2PenaltyOptions): Loss {
  const where = "l2Penalty";
  const { common, raw } = resolveLossOptions(options, "l2Penalty", where, ["layers", "classifier"]);
  const layers = raw.layers === "none" ? [] : checkLayerList(raw.layers, "layers", where);
  if (raw.classifier !== undefined && typeof raw.classifier !== "boolean") {
    throw new ValueError(
      `${where}: \`classifier\` must be a boolean, got ${describeValue(raw.classifier)}`,
      "classifier",
    );
  }
  const classifier = raw.classifier === true;
  if (layers !== "all" && layers.length === 0 && !classifier) {
    throw new ValueError(
      `${where}: nothing to penalise: \`layers\` is "none" and \`classifier\` is not set`,
      "layers",
    );
  }
  const { name, reduction } = common;
  const compute: Loss["compute"] = ({ A, B }) => {
    const matrices: Tensor[] = resolveLayers(layers, A.length, "layers", `${where}(${name})`).map(
      (l) => A[l - 1]!,
    );
    if (classifier) matrices.push(B!);
    let value: Tensor | undefined;
    for (const m of matrices) {
      const part = applyReduction(sumSquares(m), m.size, reduction);
      value = value === undefined ? part : add(value, part);
    }
    return namedTerms([[name, value!]], name);
  };
  return classifier ? { name, needs: { classifier: true }, compute } : { name, compute };
}
