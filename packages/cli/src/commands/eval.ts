import { type CommandSpec, formatHelp, OptionReader, parseCommand } from "../args.js";
import {
  COHERENCE_TOP_N,
  type CoherenceReport,
  coherenceJson,
  coherenceOf,
  coherenceText,
} from "../coherence.js";
import { describeData } from "../data.js";
import { type ErrorContext, UsageError, withErrorContext } from "../errors.js";
import type { CliIo } from "../io/cli-io.js";
import {
  checkKnownHaveLabels,
  type Labels,
  readKnownFile,
  readLabelsFile,
  resolveLabels,
} from "../io/labels.js";
import { type LoadedModel, readModelFile } from "../io/model-file.js";
import { matrixForModel } from "../io/model-input.js";
import { type Input, readInput } from "../io/read-input.js";
import { readTextDocuments, tokenizeDocuments } from "../io/text-documents.js";
import { inputProgress, type TaskProgressOptions, withTaskProgress } from "../progress.js";
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
    documents: {
      type: "string",
      value: "INPUT",
      help: "a folder of .txt files or a .jsonl file: report each topic's coherence (NPMI and UMass of its top 10 words) in these documents",
    },
    json: { type: "boolean", help: "print a JSON summary as the last line of stdout" },
    quiet: { type: "boolean", short: "q", help: "no progress display" },
  },
  notes: [
    "--documents needs a model with words (fitted on text, or with --vocab). NPMI counts words in sliding windows of 10 words (in [-1, 1], higher is more coherent), UMass in whole documents (at most about 0, closer to 0 is more coherent), both as gensim computes them; a topic with fewer than two of its words in the documents is shown as – and left out of the level's mean.",
  ],
  examples: [
    "neural-nmf eval model.json data.mtx --labels labels.txt",
    "neural-nmf eval model.json new-docs/ --json",
    "neural-nmf eval model.json new-docs/ --documents corpus.jsonl",
  ],
};

/** The checked arguments of `neural-nmf eval`. */
export interface EvalArgs {
  readonly model: string;
  readonly input: string;
  readonly labels?: string;
  readonly known?: string;
  /** Reference documents for coherence (`--documents`). */
  readonly documents?: string;
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
  const documents = o.string("documents");
  return {
    model: parsed.positionals[0] as string,
    input: parsed.positionals[1] as string,
    ...(labels === undefined ? {} : { labels }),
    ...(known === undefined ? {} : { known }),
    ...(documents === undefined ? {} : { documents }),
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
  const coherence =
    args.documents === undefined ? null : documentCoherence(args.documents, loaded, show);
  const input = withTaskProgress(show(`Reading ${args.input}`), (progress) =>
    readInput(args.input, { onProgress: inputProgress(progress) }),
  );
  const x = matrixForModel(
    input,
    loaded,
    { model: args.model, input: args.input },
    show("Vectorising"),
  );
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
    const details = {
      ranks: model.ranks,
      shape: [x.rows, x.cols] as const,
      ...(coherence === null ? {} : { coherence: coherenceJson(coherence) }),
    };
    io.stdout.write(`${summaryJson(evaluation, details)}\n`);
  } else {
    const what = input.kind === "matrix-market" ? `a ${describeData(x)}` : `${x.cols} documents`;
    const heading = `Model ${args.model} (ranks ${model.ranks.join(" → ")}) on ${what}`;
    io.stdout.write(summaryText(evaluation, { heading, ranks: model.ranks }));
    if (coherence !== null) {
      io.stdout.write(`\n${coherenceText(coherence, `'${args.documents}'`)}`);
    }
  }
  return 0;
}

/**
 * Coherence of the model's topics in the `--documents` input, tokenised as the model's
 * vectoriser does. The model must know the words of its rows.
 * @throws {@link UsageError} for a model without words or a Matrix Market file.
 */
function documentCoherence(
  path: string,
  loaded: LoadedModel,
  show: (label: string) => TaskProgressOptions,
): CoherenceReport {
  const vocabulary = loaded.vocabulary;
  if (vocabulary === null) {
    throw new UsageError(
      "eval: --documents needs the words of the model's rows, and the model has none (fit it on text, or on a matrix with --vocab)",
      "eval",
    );
  }
  const text = readTextDocuments(path, "eval", "--documents", show(`Reading ${path}`));
  const model = loaded.model;
  const words = model.ranks.map((_, l) =>
    model.topWords(l + 1, vocabulary, COHERENCE_TOP_N).map((topic) => topic.map((w) => w.word)),
  );
  return coherenceOf(words, tokenizeDocuments(text.documents, loaded.vectorizer));
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
