import type { Tensor } from "@neural-nmf/tensor";
import { projectedStep } from "./projection.js";
import { type LearningRate, learningRateAt } from "./schedule.js";
import type { Evaluation, Objective, Optimizer, StepResult } from "./types.js";

/**
 * Plain projected gradient descent `x ← P(x − η∇)` with a fixed or scheduled step size — what the
 * reference implementation does (there with `η` = 1 … 1e10 depending on the data).
 */
export function projectedGradient(
  nonnegative: readonly boolean[],
  learningRate: LearningRate,
): Optimizer {
  return {
    name: "pgd",
    step(params: Tensor[], current: Evaluation, objective: Objective, epoch: number): StepResult {
      const lr = learningRateAt(learningRate, epoch);
      const next = projectedStep(params, current.grads, lr, nonnegative);
      return { params: next, evaluation: objective(next), stepSize: lr, evaluations: 1 };
    },
  };
}
