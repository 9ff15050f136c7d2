import type { Tensor } from "@neural-nmf/tensor";

/** Value, gradients and named loss terms of the training objective at some parameters. */
export interface Evaluation {
  value: number;
  grads: Tensor[];
  terms: Record<string, number>;
}

/** The training objective: parameters (A⁽¹⁾…A⁽ᴸ⁾ then B) → value and gradients. */
export type Objective = (params: Tensor[]) => Evaluation;

/** What an optimiser step returns. */
export interface StepResult {
  params: Tensor[];
  evaluation: Evaluation;
  /** Step size used (for the history and progress displays). */
  stepSize: number;
  /** Objective evaluations this step took (line-search trials included). */
  evaluations: number;
}

/**
 * An optimiser of the projected kind: `nonnegative[i]` says whether parameter i is projected
 * onto `≥ 0` after every step (the A's are, a classifier B is not).
 */
export interface Optimizer {
  readonly name: string;
  /** One step from `params` whose evaluation is `current`. */
  step(params: Tensor[], current: Evaluation, objective: Objective, epoch: number): StepResult;
}
