import { supervisionFromLabels } from "@neural-nmf/losses";
import { Random, type Tensor, ValueError } from "@neural-nmf/tensor";
import type { Data } from "./data.js";
import type { FitOptions } from "./fit-options.js";
import { forwardPass, type SolverOptions } from "./forward.js";
import type { SupervisedLevel } from "./supervised-levels.js";
import type { TrainingMonitor } from "./train.js";

/** Fraction of the known labels held out for early stopping by default (none: opt-in). */
export const DEFAULT_VALIDATION = false as const;

/** Known labels split into the ones trained on and the held-out columns of each level. */
export interface HeldOut {
  readonly train: SupervisedLevel[];
  readonly validation: Int32Array[];
}

/**
 * Holds `fraction` of every supervised level's known labels out of training (seeded; at least
 * one, and at least one left to train on). Returns null when some level has fewer than 2 known
 * labels, so nothing can be held out.
 * @throws {@link ValueError} for a fraction outside (0, 1).
 */
export function holdOut(
  supervised: readonly SupervisedLevel[],
  fraction: number,
  seed: number,
): HeldOut | null {
  if (!(typeof fraction === "number" && fraction > 0 && fraction < 1)) {
    throw new ValueError(
      `fit: option \`validation\` must be a fraction in (0, 1) or false, got ${String(fraction)}`,
      "validation",
    );
  }
  const rng = new Random(seed);
  const train: SupervisedLevel[] = [];
  const validation: Int32Array[] = [];
  for (const level of supervised) {
    const known = Array.from(level.supervision.known);
    if (known.length < 2) return null;
    const count = Math.min(known.length - 1, Math.max(1, Math.round(fraction * known.length)));
    const held = rng
      .shuffle(known)
      .slice(0, count)
      .sort((a, b) => a - b);
    const labels = Array.from(level.supervision.labels);
    for (const j of held) labels[j] = -1;
    train.push({
      ...level,
      supervision: supervisionFromLabels(labels, { classes: level.supervision.classes }),
    });
    validation.push(Int32Array.from(held));
  }
  return { train, validation };
}

/**
 * Mean over the supervised levels of the squared classification error `‖y_j − B s_j‖²` of each
 * level's classifier on its held-out columns (per column), given the codes of every level.
 */
export function heldOutClassificationError(
  codes: readonly Tensor[],
  supervised: readonly SupervisedLevel[],
  classifiers: readonly Tensor[],
  validation: readonly Int32Array[],
): number {
  let total = 0;
  supervised.forEach((level, i) => {
    const s = codes[level.level - 1] as Tensor;
    const b = classifiers[i] as Tensor;
    const columns = validation[i] as Int32Array;
    const labels = level.supervision.labels;
    const n = s.cols;
    const k = s.rows;
    const c = b.rows;
    let sum = 0;
    for (const j of columns) {
      for (let r = 0; r < c; r++) {
        let v = 0;
        for (let q = 0; q < k; q++)
          v += (b.data[r * k + q] as number) * (s.data[q * n + j] as number);
        sum += ((labels[j] === r ? 1 : 0) - v) ** 2;
      }
    }
    total += sum / columns.length;
  });
  return total / supervised.length;
}

/**
 * The known labels held out for early stopping (see `FitOptions.validation`): null when it is
 * off, when nothing is supervised, or in mini-batch training, which it does not support.
 */
export function earlyStoppingSplit(
  supervised: readonly SupervisedLevel[],
  options: Pick<FitOptions, "validation" | "batchSize">,
  seed: number,
): HeldOut | null {
  const fraction: number | false = options.validation ?? DEFAULT_VALIDATION;
  if (fraction === false || supervised.length === 0) return null;
  if (options.batchSize !== undefined) return null;
  return holdOut(supervised, fraction, seed);
}

/**
 * Early stopping on the held-out labels: every 5 epochs the classification error of the trained
 * classifiers on them; stop after 10 checks without improvement.
 */
export function earlyStoppingMonitor(
  data: Data,
  supervised: readonly SupervisedLevel[],
  validation: readonly Int32Array[],
  solver: SolverOptions,
): TrainingMonitor {
  return {
    every: 5,
    patience: 10,
    score: (layers, classifiers) =>
      heldOutClassificationError(
        forwardPass(data, layers, null, solver),
        supervised,
        classifiers,
        validation,
      ),
  };
}
