/**
 * `@neural-nmf/cli`: the `neural-nmf` command (fit, transform, topics, eval, demo). The binary
 * is `dist/bin.js`; this entry point exposes the same commands for programs and tests, plus the
 * reader of the model files `neural-nmf fit --out` writes.
 * @packageDocumentation
 */
export { type CommandSpec, formatHelp, type OptionSpec } from "./args.js";
export {
  COHERENCE_TOP_N,
  COHERENCE_WINDOW,
  type CoherenceReport,
  coherenceOf,
  type LevelCoherence,
  treeCoherence,
} from "./coherence.js";
export {
  DEMO_TREE_FILE,
  type DemoArgs,
  demoSpec,
  demoVectorizerOptions,
  parseDemoArgs,
  readableBrown,
  runDemo,
} from "./commands/demo.js";
export { evalSpec, parseEvalArgs, runEval } from "./commands/eval.js";
export { runFit } from "./commands/fit.js";
export { type FitArgs, fitSpec, parseFitArgs } from "./commands/fit-args.js";
export {
  formatTopicTree,
  parseTopicsArgs,
  runTopics,
  type TopicsArgs,
  type TopicTreeTextOptions,
  topicsSpec,
} from "./commands/topics.js";
export {
  csvLines,
  jsonLines,
  parseTransformArgs,
  runTransform,
  TRANSFORM_FORMATS,
  type TransformArgs,
  type TransformFormat,
  transformSpec,
} from "./commands/transform.js";
export { CliError, EXIT_FAILURE, EXIT_USAGE, reportError, UsageError } from "./errors.js";
export type { CliIo } from "./io/cli-io.js";
export {
  type CliModelFile,
  type LoadedModel,
  MODEL_FILE_FORMAT,
  readModelFile,
} from "./io/model-file.js";
export { type Input, readInput, readMatrixMarketFile } from "./io/read-input.js";
export { main, topLevelHelp, version } from "./main.js";
export {
  Progress,
  type ProgressOptions,
  type ProgressStream,
  TaskProgress,
  type TaskProgressOptions,
} from "./progress.js";
export { type Evaluation, evaluateModel } from "./summary.js";
