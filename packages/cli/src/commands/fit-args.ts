import type { TextVectorizerOptions } from "@neural-nmf/text";
import type { InitMethod } from "neural-nmf";
import { type CommandSpec, OptionReader, parseCommand } from "../args.js";
import { UsageError } from "../errors.js";

const INITS: readonly InitMethod[] = ["pretrain", "nndsvd", "random"];
const LOSSES = ["reconstruction", "energy"] as const;
const OPTIMIZERS = ["spg", "adam", "pgd"] as const;

/** Largest `--time-budget`: 10⁹ seconds (about 32 years); more would not stay finite in ms. */
export const MAX_TIME_BUDGET_SECONDS = 1e9;

/** Default of `--epochs`, the model's own default. */
export const DEFAULT_EPOCHS = 1000;

/** Arguments, options and help of `neural-nmf fit`. */
export const fitSpec: CommandSpec = {
  name: "fit",
  brief: "train a model on a .mtx file, a folder of .txt files or a .jsonl file",
  summary:
    'Train a Neural NMF model on a Matrix Market file (features × samples, dense or sparse), a folder of .txt documents (one document per file, in name order) or a JSON-lines file of {"text": ..., "label"?: ...} objects. Text is turned into tf-idf vectors with English stop words removed.',
  positionals: [{ name: "input", help: "a .mtx file, a folder of .txt files, or a .jsonl file" }],
  usageOptions: "--ranks K1,K2,...",
  options: {
    ranks: {
      type: "string",
      value: "K1,K2,...",
      help: "topics per layer, strictly decreasing (required), e.g. 9,4,2",
      group: "Model",
    },
    seed: {
      type: "string",
      value: "N",
      help: "random seed (default 1): same seed, same model",
      group: "Model",
    },
    init: {
      type: "string",
      value: "METHOD",
      help: "initialisation: pretrain (default), nndsvd or random",
      group: "Model",
    },
    loss: {
      type: "string",
      value: "LOSS",
      help: "reconstruction (default) or energy (layer-wise)",
      group: "Model",
    },
    epochs: {
      type: "string",
      value: "N",
      help: `most training epochs (default ${DEFAULT_EPOCHS})`,
      group: "Training",
    },
    "time-budget": {
      type: "string",
      value: "SECONDS",
      help: "stop training after this many seconds (at most 1e9)",
      group: "Training",
    },
    tolerance: {
      type: "string",
      value: "X",
      help: "stop when the loss improves by less than this relative amount over 10 epochs (default 1e-6; 0 disables)",
      group: "Training",
    },
    "batch-size": {
      type: "string",
      value: "N",
      help: "mini-batch training: documents per batch (default: all of them, full-batch training)",
      group: "Training",
    },
    threads: {
      type: "string",
      value: "N",
      help: "threads to train on (default: every core)",
      group: "Training",
    },
    optimizer: {
      type: "string",
      value: "NAME",
      help: "spg (default, no step size to tune), adam or pgd",
      group: "Training",
    },
    lr: {
      type: "string",
      value: "X",
      help: "learning rate of adam and pgd (required for them)",
      group: "Training",
    },
    labels: {
      type: "string",
      value: "FILE",
      help: "one label per column: an integer class or a class name; empty or ? = unknown. Trains a supervised model",
      group: "Labels",
    },
    known: {
      type: "string",
      value: "FILE",
      help: "0-based indices of the columns whose labels training may use, one per line (semi-supervised); accuracy is then scored on the other columns",
      group: "Labels",
    },
    unsupervised: {
      type: "boolean",
      help: "train without the labels; use them only to report accuracy",
      group: "Labels",
    },
    "min-df": {
      type: "string",
      value: "N|P",
      help: "text: drop words in fewer documents than this (count, or proportion like 0.01)",
      group: "Input",
    },
    "max-df": {
      type: "string",
      value: "N|P",
      help: "text: drop words in more documents than this (count, or proportion like 0.95)",
      group: "Input",
    },
    "max-features": {
      type: "string",
      value: "N",
      help: "text: keep only the N most frequent words",
      group: "Input",
    },
    vocab: {
      type: "string",
      value: "FILE",
      help: "matrix input: the name of each row, one per line, saved for 'topics'",
      group: "Input",
    },
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      help: "save the model (and vectoriser) as JSON; never over an input, and not over an existing file without --force",
      group: "Output",
    },
    force: {
      type: "boolean",
      short: "f",
      help: "let --out replace an existing file (never one the command reads)",
      group: "Output",
    },
    json: {
      type: "boolean",
      help: "print a JSON summary as the last line of stdout",
      group: "Output",
    },
    quiet: { type: "boolean", short: "q", help: "no progress display", group: "Output" },
  },
  notes: [
    "No option may be given twice. --out is checked before anything is read or trained: it may not name the input or any other file the command reads (however the path is spelt, links included), and an existing file is replaced only with --force.",
    "Progress goes to stderr: a bar redrawn in place on a terminal, a plain line every tenth of the epochs otherwise. Training stops at the epoch limit, the time budget or convergence, whichever comes first.",
  ],
  examples: [
    "neural-nmf fit data.mtx --ranks 9,4,2 --out model.json",
    "neural-nmf fit docs/ --ranks 10,3 --max-df 0.9 --time-budget 60 -o topics.json",
    "neural-nmf fit corpus.jsonl --ranks 6,2 --known known.txt --json",
    "neural-nmf fit data.mtx --ranks 9,4,2 --labels labels.txt --unsupervised",
    "neural-nmf fit data.mtx --ranks 9,4,2 --out model.json --force",
  ],
};

/** The checked arguments of `neural-nmf fit`. */
export interface FitArgs {
  readonly input: string;
  readonly ranks: number[];
  readonly seed: number;
  readonly init: InitMethod;
  readonly loss: (typeof LOSSES)[number];
  readonly maxEpochs: number;
  readonly timeBudgetMs?: number;
  readonly tolerance?: number;
  readonly batchSize?: number;
  readonly threads?: number;
  readonly optimizer: (typeof OPTIMIZERS)[number];
  readonly learningRate?: number;
  readonly labels?: string;
  readonly known?: string;
  readonly unsupervised: boolean;
  readonly vectorizer: Pick<TextVectorizerOptions, "minDf" | "maxDf" | "maxFeatures">;
  readonly vocab?: string;
  readonly out?: string;
  /** Whether `--out` may replace an existing file (`--force`). */
  readonly force: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
}

/**
 * Parses and checks the arguments of `neural-nmf fit` (no file is touched).
 * @returns `"help"` for `--help`.
 * @throws {@link UsageError}
 */
export function parseFitArgs(argv: readonly string[]): FitArgs | "help" {
  const parsed = parseCommand(fitSpec, argv);
  if (parsed.help) return "help";
  const o = new OptionReader("fit", parsed.values);
  const ranks = o.ranks("ranks");
  if (ranks === undefined)
    throw new UsageError("fit: --ranks is required, e.g. --ranks 9,4,2", "fit");
  const optimizer = o.choice("optimizer", OPTIMIZERS) ?? "spg";
  const learningRate = o.number("lr", "positive");
  if (optimizer === "spg" && learningRate !== undefined) {
    o.fail("lr", "applies to --optimizer adam or pgd only (spg chooses its own steps)");
  }
  if (optimizer !== "spg" && learningRate === undefined) {
    o.fail("optimizer", `${optimizer} needs a learning rate: add --lr, e.g. --lr 0.01`);
  }
  const known = o.string("known");
  const labels = o.string("labels");
  const unsupervised = o.flag("unsupervised");
  if (unsupervised && known !== undefined) {
    o.fail("known", "selects the labels training may use, so it cannot go with --unsupervised");
  }
  // In milliseconds it must stay finite: 1e308 seconds would become an infinite budget.
  const timeBudget = o.number("time-budget", "positive", MAX_TIME_BUDGET_SECONDS);
  const minDf = o.documentFrequency("min-df");
  const maxDf = o.documentFrequency("max-df");
  const maxFeatures = o.integer("max-features", 1);
  const out = o.string("out");
  const force = o.flag("force");
  if (force && out === undefined) o.fail("force", "applies to --out only: add --out FILE");
  return {
    input: parsed.positionals[0] as string,
    ranks,
    seed: o.integer("seed", 0) ?? 1,
    init: o.choice("init", INITS) ?? "pretrain",
    loss: o.choice("loss", LOSSES) ?? "reconstruction",
    maxEpochs: o.integer("epochs", 1) ?? DEFAULT_EPOCHS,
    ...optional("timeBudgetMs", timeBudget === undefined ? undefined : timeBudget * 1000),
    ...optional("tolerance", o.number("tolerance", "nonnegative")),
    ...optional("batchSize", o.integer("batch-size", 1)),
    ...optional("threads", o.integer("threads", 1, 256)),
    optimizer,
    ...optional("learningRate", learningRate),
    ...optional("labels", labels),
    ...optional("known", known),
    unsupervised,
    vectorizer: {
      ...optional("minDf", minDf),
      ...optional("maxDf", maxDf),
      ...optional("maxFeatures", maxFeatures),
    },
    ...optional("vocab", o.string("vocab")),
    ...optional("out", out),
    force,
    json: o.flag("json"),
    quiet: o.flag("quiet"),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
