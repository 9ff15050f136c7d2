import {
  combine,
  crossEntropyLoss,
  type Loss,
  reconstructionLoss,
  type Supervision,
} from "@neural-nmf/losses";
import { type Data, squaredNorm } from "./data.js";

/** A supervised level's classification term in the default loss. */
export interface ClassificationTerm {
  readonly level: number;
  readonly weight: number;
}

/**
 * The default training loss of a model with `levels` layers: the reconstruction of every level,
 * `Σ_l ‖X − A⁽¹⁾⋯A⁽ˡ⁾S⁽ˡ⁾‖²` (every level is a topic model of X; fitting them all reaches the SVD
 * bound at every level of the paper's data, where the top level alone lets the others drift),
 * plus `λ_l ·` the softmax cross-entropy of each supervised level l over its labelled columns.
 * Its terms are named `reconstruction[l]` and `crossEntropy[l]` in the training history.
 */
export function defaultLoss(
  levels: number,
  classification: readonly ClassificationTerm[] = [],
): Loss {
  const parts: (Loss | readonly [Loss, number])[] = [];
  for (let l = 1; l <= levels; l++) parts.push(reconstructionLoss({ level: l }));
  for (const { level, weight } of classification) {
    parts.push([crossEntropyLoss({ level }), weight] as const);
  }
  return parts.length === 1 ? (parts[0] as Loss) : combine(...parts);
}

/**
 * Relative strength of classification against reconstruction in the default weight (see
 * {@link defaultClassificationWeight}); chosen by measurement on the 20 Newsgroups subsample and
 * the Brown corpus (see the package README).
 */
export const CLASSIFICATION_BALANCE = 1;

/**
 * The default weight λ of a level's classification term: `ρ · ‖X‖²_F / (|known| · ln c)`, with
 * ρ = {@link CLASSIFICATION_BALANCE}. Per column, it puts the cross-entropy of a chance-level
 * classifier (ln c for c classes) on the same footing as the average energy of a column of X
 * (‖X‖²/n), counting only the |known| labelled columns that have a cross-entropy: with ρ = 1 the
 * two terms start with about equal totals whatever the scale of X (tf-idf with unit columns, or
 * counts), the number of labels and the number of classes. The former default `0.01·‖X‖²/n`
 * ignored all three and was far too weak on tf-idf data.
 */
export function defaultClassificationWeight(x: Data, supervision: Supervision): number {
  const perColumnChance = Math.log(Math.max(2, supervision.classes));
  return (CLASSIFICATION_BALANCE * squaredNorm(x)) / (supervision.known.length * perColumnChance);
}
