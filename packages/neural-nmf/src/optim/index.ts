export { type AdamOptions, adam } from "./adam.js";
export { projectedGradient } from "./pgd.js";
export { type LearningRate, learningRateAt, stepDecay } from "./schedule.js";
export { type SpgOptions, spg } from "./spg.js";
export type { Evaluation, Objective, Optimizer, StepResult } from "./types.js";
