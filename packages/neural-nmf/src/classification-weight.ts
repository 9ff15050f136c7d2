import { supervisionFromLabels } from "@neural-nmf/losses";
import { Random, ValueError } from "@neural-nmf/tensor";
import type { Data } from "./data.js";
import { defaultClassificationWeight } from "./default-loss.js";
import type { FitOptions } from "./fit-options.js";
import type { SupervisedLevel } from "./supervised-levels.js";

/** Multiples of the default weight tried by `classificationWeight: "auto"`. */
export const AUTO_WEIGHT_FACTORS = [0.1, 1, 10, 100] as const;
/** Folds of the cross-validation behind `"auto"`. */
export const AUTO_WEIGHT_FOLDS = 3;

/** What {@link chooseWeightsByCrossValidation} needs. */
export interface CrossValidationProblem {
  /** The supervised levels with all their known labels. */
  readonly supervised: readonly SupervisedLevel[];
  /** The default weight of each level (the centre of its candidates). */
  readonly weights: readonly number[];
  /** Which levels' weights to choose (the others keep theirs). */
  readonly auto: readonly boolean[];
  /** Seed of the folds (see `crossValidationSeed`). */
  readonly seed: number;
  /**
   * Trains from the current parameters with labels `trainOn` (same levels, fewer known columns)
   * and weights `weights`, and returns, per level, the accuracy of its trained classifier on the
   * columns `scoreOn[i]` (known labels held out).
   */
  evaluate(
    trainOn: readonly SupervisedLevel[],
    weights: readonly number[],
    scoreOn: readonly Int32Array[],
  ): number[];
}

/**
 * Chooses classification weights by k-fold cross-validation on the known labels only: the known
 * columns of each level are split into {@link AUTO_WEIGHT_FOLDS} seeded folds; for each candidate
 * weight (the default × {@link AUTO_WEIGHT_FACTORS}) the model is trained with one fold's labels
 * hidden and scored on them, and the weight with the best mean held-out accuracy wins (ties go to
 * the default). Columns whose labels are unknown are never scored, so the choice cannot see them.
 * Levels are chosen one after the other, the others at their current weights.
 */
export function chooseWeightsByCrossValidation(problem: CrossValidationProblem): number[] {
  const { supervised, auto } = problem;
  const weights = [...problem.weights];
  const rng = new Random(problem.seed);
  const folds = supervised.map((s) => {
    const order = rng.shuffle(Array.from(s.supervision.known));
    return Array.from({ length: AUTO_WEIGHT_FOLDS }, (_, f) =>
      Int32Array.from(order.filter((_, t) => t % AUTO_WEIGHT_FOLDS === f)).sort(),
    );
  });
  supervised.forEach((_, level) => {
    if (!auto[level]) return;
    const centre = weights[level] as number;
    let best = centre;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const factor of AUTO_WEIGHT_FACTORS) {
      const tried = weights.map((w, i) => (i === level ? centre * factor : w));
      let total = 0;
      for (let f = 0; f < AUTO_WEIGHT_FOLDS; f++) {
        const heldOut = supervised.map((_, i) => (folds[i] as Int32Array[])[f] as Int32Array);
        const trainOn = supervised.map((s, i) => ({
          ...s,
          supervision: hide(s, heldOut[i] as Int32Array),
        }));
        total += problem.evaluate(trainOn, tried, heldOut)[level] as number;
      }
      const score = total / AUTO_WEIGHT_FOLDS;
      if (score > bestScore || (score === bestScore && factor === 1)) {
        bestScore = score;
        best = centre * factor;
      }
    }
    weights[level] = best;
  });
  return weights;
}

/** The level's labels with the columns `hidden` made unknown. */
function hide(level: SupervisedLevel, hidden: Int32Array) {
  const labels = Array.from(level.supervision.labels);
  for (const j of hidden) labels[j] = -1;
  return supervisionFromLabels(labels, { classes: level.supervision.classes });
}

/**
 * The weight each supervised level asked for (its own, else `classificationWeight`, else
 * {@link defaultClassificationWeight}) and which of them are `"auto"` (those start at the default
 * and are then chosen by {@link chooseWeightsByCrossValidation}).
 * @throws {@link ValueError} for a weight that is neither a finite number ≥ 0 nor `"auto"`.
 */
export function askedClassificationWeights(
  data: Data,
  supervised: readonly SupervisedLevel[],
  options: Pick<FitOptions, "classificationWeight">,
): { weights: number[]; auto: boolean[] } {
  const asked = supervised.map((s) => s.weight ?? options.classificationWeight);
  for (const w of asked) {
    if (w !== undefined && w !== "auto" && !(Number.isFinite(w) && w >= 0)) {
      throw new ValueError(
        `fit: classificationWeight must be a finite number ≥ 0 or "auto", got ${String(w)}`,
        "classificationWeight",
      );
    }
  }
  return {
    weights: supervised.map((s, i) => {
      const w = asked[i];
      return typeof w === "number" ? w : defaultClassificationWeight(data, s.supervision);
    }),
    auto: asked.map((w) => w === "auto"),
  };
}
