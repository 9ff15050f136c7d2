import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  BROWN_GENRES,
  BROWN_GROUPS,
  BROWN_TOP_LEVELS,
  type BrownGenreLetter,
  brownLabels,
  loadBrown,
} from "@neural-nmf/datasets/brown/node";
import { TextVectorizer, type TextVectorizerOptions } from "@neural-nmf/text";
import { documentTopicsOf, NeuralNMF, topicTreeHtml, topicTreeOf } from "neural-nmf";
import { type CommandSpec, formatHelp, OptionReader, parseCommand } from "../args.js";
import { COHERENCE_TOP_N, coherenceOf, formatCoherence, treeCoherence } from "../coherence.js";
import { type ErrorContext, UsageError, withErrorContext } from "../errors.js";
import type { CliIo } from "../io/cli-io.js";
import { checkOutputFile, writeTextFileAtomic } from "../io/files.js";
import { documentProgress, withTaskProgress } from "../progress.js";
import { checkRanksFitData, flagValues } from "./fit.js";
import { formatTopicTree } from "./topics.js";

/** Where the demo writes its topic tree without `--html`: in the current folder. */
export const DEMO_TREE_FILE = "neural-nmf-demo-tree.html";

/** Arguments, options and help of `neural-nmf demo`. */
export const demoSpec: CommandSpec = {
  name: "demo",
  brief: "fit a three-level topic model to the Brown corpus and print its topic tree",
  summary:
    "Fit a Neural NMF topic model to the Brown corpus (500 texts in 15 genres, 5 genre groups and 2 kinds of prose), print the topic tree with each topic's top words, and show how well each level lines up with the genre labels.",
  positionals: [],
  options: {
    ranks: { type: "string", value: "K1,K2,...", help: "topics per level (default 15,5,2)" },
    genres: {
      type: "string",
      value: "LETTERS",
      help: "only these genres, e.g. A,J,K (default: all 15)",
    },
    epochs: { type: "string", value: "N", help: "most training epochs (default 200)" },
    seed: { type: "string", value: "N", help: "random seed (default 1)" },
    top: { type: "string", value: "N", help: "words per topic (default 8)" },
    html: {
      type: "string",
      value: "FILE",
      help: `write the interactive topic tree here (default ${DEMO_TREE_FILE} in the current folder, replaced on every run); not over an existing file without --force`,
    },
    force: { type: "boolean", short: "f", help: "let --html replace an existing file" },
  },
  notes: [
    "Texts are vectorised with tf-idf (English stop words, terms in at least 5 texts and at most half of them).",
    "Coherence: NPMI of each topic's top 10 words in sliding windows of 10 words over the texts (in [-1, 1], higher is more coherent), as gensim computes it.",
  ],
  examples: [
    "neural-nmf demo",
    "neural-nmf demo --genres A,B,J,K,L --ranks 5,2",
    "neural-nmf demo --html brown-tree.html --force",
  ],
};

/**
 * The demo's vectoriser settings for `documentCount` texts: tf-idf without English stop words,
 * terms in at least 5 texts (2 for fewer than 100) and at most half of them, the 6000 commonest.
 * Shared with the script that draws the Brown tree of the docs site, so both show one model.
 */
export function demoVectorizerOptions(documentCount: number): TextVectorizerOptions {
  return {
    stopWords: "english",
    minDf: documentCount >= 100 ? 5 : 2,
    maxDf: { proportion: 0.5 },
    maxFeatures: 6000,
  };
}

/** The checked arguments of `neural-nmf demo`. */
export interface DemoArgs {
  readonly ranks: number[];
  readonly epochs: number;
  readonly seed: number;
  readonly top: number;
  /** Genre letters (upper case), or undefined for all 15. */
  readonly genres?: BrownGenreLetter[];
  /** Where to write the topic tree's HTML page. */
  readonly html: string;
  /**
   * Whether an existing file may be replaced: `--force`, or the default file, which is the
   * demo's own and rewritten on every run.
   */
  readonly replace: boolean;
}

/**
 * Parses and checks the arguments of `neural-nmf demo`.
 * @returns `"help"` for `--help`.
 * @throws {@link UsageError}
 */
export function parseDemoArgs(argv: readonly string[]): DemoArgs | "help" {
  const parsed = parseCommand(demoSpec, argv);
  if (parsed.help) return "help";
  const o = new OptionReader("demo", parsed.values);
  const ranks = o.ranks("ranks") ?? [15, 5, 2];
  const epochs = o.integer("epochs", 0) ?? 200;
  const seed = o.integer("seed", 0) ?? 1;
  const top = o.integer("top", 1) ?? 8;
  const genreList = o.string("genres");
  const genres = genreList?.split(",").map((g) => g.trim().toUpperCase()) as
    | BrownGenreLetter[]
    | undefined;
  if (genres?.some((g) => !BROWN_GENRES.some((b) => b.letter === g))) {
    throw new UsageError(
      `demo: --genres must list Brown genre letters (${BROWN_GENRES.map((g) => g.letter).join(",")}), got '${genreList}'`,
      "demo",
    );
  }
  const html = o.string("html");
  const force = o.flag("force");
  if (force && html === undefined) o.fail("force", "applies to --html only: add --html FILE");
  return {
    ranks,
    epochs,
    seed,
    top,
    ...(genres === undefined ? {} : { genres }),
    html: html ?? DEMO_TREE_FILE,
    replace: html === undefined || force,
  };
}

/** Runs `neural-nmf demo`. @returns the exit code. */
export function runDemo(argv: readonly string[], io: CliIo): number {
  const args = parseDemoArgs(argv);
  if (args === "help") {
    io.stdout.write(formatHelp(demoSpec));
    return 0;
  }
  const context: ErrorContext = {
    command: "demo",
    options: Object.keys(demoSpec.options),
    input: "the Brown corpus",
    flags: flagValues(demoSpec, argv),
  };
  return withErrorContext(context, () => demo(args, io));
}

function demo(args: DemoArgs, io: CliIo): number {
  const { ranks, epochs, seed, top, genres } = args;
  // The tree's file and the model's options (ranks, seed) are checked before the corpus is read.
  checkOutputFile(args.html, "HTML page", {
    command: "demo",
    option: "--html",
    reads: [],
    force: args.replace,
  });
  const model = new NeuralNMF({ ranks, seed });
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const out = (line = "") => io.stdout.write(`${line}\n`);

  const docs = loadBrown(genres ? { genres } : {});
  const labels = brownLabels(docs);
  const vectorizer = new TextVectorizer(demoVectorizerOptions(docs.length));
  const texts = docs.map((d) => d.text);
  const { matrix: X, vocabulary } = withTaskProgress(
    { stream: io.stderr, label: "Vectorising" },
    (progress) => vectorizer.fitTransform(texts, { onProgress: documentProgress(progress) }),
  );
  out(
    `Brown corpus: ${docs.length} texts, ${vocabulary.length} terms, ${X.nnz} nonzeros (tf-idf)  [${elapsed()}]`,
  );

  checkRanksFitData("demo", ranks, X);
  io.stderr.write(`Training ranks ${ranks.join(" → ")}...\n`);
  const history = model.fit(X, { maxEpochs: epochs, timeBudgetMs: 40_000 });
  out(
    `Trained ranks ${ranks.join(" → ")}: ${history.epochs.length} epochs (${history.stopReason})  [${elapsed()}]`,
  );
  out();

  const words = ranks.map((_, l) => model.topWords(l + 1, vocabulary, top));
  // Coherence of each topic's top words in the texts, tokenised as the vectoriser does.
  const topicWords = ranks.map((_, l) =>
    model
      .topWords(l + 1, vocabulary, Math.max(top, COHERENCE_TOP_N))
      .map((topic) => topic.map((w) => w.word)),
  );
  const coherence = coherenceOf(
    topicWords,
    texts.map((t) => vectorizer.tokenize(t)),
  );
  out(
    `Topic tree: each coarse topic above the finer topics it is made of (share of its weight), with its NPMI coherence (top ${COHERENCE_TOP_N} words, windows of 10 words) and top words`,
  );
  out();
  const npmi = coherence.levels.map((l) => l.npmi);
  out(formatTopicTree(ranks, words, model.hierarchy(), { npmi }).trimEnd());
  out();
  out(
    `Mean NPMI per level: ${coherence.levels
      .map((l) => `level ${l.level} ${formatCoherence(l.meanNpmi)}`)
      .join(", ")}  [${elapsed()}]`,
  );
  out();

  // Which label each topic stands for: the commonest label among the texts it is strongest in.
  const truth = [labels.genre, labels.group, labels.top];
  const names = [
    BROWN_GENRES.map((g) => g.name),
    BROWN_GROUPS.map((g) => g.name),
    BROWN_TOP_LEVELS.map((t) => t.name),
  ];
  const levelNames = ["genres", "genre groups", "kinds of prose"];
  // The top model level is compared with the top label level (kinds of prose), the one below it
  // with the genre groups, and so on down to the 15 genres.
  const labelLevelOf = (l: number) => Math.min(2, Math.max(0, l + 3 - ranks.length));
  const s = model.transform(X);
  out(
    "What each topic lines up with (texts in which it is the strongest topic, and their commonest label):",
  );
  ranks.forEach((k, l) => {
    const labelLevel = labelLevelOf(l);
    const lab = truth[labelLevel] as Int32Array;
    const nm = names[labelLevel] as string[];
    out(`  level ${l + 1} (${k} topics) vs ${levelNames[labelLevel]}:`);
    const sl = s[l]!;
    for (let t = 0; t < k; t++) {
      const counts = new Map<number, number>();
      let total = 0;
      for (let j = 0; j < sl.cols; j++) {
        let best = 0;
        for (let i = 1; i < sl.rows; i++) if (sl.get(i, j) > sl.get(best, j)) best = i;
        if (best !== t) continue;
        total++;
        counts.set(lab[j]!, (counts.get(lab[j]!) ?? 0) + 1);
      }
      const [c, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [-1, 0];
      const what =
        total === 0
          ? "no texts"
          : `${String(total).padStart(3)} texts, ${String(Math.round((100 * n) / total)).padStart(3)}% ${nm[c] ?? c}`;
      out(`    L${l + 1}#${t}`.padEnd(10) + what);
    }
  });
  out();
  out(
    "Accuracy of each level against the labels (least-squares classifier on the level's topic weights, fitted on half the texts, scored on the other half):",
  );
  const half = docs.map((_, j) => j).filter((j) => j % 2 === 0);
  const rest = docs.map((_, j) => j).filter((j) => j % 2 === 1);
  ranks.forEach((k, l) => {
    const labelLevel = labelLevelOf(l);
    const lab = truth[labelLevel] as Int32Array;
    const acc = model.accuracy(X, lab, { level: l + 1, fitOn: half, scoreOn: rest });
    const classes = new Set(lab).size;
    const majority =
      Math.max(...[...new Set(lab)].map((c) => lab.filter((v) => v === c).length)) / lab.length;
    out(
      `  level ${l + 1} (${String(k).padStart(2)} topics) vs ${classes} ${levelNames[labelLevel]}: ${(100 * acc).toFixed(1)}%   (always guessing the commonest: ${(100 * majority).toFixed(1)}%)`,
    );
  });
  out();
  out(
    `Relative error per level: ${model
      .relativeError(X)
      .map((v) => v.toFixed(3))
      .join(" / ")}`,
  );

  const tree = topicTreeOf(model, {
    vocabulary,
    documentTopics: s.map((sl, l) => documentTopicsOf(l + 1, sl)),
    documents: docs.map((d) => ({
      title: `${d.id} · ${d.genreName}`,
      text: readableBrown(d.text),
    })),
    coherence: treeCoherence(coherence),
    title: `Brown corpus: ${ranks.join(" → ")} topics of ${docs.length} texts`,
  });
  writeTextFileAtomic(args.html, topicTreeHtml(tree), "HTML page", { replace: args.replace });
  const path = resolve(args.html);
  out();
  out(`Topic tree written to ${path}  [total ${elapsed()}]`);
  out(`Open it in a browser: ${pathToFileURL(path).href}`);
  return 0;
}

/**
 * A Brown text as a reader expects it: the corpus writes quotation marks as two backquotes or
 * two apostrophes and separates punctuation from words.
 */
export function readableBrown(text: string): string {
  return text
    .replace(/``\s*/g, "\u201c")
    .replace(/\s*''/g, "\u201d")
    .replace(/\s+([.,;:!?)])/g, "$1")
    .replace(/\(\s+/g, "(");
}
