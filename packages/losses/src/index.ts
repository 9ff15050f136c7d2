/**
 * `@neural-nmf/losses`: the loss functions of Neural NMF — reconstruction, layer-wise energy,
 * supervised and semi-supervised classification, regularisers — and the {@link Loss} interface
 * they share with user-written losses. Every built-in is written on the public
 * `@neural-nmf/tensor` API, exactly as a custom loss would be.
 * @packageDocumentation
 */

export { classificationL2Loss } from "./classification-l2.js";
export { type ClassifierInput, classifierInput } from "./classifier-input.js";
export { combine, weighted } from "./combine.js";
export { type ClassificationLossOptions, crossEntropyLoss } from "./cross-entropy.js";
export { type EnergyLossOptions, energyLoss } from "./energy.js";
export { type LossRequirement, LossRequirementError } from "./errors.js";
export { factorProduct } from "./factor-product.js";
export { type L1PenaltyOptions, l1Penalty } from "./l1-penalty.js";
export { type L2PenaltyOptions, l2Penalty } from "./l2-penalty.js";
export {
  type EvaluatedLoss,
  evaluateLoss,
  type Loss,
  type LossNeeds,
  type LossResult,
} from "./loss.js";
export {
  type OrthogonalityPenaltyOptions,
  type OrthogonalityVariant,
  orthogonalityPenalty,
} from "./orthogonality-penalty.js";
export { type ReconstructionLossOptions, reconstructionLoss } from "./reconstruction.js";
export {
  applyReduction,
  checkReduction,
  type LossOptions,
  type Reduction,
  type ResolvedLossOptions,
  resolveLossOptions,
} from "./reduction.js";
export { squaredResidual, squaredResidualOfFactors } from "./squared-residual.js";
export { type LevelClassifier, type ModelState, validateModelState } from "./state.js";
export {
  labelledColumns,
  MAX_LABEL_CLASSES,
  type Supervision,
  type SupervisionFromLabelsOptions,
  supervisionFromLabels,
  supervisionFromOneHot,
} from "./supervision.js";
