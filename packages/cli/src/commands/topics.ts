import {
  type DocumentTopics,
  type HierarchyLevel,
  type NeuralNMF,
  type TopicTree,
  topicTreeOf,
  type WordWeight,
} from "neural-nmf";
import { type CommandSpec, formatHelp, OptionReader, parseCommand } from "../args.js";
import {
  COHERENCE_TOP_N,
  type CoherenceReport,
  coherenceJson,
  coherenceOf,
  coherenceText,
  formatCoherence,
  treeCoherence,
} from "../coherence.js";
import { type ErrorContext, UsageError, withErrorContext } from "../errors.js";
import type { CliIo } from "../io/cli-io.js";
import type { ReadPath } from "../io/files.js";
import { readVocabularyFile } from "../io/labels.js";
import { type LoadedModel, readModelFile } from "../io/model-file.js";
import { canReadText, matrixForModel } from "../io/model-input.js";
import type { TextInput } from "../io/read-input.js";
import { readTextDocuments, tokenizeDocuments } from "../io/text-documents.js";
import { checkTreeOutputs, type TreeOutputs, writeTreeOutputs } from "../io/tree-files.js";
import type { TaskProgressOptions } from "../progress.js";

/** Arguments, options and help of `neural-nmf topics`. */
export const topicsSpec: CommandSpec = {
  name: "topics",
  brief: "print the topic tree of a saved model with each topic's top words",
  summary:
    "Print the topic tree of a saved model: every topic's top words, each coarse topic above the finer topics it is made of, with their share of its weight. With --documents, also each topic's coherence in those documents; with --html and --svg, also write the tree as an interactive page and as a drawing.",
  positionals: [{ name: "model.json", help: "a model saved by 'neural-nmf fit --out'" }],
  options: {
    top: { type: "string", value: "N", help: "words per topic (default 8)" },
    vocab: {
      type: "string",
      value: "FILE",
      help: "the word of each input row, one per line (default: the saved vocabulary, else row numbers)",
    },
    documents: {
      type: "string",
      value: "INPUT",
      help: "a folder of .txt files or a .jsonl file: report each topic's coherence (NPMI and UMass of its top 10 words) in these documents, and show the documents in the --html tree",
    },
    json: { type: "boolean", help: "print the topics and the tree as one JSON object" },
    html: {
      type: "string",
      value: "FILE",
      help: "write the tree as a self-contained interactive HTML page; never over a file the command reads, and not over an existing file without --force",
      group: "Output",
    },
    svg: {
      type: "string",
      value: "FILE",
      help: "write the tree as an SVG drawing (same rules as --html)",
      group: "Output",
    },
    force: {
      type: "boolean",
      short: "f",
      help: "let --html and --svg replace existing files (never one the command reads)",
      group: "Output",
    },
  },
  notes: [
    "Topics are named L<level>#<index> with 0-based indices (level 1 is the finest). Each finer topic is shown under the coarser topic that uses it most; the percentage is its share of that topic's weight.",
    "NPMI counts words in sliding windows of 10 words (in [-1, 1], higher is more coherent), UMass in whole documents (at most about 0, closer to 0 is more coherent), both as gensim computes them; a topic with fewer than two of its words in the documents is shown as – and left out of the level's mean. In the --html tree, a topic's size is the share of the --documents whose strongest topic it is (without --documents, its share of the weight in the training data), and its representative documents are listed (models fitted on text).",
  ],
  examples: [
    "neural-nmf topics model.json",
    "neural-nmf topics model.json --top 12 --vocab words.txt",
    "neural-nmf topics model.json --documents docs/ --html tree.html --svg tree.svg",
  ],
};

/** The checked arguments of `neural-nmf topics`. */
export interface TopicsArgs {
  readonly model: string;
  readonly top: number;
  readonly vocab?: string;
  /** Reference documents for coherence and the tree's examples (`--documents`). */
  readonly documents?: string;
  readonly json: boolean;
  /** Where to write the tree (`--html`, `--svg`, `--force`). */
  readonly outputs: TreeOutputs;
}

/**
 * Parses and checks the arguments of `neural-nmf topics`.
 * @returns `"help"` for `--help`.
 * @throws {@link UsageError}
 */
export function parseTopicsArgs(argv: readonly string[]): TopicsArgs | "help" {
  const parsed = parseCommand(topicsSpec, argv);
  if (parsed.help) return "help";
  const o = new OptionReader("topics", parsed.values);
  const vocab = o.string("vocab");
  const documents = o.string("documents");
  const html = o.string("html");
  const svg = o.string("svg");
  const force = o.flag("force");
  if (force && html === undefined && svg === undefined) {
    o.fail("force", "applies to --html and --svg only: add --html FILE or --svg FILE");
  }
  return {
    model: parsed.positionals[0] as string,
    top: o.integer("top", 1) ?? 8,
    ...(vocab === undefined ? {} : { vocab }),
    ...(documents === undefined ? {} : { documents }),
    json: o.flag("json"),
    outputs: {
      ...(html === undefined ? {} : { html }),
      ...(svg === undefined ? {} : { svg }),
      force,
    },
  };
}

/** Runs `neural-nmf topics`. @returns the exit code. */
export function runTopics(argv: readonly string[], io: CliIo): number {
  const args = parseTopicsArgs(argv);
  if (args === "help") {
    io.stdout.write(formatHelp(topicsSpec));
    return 0;
  }
  const context: ErrorContext = {
    command: "topics",
    options: Object.keys(topicsSpec.options),
    input: args.documents ?? args.model,
  };
  return withErrorContext(context, () => printTopics(args, io));
}

/** The words of the model's rows, and where they come from (for the heading). */
interface Words {
  readonly vocabulary: string[];
  readonly source: string;
  /** False for row numbers: nothing to measure coherence with. */
  readonly real: boolean;
}

function printTopics(args: TopicsArgs, io: CliIo): number {
  const reads: ReadPath[] = [{ path: args.model, what: "model file" }];
  if (args.vocab !== undefined) reads.push({ path: args.vocab, what: "vocabulary file" });
  if (args.documents !== undefined) reads.push({ path: args.documents, what: "documents input" });
  checkTreeOutputs("topics", args.outputs, reads);
  const loaded = readModelFile(args.model);
  const model = loaded.model;
  const { vocabulary, source, real } = wordsOf(args, loaded);
  const progress = (label: string): TaskProgressOptions => ({ stream: io.stderr, label });
  let text: TextInput | null = null;
  let coherence: CoherenceReport | null = null;
  if (args.documents !== undefined) {
    if (!real) {
      throw new UsageError(
        "topics: --documents needs the words of the model's rows, and the model has none; add --vocab FILE",
        "topics",
      );
    }
    text = readTextDocuments(
      args.documents,
      "topics",
      "--documents",
      progress(`Reading ${args.documents}`),
    );
    const top = Math.max(args.top, COHERENCE_TOP_N);
    const words = model.ranks.map((_, l) =>
      model.topWords(l + 1, vocabulary, top).map((topic) => topic.map((w) => w.word)),
    );
    coherence = coherenceOf(words, tokenizeDocuments(text.documents, loaded.vectorizer));
  }
  const words = model.ranks.map((_, l) => model.topWords(l + 1, vocabulary, args.top));
  const hierarchy = model.hierarchy();
  const written: string[] = [];
  if (args.outputs.html !== undefined || args.outputs.svg !== undefined) {
    const tree = treeOf(args, loaded, vocabulary, text, coherence, progress);
    written.push(...writeTreeOutputs(tree, args.outputs));
  }
  if (args.json) {
    const files = {
      ...(args.outputs.html === undefined ? {} : { html: args.outputs.html }),
      ...(args.outputs.svg === undefined ? {} : { svg: args.outputs.svg }),
    };
    io.stdout.write(`${topicsJson(model, words, hierarchy, coherence, files)}\n`);
    return 0;
  }
  const heading = `Topics of ${args.model}: ranks ${model.ranks.join(" → ")}, top ${args.top} words (${source})`;
  const npmi = coherence?.levels.map((l) => l.npmi);
  io.stdout.write(
    `${heading}\n\n${formatTopicTree(model.ranks, words, hierarchy, npmi === undefined ? {} : { npmi })}`,
  );
  if (coherence !== null) {
    io.stdout.write(`\n${coherenceText(coherence, `'${args.documents}'`)}`);
  }
  if (written.length > 0) io.stdout.write(`\n${written.join("\n")}\n`);
  return 0;
}

function wordsOf(args: TopicsArgs, loaded: LoadedModel): Words {
  const rows = (loaded.model.layers[0] as { rows: number }).rows;
  if (args.vocab !== undefined) {
    return {
      vocabulary: readVocabularyFile(args.vocab, rows),
      source: `words from ${args.vocab}`,
      real: true,
    };
  }
  if (loaded.vocabulary !== null) {
    return { vocabulary: loaded.vocabulary, source: "saved vocabulary", real: true };
  }
  return {
    vocabulary: Array.from({ length: rows }, (_, i) => `#${i}`),
    source: "no vocabulary: row numbers",
    real: false,
  };
}

/**
 * The tree to draw: sized and illustrated by the `--documents` when the model can read them
 * (fitted on text), else sized by the weights saved with the model.
 */
function treeOf(
  args: TopicsArgs,
  loaded: LoadedModel,
  vocabulary: readonly string[],
  text: TextInput | null,
  coherence: CoherenceReport | null,
  progress: (label: string) => TaskProgressOptions,
): TopicTree {
  const model = loaded.model;
  let documentTopics: DocumentTopics[] | undefined;
  if (text !== null && canReadText(loaded)) {
    const x = matrixForModel(
      text,
      loaded,
      { model: args.model, input: args.documents as string },
      progress("Vectorising"),
    );
    documentTopics = model.documentTopics(x);
  }
  return topicTreeOf(model, {
    vocabulary,
    title: `Topics of ${args.model}`,
    ...(documentTopics === undefined || text === null
      ? {}
      : {
          documentTopics,
          documents: text.documents.map((t, j) => ({ title: text.sources[j] as string, text: t })),
        }),
    ...(coherence === null ? {} : { coherence: treeCoherence(coherence) }),
  });
}

/** Options of {@link formatTopicTree}. */
export interface TopicTreeTextOptions {
  /** `npmi[l][t]`: NPMI of topic t of level l + 1 (null: not scored), shown before its words. */
  readonly npmi?: readonly (readonly (number | null)[])[];
}

/**
 * The topic tree as indented text. Roots are the top-level topics; below each topic are the
 * finer topics whose parent it is (from `hierarchy[l].parent`), heaviest share first, down to
 * level 1. A model with one level gives a flat list.
 *
 * @param words - `words[l][t]`: top words of topic t of level l + 1.
 * @param options - with `npmi`, each topic's coherence is shown before its words.
 */
export function formatTopicTree(
  ranks: readonly number[],
  words: readonly (readonly (readonly WordWeight[])[])[],
  hierarchy: readonly HierarchyLevel[],
  options: TopicTreeTextOptions = {},
): string {
  const L = ranks.length;
  const label = (level: number, topic: number) => `L${level}#${topic}`;
  const width = (level: number) => label(level, (ranks[level - 1] as number) - 1).length;
  const wordsOf = (level: number, topic: number) =>
    (words[level - 1]?.[topic] ?? []).map((w) => w.word).join(", ");
  const npmiOf = (level: number, topic: number) =>
    options.npmi === undefined
      ? ""
      : `NPMI ${formatCoherence(options.npmi[level - 1]?.[topic]).padStart(6)}  `;
  const lines: string[] = [];

  const visit = (
    level: number,
    topic: number,
    share: number | null,
    prefix: string,
    last: boolean | null,
  ) => {
    const branch = last === null ? "" : last ? "└─ " : "├─ ";
    const shareText = share === null ? "" : `${`${Math.round(share * 100)}%`.padStart(4)}  `;
    lines.push(
      `${prefix}${branch}${label(level, topic).padEnd(width(level))}  ${shareText}${npmiOf(level, topic)}${wordsOf(level, topic)}`,
    );
    if (level === 1) return;
    const h = hierarchy.find((x) => x.level === level);
    if (h === undefined) return;
    const composition = h.topics.find((t) => t.topic === topic)?.children ?? [];
    const shareOf = new Map(composition.map((c) => [c.topic, c.weight]));
    const children = Array.from(h.parent.entries())
      .filter(([, p]) => p === topic)
      .map(([child]) => child)
      .sort((a, b) => (shareOf.get(b) ?? 0) - (shareOf.get(a) ?? 0) || a - b);
    const childPrefix = last === null ? prefix : `${prefix}${last ? "   " : "│  "}`;
    children.forEach((child, i) => {
      visit(level - 1, child, shareOf.get(child) ?? 0, childPrefix, i === children.length - 1);
    });
  };

  for (let t = 0; t < (ranks[L - 1] as number); t++) {
    if (t > 0 && L > 1) lines.push("");
    visit(L, t, null, "", null);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The `--json` output of `topics`: ranks, top words per level, the hierarchy, and with
 * `--documents` the coherence, with `--html` / `--svg` the files written.
 */
export function topicsJson(
  model: NeuralNMF,
  words: readonly (readonly (readonly WordWeight[])[])[],
  hierarchy: readonly HierarchyLevel[],
  coherence: CoherenceReport | null = null,
  files: { readonly html?: string; readonly svg?: string } = {},
): string {
  return JSON.stringify({
    ranks: [...model.ranks],
    levels: words.map((level, l) => ({
      level: l + 1,
      topics: level.map((topic, t) => ({ topic: t, words: topic })),
    })),
    hierarchy: hierarchy.map((h) => ({
      level: h.level,
      topics: h.topics,
      parent: Array.from(h.parent),
    })),
    ...(coherence === null ? {} : { coherence: coherenceJson(coherence) }),
    ...files,
  });
}
