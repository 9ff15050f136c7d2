import { type DocumentTopics, documentTopicsOf } from "neural-nmf";
import { type CommandSpec, formatHelp, OptionReader, parseCommand } from "../args.js";
import { type ErrorContext, UsageError, withErrorContext } from "../errors.js";
import type { CliIo } from "../io/cli-io.js";
import { checkOutputFile, writeTextFileAtomic } from "../io/files.js";
import { readModelFile } from "../io/model-file.js";
import { canReadText, matrixForModel, noVectoriserMessage } from "../io/model-input.js";
import { detectInputKind, type Input, readInput } from "../io/read-input.js";
import { inputProgress, type TaskProgressOptions, withTaskProgress } from "../progress.js";

/** The output formats of `neural-nmf transform`. */
export const TRANSFORM_FORMATS = ["jsonl", "csv"] as const;

/** An output format of `neural-nmf transform`. */
export type TransformFormat = (typeof TRANSFORM_FORMATS)[number];

/** Arguments, options and help of `neural-nmf transform`. */
export const transformSpec: CommandSpec = {
  name: "transform",
  brief: "each document's topic shares and strongest topic per level, as JSON lines or CSV",
  summary:
    "Apply a saved model to data: for every document (column), its share of each topic at every level (its weights S⁽ˡ⁾ normalised to sum to 1) and its strongest topic per level, as JSON lines (default) or CSV, on stdout or in a file.",
  positionals: [
    { name: "model.json", help: "a model saved by 'neural-nmf fit --out'" },
    {
      name: "input",
      help: "a .mtx file, a folder of .txt files or a .jsonl file (text is vectorised with the saved vectoriser)",
    },
  ],
  options: {
    format: {
      type: "string",
      value: "FORMAT",
      help: "jsonl (default): one JSON object per document; csv: a header and one row per document",
    },
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      help: "write to FILE instead of stdout; never over an input, and not over an existing file without --force",
    },
    force: {
      type: "boolean",
      short: "f",
      help: "let --out replace an existing file (never one the command reads)",
    },
    quiet: { type: "boolean", short: "q", help: "no progress display" },
  },
  notes: [
    'A JSON line: {"document": 0, "source": "a.txt", "levels": [{"level": 1, "strongest": 2, "shares": [0.1, 0.2, 0.7]}, ...]}; "source" is the file name (folder), "line N" (JSON lines) or null (Matrix Market). CSV columns: document, source, then per level L<l>_strongest and one column L<l>#<t> per topic. A document with no weight at all has strongest null (CSV: empty) and shares 0.',
  ],
  examples: [
    "neural-nmf transform model.json new-docs/ > topics.jsonl",
    "neural-nmf transform model.json data.mtx --format csv --out topics.csv",
  ],
};

/** The checked arguments of `neural-nmf transform`. */
export interface TransformArgs {
  readonly model: string;
  readonly input: string;
  readonly format: TransformFormat;
  readonly out?: string;
  readonly force: boolean;
  readonly quiet: boolean;
}

/**
 * Parses and checks the arguments of `neural-nmf transform`.
 * @returns `"help"` for `--help`.
 * @throws {@link UsageError}
 */
export function parseTransformArgs(argv: readonly string[]): TransformArgs | "help" {
  const parsed = parseCommand(transformSpec, argv);
  if (parsed.help) return "help";
  const o = new OptionReader("transform", parsed.values);
  const out = o.string("out");
  const force = o.flag("force");
  if (force && out === undefined) o.fail("force", "applies to --out only: add --out FILE");
  return {
    model: parsed.positionals[0] as string,
    input: parsed.positionals[1] as string,
    format: o.choice("format", TRANSFORM_FORMATS) ?? "jsonl",
    ...(out === undefined ? {} : { out }),
    force,
    quiet: o.flag("quiet"),
  };
}

/** Runs `neural-nmf transform`. @returns the exit code. */
export function runTransform(argv: readonly string[], io: CliIo): number {
  const args = parseTransformArgs(argv);
  if (args === "help") {
    io.stdout.write(formatHelp(transformSpec));
    return 0;
  }
  const context: ErrorContext = {
    command: "transform",
    options: Object.keys(transformSpec.options),
    input: args.input,
  };
  return withErrorContext(context, () => transform(args, io));
}

function transform(args: TransformArgs, io: CliIo): number {
  // The output file first, before anything is read.
  if (args.out !== undefined) {
    checkOutputFile(args.out, "output file", {
      command: "transform",
      option: "--out",
      reads: [
        { path: args.model, what: "model file" },
        { path: args.input, what: "input" },
      ],
      force: args.force,
    });
  }
  const loaded = readModelFile(args.model);
  const names = { model: args.model, input: args.input };
  // A model without a vectoriser cannot read text: say so before reading the input.
  if (detectInputKind(args.input) !== "matrix-market" && !canReadText(loaded)) {
    throw new UsageError(
      `transform: ${noVectoriserMessage(names)}; give it a Matrix Market file with the model's ${loaded.model.layers[0]?.rows} rows`,
      "transform",
    );
  }
  const show = (label: string): TaskProgressOptions => ({
    stream: io.stderr,
    label,
    ...(args.quiet ? { mode: "off" as const } : {}),
  });
  const input = withTaskProgress(show(`Reading ${args.input}`), (progress) =>
    readInput(args.input, { onProgress: inputProgress(progress) }),
  );
  const x = matrixForModel(input, loaded, names, show("Vectorising"));
  const topics = loaded.model.transform(x).map((s, l) => documentTopicsOf(l + 1, s));
  const sources = sourcesOf(input, x.cols);
  const lines = args.format === "csv" ? csvLines(topics, sources) : jsonLines(topics, sources);
  if (args.out === undefined) {
    // In batches: one write per document would be slow on a pipe, one string for all of them
    // needlessly large.
    for (let i = 0; i < lines.length; i += 512) {
      io.stdout.write(`${lines.slice(i, i + 512).join("\n")}\n`);
    }
    return 0;
  }
  writeTextFileAtomic(args.out, `${lines.join("\n")}\n`, "output file", { replace: args.force });
  const n = x.cols;
  io.stdout.write(
    `Topic shares of ${n} document${n === 1 ? "" : "s"} at ${topics.length} level${topics.length === 1 ? "" : "s"} (${args.format === "csv" ? "CSV" : "JSON lines"}) written to ${args.out}\n`,
  );
  return 0;
}

/** Where each column came from: file names, `line N`, or null for a matrix. */
function sourcesOf(input: Input, columns: number): (string | null)[] {
  if (input.kind === "matrix-market") return new Array<string | null>(columns).fill(null);
  return [...input.sources];
}

/**
 * One JSON object per document: its index, source, and per level its strongest topic (null for
 * a document with no weight) and its share of every topic.
 */
export function jsonLines(
  topics: readonly DocumentTopics[],
  sources: readonly (string | null)[],
): string[] {
  const n = sources.length;
  return sources.map((source, j) =>
    JSON.stringify({
      document: j,
      source,
      levels: topics.map((t) => ({
        level: t.level,
        strongest: (t.strongest[j] as number) < 0 ? null : t.strongest[j],
        shares: sharesOf(t, j, n),
      })),
    }),
  );
}

/**
 * A header and one row per document: `document,source`, then per level `L<l>_strongest` (empty
 * for a document with no weight) and one column `L<l>#<t>` per topic with its share.
 */
export function csvLines(
  topics: readonly DocumentTopics[],
  sources: readonly (string | null)[],
): string[] {
  const n = sources.length;
  const header = ["document", "source"];
  for (const t of topics) {
    header.push(`L${t.level}_strongest`);
    for (let k = 0; k < t.topics; k++) header.push(`L${t.level}#${k}`);
  }
  const rows = sources.map((source, j) => {
    const cells = [String(j), source === null ? "" : csvField(source)];
    for (const t of topics) {
      const strongest = t.strongest[j] as number;
      cells.push(strongest < 0 ? "" : String(strongest));
      for (const share of sharesOf(t, j, n)) cells.push(String(share));
    }
    return cells.join(",");
  });
  return [header.join(","), ...rows];
}

function sharesOf(t: DocumentTopics, j: number, n: number): number[] {
  return Array.from({ length: t.topics }, (_, k) => t.shares[k * n + j] as number);
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
