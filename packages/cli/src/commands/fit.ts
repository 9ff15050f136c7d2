import { energyLoss } from "@neural-nmf/losses";
import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { TextVectorizer } from "@neural-nmf/text";
import { type FitOptions, NeuralNMF, type TrainingHistory } from "neural-nmf";
import { type CommandSpec, formatHelp, parseCommand } from "../args.js";
import { checkNonnegative, describeData } from "../data.js";
import { CliError, type ErrorContext, UsageError, withErrorContext } from "../errors.js";
import type { CliIo } from "../io/cli-io.js";
import { checkOutputFile, type OutputRules, type ReadPath } from "../io/files.js";
import {
  checkKnownHaveLabels,
  type Labels,
  readKnownFile,
  readLabelsFile,
  readVocabularyFile,
  resolveLabels,
} from "../io/labels.js";
import { MODEL_FILE_FORMAT, writeModelFile } from "../io/model-file.js";
import { type Input, readInput } from "../io/read-input.js";
import {
  documentProgress,
  inputProgress,
  Progress,
  type TaskProgressOptions,
  withTaskProgress,
} from "../progress.js";
import { evaluateModel, summaryJson, summaryText, type TrainingFacts } from "../summary.js";
import { type FitArgs, fitSpec, parseFitArgs } from "./fit-args.js";

/** Runs `neural-nmf fit`. @returns the exit code. */
export function runFit(argv: readonly string[], io: CliIo): number {
  const args = parseFitArgs(argv);
  if (args === "help") {
    io.stdout.write(formatHelp(fitSpec));
    return 0;
  }
  // Library errors name internal arguments (`learningRate`, `X`); name the user's flags and files.
  const context: ErrorContext = {
    command: "fit",
    options: Object.keys(fitSpec.options),
    input: args.input,
    ...(args.labels === undefined ? {} : { labels: args.labels }),
    ...(args.known === undefined ? {} : { known: args.known }),
    flags: flagValues(fitSpec, argv),
  };
  return withErrorContext(context, () => fit(args, io, context));
}

function fit(args: FitArgs, io: CliIo, context: ErrorContext): number {
  // Everything that can be checked without reading the data is checked first: the output file,
  // then the model's options (ranks, seed, threads) by building the model.
  if (args.out !== undefined) checkOutputFile(args.out, "model file", outputRules(args));
  const model = new NeuralNMF({
    ranks: args.ranks,
    seed: args.seed,
    init: args.init,
    ...(args.threads === undefined ? {} : { threads: args.threads }),
  });
  const prepared = prepare(args, io, context);
  const training = train(model, args, prepared, io);
  const { data, labels, known } = prepared;
  const evaluation = evaluateModel(model, data.matrix, labels, known);
  if (args.out !== undefined) {
    writeModelFile(
      args.out,
      {
        format: MODEL_FILE_FORMAT,
        version: 1,
        model: model.toJSON(),
        ...(data.vectorizer === null ? {} : { vectorizer: data.vectorizer.toJSON() }),
        ...(data.vocabulary === null ? {} : { vocabulary: data.vocabulary }),
        ...(labels?.names ? { labelNames: labels.names } : {}),
      },
      { replace: args.force },
    );
  }
  const out = args.out === undefined ? {} : { out: args.out };
  if (args.json) {
    const shape = [data.matrix.rows, data.matrix.cols] as const;
    const details = { training, ranks: args.ranks, shape, ...out };
    io.stdout.write(`${summaryJson(evaluation, details)}\n`);
    return 0;
  }
  const mode =
    prepared.supervised === false
      ? ""
      : known === null
        ? ", supervised"
        : `, semi-supervised (${known.length} known labels)`;
  const heading = `Neural NMF with ranks ${args.ranks.join(" → ")} on ${data.description}${mode}`;
  io.stdout.write(summaryText(evaluation, { heading, training, ranks: args.ranks, ...out }));
  if (args.out === undefined) io.stdout.write("\nModel not saved (add --out FILE to keep it).\n");
  return 0;
}

/** The data, labels and known columns of a fit, checked before training starts. */
interface Prepared {
  readonly data: Vectorised;
  readonly labels: Labels | null;
  readonly known: Int32Array | null;
  /** Whether the labels take part in training. */
  readonly supervised: boolean;
}

/** What `--out` must not replace: every file the command reads. */
function outputRules(args: FitArgs): OutputRules {
  const reads: ReadPath[] = [{ path: args.input, what: "input" }];
  if (args.labels !== undefined) reads.push({ path: args.labels, what: "labels file" });
  if (args.known !== undefined) reads.push({ path: args.known, what: "known-columns file" });
  if (args.vocab !== undefined) reads.push({ path: args.vocab, what: "vocabulary file" });
  return { command: "fit", option: "--out", reads, force: args.force };
}

function prepare(args: FitArgs, io: CliIo, context: ErrorContext): Prepared {
  // Progress of reading and vectorising: on a terminal only, and not with --quiet.
  const show = (label: string): TaskProgressOptions => ({
    stream: io.stderr,
    label,
    ...(args.quiet ? { mode: "off" as const } : {}),
  });
  const input = withTaskProgress(show(`Reading ${args.input}`), (progress) =>
    readInput(args.input, { onProgress: inputProgress(progress) }),
  );
  checkInputOptions(args, input);
  const data = withErrorContext({ ...context, step: `cannot vectorise '${args.input}'` }, () =>
    vectorise(args, input, show("Vectorising")),
  );
  const x = data.matrix;
  const labels = readLabels(args, input, x.cols);
  let known: Int32Array | null = null;
  if (args.known !== undefined) {
    if (labels === null) {
      throw new UsageError(
        'fit: --known needs labels: give --labels FILE (or a "label" field in the JSON lines)',
        "fit",
      );
    }
    known = readKnownFile(args.known, x.cols);
    checkKnownHaveLabels(known, labels, args.known);
  }
  if (args.unsupervised && labels === null) {
    throw new UsageError("fit: --unsupervised only makes sense with labels (--labels FILE)", "fit");
  }
  if (input.kind === "matrix-market") checkNonnegative(x, args.input);
  if (args.loss === "energy" && !Number.isFinite(x.frobeniusNormSquared())) {
    // The default loss is computed on data rescaled by a power of two; a custom loss is not, so
    // squares beyond 1.8e308 would make the first epoch fail. Say so now.
    throw new CliError(
      `the data in '${args.input}' is too large for --loss energy: the sum of its squared entries overflows to Infinity; rescale the data, or use --loss reconstruction, which rescales it internally`,
    );
  }
  checkRanksFitData("fit", args.ranks, x);
  return { data, labels, known, supervised: labels !== null && !args.unsupervised };
}

/** Trains `model` with progress on stderr; returns the facts for the summary. */
function train(model: NeuralNMF, args: FitArgs, prepared: Prepared, io: CliIo): TrainingFacts {
  const { data, labels, known } = prepared;
  const x = data.matrix;
  const supervision =
    prepared.supervised && labels !== null
      ? {
          labels: labels.values,
          classes: labels.classes,
          ...(known === null ? {} : { known }),
        }
      : undefined;
  const budget = args.timeBudgetMs === undefined ? {} : { timeBudgetMs: args.timeBudgetMs };
  const progress = new Progress({
    stream: io.stderr,
    maxEpochs: args.maxEpochs,
    ...budget,
    ...(args.quiet ? { mode: "off" as const } : {}),
  });
  const options: FitOptions = {
    maxEpochs: args.maxEpochs,
    optimizer: args.optimizer,
    ...budget,
    ...(args.learningRate === undefined ? {} : { learningRate: args.learningRate }),
    ...(args.tolerance === undefined ? {} : { tolerance: args.tolerance }),
    ...(args.batchSize === undefined ? {} : { batchSize: args.batchSize }),
    ...(supervision === undefined ? {} : { supervision }),
    // With labels the model adds its default classification term to the energy loss itself.
    ...(args.loss === "energy" ? { loss: energyLoss() } : {}),
    onEpoch: (info) => {
      progress.update(info);
      return undefined;
    },
  };
  progress.status(
    `Fitting ranks ${args.ranks.join(", ")} on ${data.description} (init ${args.init})...`,
  );
  const started = performance.now();
  let history: TrainingHistory;
  try {
    history = model.fit(x, options);
  } catch (error) {
    progress.abort();
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  progress.finish();
  return { epochs: history.epochs.length, seconds, stopReason: history.stopReason };
}

/** The first rank cannot exceed min(rows, columns): checked before any progress is shown. */
export function checkRanksFitData(
  command: string,
  ranks: readonly number[],
  x: Tensor | CscMatrix,
): void {
  const limit = Math.min(x.rows, x.cols);
  if ((ranks[0] as number) > limit) {
    throw new UsageError(
      `${command}: --ranks starts at ${ranks[0]}, more than the ${x.rows} × ${x.cols} input allows (at most ${limit}, the smaller of its rows and columns)`,
      command,
    );
  }
}

function checkInputOptions(args: FitArgs, input: Input): void {
  if (input.kind === "matrix-market") {
    const textOnly = Object.entries({
      "min-df": args.vectorizer.minDf,
      "max-df": args.vectorizer.maxDf,
      "max-features": args.vectorizer.maxFeatures,
    }).find(([, v]) => v !== undefined);
    if (textOnly !== undefined) {
      throw new UsageError(
        `fit: --${textOnly[0]} applies to text inputs only, and '${args.input}' is a Matrix Market file`,
        "fit",
      );
    }
  } else if (args.vocab !== undefined) {
    throw new UsageError(
      "fit: --vocab applies to Matrix Market inputs only; a text input's vocabulary is saved automatically",
      "fit",
    );
  }
}

interface Vectorised {
  readonly matrix: Tensor | CscMatrix;
  readonly vectorizer: TextVectorizer | null;
  readonly vocabulary: string[] | null;
  readonly description: string;
}

function vectorise(args: FitArgs, input: Input, progress: TaskProgressOptions): Vectorised {
  if (input.kind === "matrix-market") {
    const matrix = input.matrix;
    const vocabulary =
      args.vocab === undefined ? null : readVocabularyFile(args.vocab, matrix.rows);
    return { matrix, vectorizer: null, vocabulary, description: `a ${describeData(matrix)}` };
  }
  // The vectoriser's errors name its options (`minDf`); the caller's error context names the
  // flags (--min-df) instead.
  const vectorizer = new TextVectorizer({ stopWords: "english", ...args.vectorizer });
  const { matrix, vocabulary } = withTaskProgress(progress, (p) =>
    vectorizer.fitTransform(input.documents, { onProgress: documentProgress(p) }),
  );
  const n = input.documents.length;
  return {
    matrix,
    vectorizer,
    vocabulary: [...vocabulary],
    description: `${n} document${n === 1 ? "" : "s"} (${vocabulary.length} words after filtering)`,
  };
}

/**
 * The string values of the flags as the user typed them, by long name (for quoting them back in
 * errors); `argv` has already been parsed without error.
 */
export function flagValues(spec: CommandSpec, argv: readonly string[]): Record<string, string> {
  const parsed = parseCommand(spec, argv);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === "string") out[name] = value;
  }
  return out;
}

function readLabels(args: FitArgs, input: Input, columns: number): Labels | null {
  if (args.labels !== undefined) return readLabelsFile(args.labels, columns);
  if (input.kind === "jsonl" && input.labels !== null) {
    const { labels, sources } = input;
    return resolveLabels(labels, (i) =>
      i < 0 ? `input '${args.input}'` : `${args.input}: ${sources[i]}`,
    );
  }
  return null;
}
