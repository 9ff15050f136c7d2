import type { HierarchyLevel, NeuralNMF, WordWeight } from "neural-nmf";
import { type CommandSpec, formatHelp, OptionReader, parseCommand } from "../args.js";
import { type ErrorContext, withErrorContext } from "../errors.js";
import type { CliIo } from "../io/cli-io.js";
import { readVocabularyFile } from "../io/labels.js";
import { readModelFile } from "../io/model-file.js";

/** Arguments, options and help of `neural-nmf topics`. */
export const topicsSpec: CommandSpec = {
  name: "topics",
  brief: "print the topic tree of a saved model with each topic's top words",
  summary:
    "Print the topic tree of a saved model: every topic's top words, each coarse topic above the finer topics it is made of, with their share of its weight.",
  positionals: [{ name: "model.json", help: "a model saved by 'neural-nmf fit --out'" }],
  options: {
    top: { type: "string", value: "N", help: "words per topic (default 8)" },
    vocab: {
      type: "string",
      value: "FILE",
      help: "the word of each input row, one per line (default: the saved vocabulary, else row numbers)",
    },
    json: { type: "boolean", help: "print the topics and the tree as one JSON object" },
  },
  notes: [
    "Topics are named L<level>#<index> with 0-based indices (level 1 is the finest). Each finer topic is shown under the coarser topic that uses it most; the percentage is its share of that topic's weight.",
  ],
  examples: [
    "neural-nmf topics model.json",
    "neural-nmf topics model.json --top 12 --vocab words.txt",
  ],
};

/** The checked arguments of `neural-nmf topics`. */
export interface TopicsArgs {
  readonly model: string;
  readonly top: number;
  readonly vocab?: string;
  readonly json: boolean;
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
  return {
    model: parsed.positionals[0] as string,
    top: o.integer("top", 1) ?? 8,
    ...(vocab === undefined ? {} : { vocab }),
    json: o.flag("json"),
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
    input: args.model,
  };
  return withErrorContext(context, () => printTopics(args, io));
}

function printTopics(args: TopicsArgs, io: CliIo): number {
  const loaded = readModelFile(args.model);
  const model = loaded.model;
  const rows = (model.layers[0] as { rows: number }).rows;
  let source: string;
  let vocabulary: string[];
  if (args.vocab !== undefined) {
    vocabulary = readVocabularyFile(args.vocab, rows);
    source = `words from ${args.vocab}`;
  } else if (loaded.vocabulary !== null) {
    vocabulary = loaded.vocabulary;
    source = "saved vocabulary";
  } else {
    vocabulary = Array.from({ length: rows }, (_, i) => `#${i}`);
    source = "no vocabulary: row numbers";
  }
  const words = model.ranks.map((_, l) => model.topWords(l + 1, vocabulary, args.top));
  const hierarchy = model.hierarchy();
  if (args.json) {
    io.stdout.write(`${topicsJson(model, words, hierarchy)}\n`);
  } else {
    const heading = `Topics of ${args.model}: ranks ${model.ranks.join(" → ")}, top ${args.top} words (${source})`;
    io.stdout.write(`${heading}\n\n${formatTopicTree(model.ranks, words, hierarchy)}`);
  }
  return 0;
}

/**
 * The topic tree as indented text. Roots are the top-level topics; below each topic are the
 * finer topics whose parent it is (from `hierarchy[l].parent`), heaviest share first, down to
 * level 1. A model with one level gives a flat list.
 *
 * @param words - `words[l][t]`: top words of topic t of level l + 1.
 */
export function formatTopicTree(
  ranks: readonly number[],
  words: readonly (readonly (readonly WordWeight[])[])[],
  hierarchy: readonly HierarchyLevel[],
): string {
  const L = ranks.length;
  const label = (level: number, topic: number) => `L${level}#${topic}`;
  const width = (level: number) => label(level, (ranks[level - 1] as number) - 1).length;
  const wordsOf = (level: number, topic: number) =>
    (words[level - 1]?.[topic] ?? []).map((w) => w.word).join(", ");
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
      `${prefix}${branch}${label(level, topic).padEnd(width(level))}  ${shareText}${wordsOf(level, topic)}`,
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

/** The `--json` output of `topics`. */
export function topicsJson(
  model: NeuralNMF,
  words: readonly (readonly (readonly WordWeight[])[])[],
  hierarchy: readonly HierarchyLevel[],
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
  });
}
