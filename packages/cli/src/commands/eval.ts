import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { type CommandSpec, formatHelp, OptionReader, parseCommand } from "../args.js";
import { checkNonnegative, describeData } from "../data.js";
import { CliError, type ErrorContext, UsageError, withErrorContext } from "../errors.js";
import type { CliIo } from "../io/cli-io.js";
import {
  checkKnownHaveLabels,
  type Labels,
  readKnownFile,
  readLabelsFile,
  resolveLabels,
} from "../io/labels.js";
import { type LoadedModel, readModelFile } from "../io/model-file.js";
import { type Input, readInput } from "../io/read-input.js";
import {
  documentProgress,
  inputProgress,
  type TaskProgressOptions,
  withTaskProgress,
} from "../progress.js";
import { evaluateModel, summaryJson, summaryText } from "../summary.js";

/** Arguments, options and help of `neural-nmf eval`. */
export const evalSpec: CommandSpec = {
  name: "eval",
  brief: "relative error and accuracy of a saved model on data",
  summary:
    "Evaluate a saved model on data: the relative reconstruction error at every level and, with labels, the accuracy at every level (post-hoc least-squares classifier on each level's representation).",
  positionals: [
    { name: "model.json", help: "a model saved by 'neural-nmf fit --out'" },
    {
      name: "input",
      help: "a .mtx file, a folder of .txt files or a .jsonl file (text is vectorised with the saved vectoriser)",
    },
  ],
  options: {
    labels: {
      type: "string",
      value: "FILE",
      help: "one label per column (integer class or class name; empty or ? = unknown)",
    },
    known: {
      type: "string",
      value: "FILE",
      help: "0-based columns the accuracy classifier is fitted on; the others are scored",
    },
    json: { type: "boolean", help: "print a JSON summary as the last line of stdout" },
    quiet: { type: "boolean", short: "q", help: "no progress display" },
  },
  examples: [
    "neural-nmf eval model.json data.mtx --labels labels.txt",
    "neural-nmf eval model.json new-docs/ --json",
  ],
};

/** The checked arguments of `neural-nmf eval`. */
export interface EvalArgs {
  readonly model: string;
  readonly input: string;
  readonly labels?: string;
  readonly known?: string;
  readonly json: boolean;
  readonly quiet: boolean;
}

/**
 * Parses and checks the arguments of `neural-nmf eval`.
 * @returns `"help"` for `--help`.
 * @throws {@link UsageError}
 */
export function parseEvalArgs(argv: readonly string[]): EvalArgs | "help" {
  const parsed = parseCommand(evalSpec, argv);
  if (parsed.help) return "help";
  const o = new OptionReader("eval", parsed.values);
  const labels = o.string("labels");
  const known = o.string("known");
  return {
    model: parsed.positionals[0] as string,
    input: parsed.positionals[1] as string,
    ...(labels === undefined ? {} : { labels }),
    ...(known === undefined ? {} : { known }),
    json: o.flag("json"),
    quiet: o.flag("quiet"),
  };
}

/** Runs `neural-nmf eval`. @returns the exit code. */
export function runEval(argv: readonly string[], io: CliIo): number {
  const args = parseEvalArgs(argv);
  if (args === "help") {
    io.stdout.write(formatHelp(evalSpec));
    return 0;
  }
  const context: ErrorContext = {
    command: "eval",
    options: Object.keys(evalSpec.options),
    input: args.input,
    ...(args.labels === undefined ? {} : { labels: args.labels }),
    ...(args.known === undefined ? {} : { known: args.known }),
  };
  return withErrorContext(context, () => evaluate(args, io));
}

function evaluate(args: EvalArgs, io: CliIo): number {
  const loaded = readModelFile(args.model);
  // Progress of reading and vectorising: on a terminal only, and not with --quiet.
  const show = (label: string): TaskProgressOptions => ({
    stream: io.stderr,
    label,
    ...(args.quiet ? { mode: "off" as const } : {}),
  });
  const input = withTaskProgress(show(`Reading ${args.input}`), (progress) =>
    readInput(args.input, { onProgress: inputProgress(progress) }),
  );
  const x = dataOf(input, loaded, args, show("Vectorising"));
  const labels = labelsOf(args, input, loaded, x.cols);
  let known: Int32Array | null = null;
  if (args.known !== undefined) {
    if (labels === null) {
      throw new UsageError("eval: --known needs labels: give --labels FILE", "eval");
    }
    known = readKnownFile(args.known, x.cols);
    checkKnownHaveLabels(known, labels, args.known);
  }
  const model = loaded.model;
  const evaluation = evaluateModel(model, x, labels, known);
  if (args.json) {
    io.stdout.write(
      `${summaryJson(evaluation, { ranks: model.ranks, shape: [x.rows, x.cols] })}\n`,
    );
  } else {
    const what = input.kind === "matrix-market" ? `a ${describeData(x)}` : `${x.cols} documents`;
    const heading = `Model ${args.model} (ranks ${model.ranks.join(" → ")}) on ${what}`;
    io.stdout.write(summaryText(evaluation, { heading, ranks: model.ranks }));
  }
  return 0;
}

function dataOf(
  input: Input,
  loaded: LoadedModel,
  args: EvalArgs,
  progress: TaskProgressOptions,
): Tensor | CscMatrix {
  const rows = (loaded.model.layers[0] as Tensor).rows;
  if (input.kind === "matrix-market") {
    if (input.matrix.rows !== rows) {
      throw new CliError(
        `'${args.input}' has ${input.matrix.rows} rows but the model was fitted on data with ${rows} rows`,
      );
    }
    checkNonnegative(input.matrix, args.input);
    return input.matrix;
  }
  if (loaded.vectorizer === null || !loaded.vectorizer.isFitted) {
    throw new CliError(
      `model '${args.model}' was fitted on a matrix and has no vectoriser, so it cannot read text input '${args.input}'`,
    );
  }
  const vectorizer = loaded.vectorizer;
  return withTaskProgress(progress, (p) =>
    vectorizer.transform(input.documents, { onProgress: documentProgress(p) }),
  ).matrix;
}

function labelsOf(
  args: EvalArgs,
  input: Input,
  loaded: LoadedModel,
  columns: number,
): Labels | null {
  // Integer labels may go up to the model's own classes, even on a small sample.
  const options = {
    knownNames: loaded.labelNames,
    modelClasses: loaded.model.classifier?.rows ?? 0,
  };
  if (args.labels !== undefined) return readLabelsFile(args.labels, columns, options);
  if (input.kind === "jsonl" && input.labels !== null) {
    const { labels, sources } = input;
    return resolveLabels(
      labels,
      (i) => (i < 0 ? `input '${args.input}'` : `${args.input}: ${sources[i]}`),
      options,
    );
  }
  return null;
}
