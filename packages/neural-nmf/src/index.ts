/**
 * `neural-nmf`: hierarchical topic modelling with Neural NMF — trainable multilayer NNLS models,
 * initialisers, optimisers, evaluation, interpretation, a hierarchical NMF baseline and a
 * synthetic data generator.
 * @packageDocumentation
 */
export { type Data, validateData } from "./data.js";
export { NotFittedError, TrainingError } from "./errors.js";
export { type SolverOptions, forwardPass, topicProducts } from "./forward.js";
export { type AnlsOptions, alternatingNnls } from "./init/anls.js";
export { nndsvd } from "./init/nndsvd.js";
export { type TruncatedSvd, truncatedSvd } from "./init/truncated-svd.js";
export { type HierarchyLevel, type TopicComposition, type WordWeight, hierarchyOf, topWordsOf } from "./interpret.js";
export { accuracyOf, posthocPredict, relativeErrorOf } from "./evaluate.js";
export {
  type AccuracyOptions,
  type FitOptions,
  type LabelsInput,
  NeuralNMF,
  type NeuralNMFJSON,
} from "./model.js";
export { type InitMethod, type NeuralNMFOptions } from "./options.js";
export * from "./optim/index.js";
export { type SyntheticHierarchy, type SyntheticHierarchyOptions, syntheticHierarchy } from "./synthetic.js";
export {
  type EpochInfo,
  type StopReason,
  type TrainOptions,
  type TrainingHistory,
  type TrainingOutcome,
  type TrainingProblem,
  train,
} from "./train.js";
export { type HierarchicalNmfOptions, fitHierarchicalNmf } from "./hnmf.js";
