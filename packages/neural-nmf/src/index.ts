/**
 * `neural-nmf`: hierarchical topic modelling with Neural NMF — trainable multilayer NNLS models,
 * initialisers, optimisers, evaluation, interpretation, a hierarchical NMF baseline and a
 * synthetic data generator.
 * @packageDocumentation
 */

export {
  AUTO_WEIGHT_FACTORS,
  AUTO_WEIGHT_FOLDS,
  type CrossValidationProblem,
  chooseWeightsByCrossValidation,
} from "./classification-weight.js";
export { fitClassifierOnCodes } from "./classifier-start.js";
export { type Data, validateData } from "./data.js";
export {
  CLASSIFICATION_BALANCE,
  type ClassificationTerm,
  defaultClassificationWeight,
  defaultLoss,
} from "./default-loss.js";
export {
  type DocumentTopics,
  documentTopicsOf,
  type RepresentativeDocument,
  representativeDocumentsOf,
} from "./document-topics.js";
export { NotFittedError, TrainingError } from "./errors.js";
export {
  type AccuracyOptions,
  accuracyOf,
  posthocPredict,
  relativeErrorOf,
} from "./evaluate.js";
export type { FitOptions } from "./fit-options.js";
export { forwardPass, type SolverOptions, topicProducts } from "./forward.js";
export { fitHierarchicalNmf, type HierarchicalNmfOptions } from "./hnmf.js";
export { type AnlsOptions, alternatingNnls } from "./init/anls.js";
export { type NndsvdOptions, nndsvd } from "./init/nndsvd.js";
export {
  type PretrainOptions,
  pretrainLayer,
  RESTART_BUDGET,
  unitColumns,
} from "./init/pretrain.js";
export {
  type HierarchyLevel,
  hierarchyOf,
  type TopicComposition,
  topWordsOf,
  type WordWeight,
} from "./interpret.js";
export { NeuralNMF } from "./model.js";
export {
  MAX_CLASSES,
  MAX_PARAMETER,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type NeuralNMFJSON,
  type ValidatedModel,
  validateModelJson,
} from "./model-json.js";
export * from "./optim/index.js";
export type { InitMethod, NeuralNMFOptions } from "./options.js";
export {
  type LabelsInput,
  type LevelSupervision,
  resolveSupervisedLevels,
  type SupervisedLevel,
  type SupervisionInput,
} from "./supervised-levels.js";
export {
  type SyntheticHierarchy,
  type SyntheticHierarchyOptions,
  syntheticHierarchy,
} from "./synthetic.js";
export {
  type EpochInfo,
  type StopReason,
  type TrainingHistory,
  type TrainingOutcome,
  type TrainingProblem,
  type TrainOptions,
  train,
} from "./train.js";
export {
  assembleTopicTree,
  isTopicOpen,
  TOPIC_TREE_CSS,
  TOPIC_TREE_FORMAT,
  TOPIC_TREE_SCRIPT,
  type TopicCoherence,
  type TopicSizeBy,
  type TopicTree,
  type TopicTreeDocument,
  type TopicTreeDocumentInfo,
  type TopicTreeExpansion,
  type TopicTreeHtmlOptions,
  type TopicTreeLevel,
  type TopicTreeOptions,
  type TopicTreeParts,
  type TopicTreeSvgOptions,
  type TopicTreeTopic,
  topicTreeHtml,
  topicTreeHtmlFragment,
  topicTreeOf,
  topicTreeSvg,
} from "./view/index.js";
