import {
  add,
  eye,
  mask,
  matmul,
  ones,
  sub,
  sumSquares,
  type Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { checkLayerList, describeValue, resolveLayers } from "./checks.js";
import type { Loss } from "./loss.js";
import { applyReduction, type LossOptions, namedTerms, resolveLossOptions } from "./reduction.js";

/**
 * Which Gram-matrix target {@link orthogonalityPenalty} uses:
 * - `"offDiagonal"` (default): ‖AᵀA − diag(AᵀA)‖²_F = Σ_{i≠j} (a_iᵀa_j)², only the overlaps
 *   between columns. For nonnegative A it is zero exactly when the columns have disjoint
 *   supports (each row feeds one topic), and it leaves column norms free, which NMF's scale
 *   ambiguity (A S = (A D)(D⁻¹ S)) requires.
 * - `"identity"`: ‖AᵀA − I‖²_F, which also pulls every column to unit norm. It fights the NNLS
 *   layers over the scale of A unless that is what you want.
 */
export type OrthogonalityVariant = "offDiagonal" | "identity";

/** Options of {@link orthogonalityPenalty}. */
export interface OrthogonalityPenaltyOptions extends LossOptions {
  /** Which factors A⁽ˡ⁾ to penalise: 1-based layer numbers, or `"all"` (default). */
  layers?: readonly number[] | "all";
  /** `"offDiagonal"` (default) or `"identity"`; see {@link OrthogonalityVariant}. */
  variant?: OrthogonalityVariant;
}

/**
 * Orthogonality penalty on the factors, Σ_{l ∈ layers} ‖A⁽ˡ⁾ᵀA⁽ˡ⁾ − D‖²_F with D = diag(AᵀA)
 * (default) or I (see {@link OrthogonalityVariant}). `"mean"` divides each layer by its number of
 * penalised Gram entries: k_l(k_l − 1) off the diagonal, k_l² for the identity variant (a
 * one-column factor has no off-diagonal entry and contributes 0). Default name `"orthogonality"`.
 *
 * @throws {@link ValueError} for an unknown variant, an empty or repeated layer list, or (at
 *   evaluation) a layer beyond the state's depth.
 */
export function orthogonalityPenalty(options?: OrthogonalityPenaltyOptions): Loss {
  const where = "orthogonalityPenalty";
  const { common, raw } = resolveLossOptions(options, "orthogonality", where, [
    "layers",
    "variant",
  ]);
  const layers = checkLayerList(raw.layers, "layers", where);
  const variant = raw.variant ?? "offDiagonal";
  if (variant !== "offDiagonal" && variant !== "identity") {
    throw new ValueError(
      `${where}: \`variant\` must be "offDiagonal" or "identity", got ${describeValue(variant)}`,
      "variant",
    );
  }
  const { name, reduction } = common;
  return {
    name,
    compute: ({ A }) => {
      let value: Tensor | undefined;
      for (const l of resolveLayers(layers, A.length, "layers", `${where}(${name})`)) {
        const a = A[l - 1]!;
        const k = a.cols;
        const gram = matmul(a, a, { transA: true });
        const part =
          variant === "identity"
            ? applyReduction(sumSquares(sub(gram, eye(k))), k * k, reduction)
            : applyReduction(
                sumSquares(mask(gram, sub(ones(k, k), eye(k)))),
                k * (k - 1),
                reduction,
              );
        value = value === undefined ? part : add(value, part);
      }
      return namedTerms([[name, value!]], name);
    },
  };
}
