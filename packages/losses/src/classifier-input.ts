import type { Tensor } from "@neural-nmf/tensor";
import { LossRequirementError } from "./errors.js";
import type { ModelState } from "./state.js";
import type { Supervision } from "./supervision.js";

/** What a classification loss reads: a classifier, its labels, and the codes it classifies. */
export interface ClassifierInput {
  readonly B: Tensor;
  readonly supervision: Supervision;
  readonly S: Tensor;
}

/**
 * The classifier a classification loss works on: the one of `level` in `state.classifiers`, or,
 * without a level, `state.B` and `state.supervision` on the top-level codes.
 * @throws {@link LossRequirementError} naming the loss when it is missing.
 */
export function classifierInput(
  state: ModelState,
  level: number | undefined,
  lossName: string,
): ClassifierInput {
  if (level !== undefined) {
    const entry = state.classifiers?.find((c) => c.level === level);
    if (entry === undefined) {
      throw new LossRequirementError(
        lossName,
        "classifier",
        `loss \`${lossName}\` classifies level ${level}, but \`state.classifiers\` has no classifier for it (supervise that level)`,
      );
    }
    return { B: entry.B, supervision: entry.supervision, S: state.S[level - 1] as Tensor };
  }
  if (state.B === undefined) {
    throw new LossRequirementError(
      lossName,
      "classifier",
      `loss \`${lossName}\` needs a classifier, but \`state.B\` is missing (is the model supervised?)`,
    );
  }
  if (state.supervision === undefined) {
    throw new LossRequirementError(
      lossName,
      "supervision",
      `loss \`${lossName}\` needs labels, but \`state.supervision\` is missing (pass labels to fit the model)`,
    );
  }
  return { B: state.B, supervision: state.supervision, S: state.S[state.S.length - 1] as Tensor };
}
