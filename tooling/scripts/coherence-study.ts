// Topic coherence of Neural NMF against scikit-learn's flat NMF of the same rank, level by level,
// on the Brown corpus (NPMI over sliding windows of 10 tokens of the texts, as gensim's c_npmi)
// and on the 20 Newsgroups subsample (whose texts are not shipped: NPMI over document
// co-occurrence of the words each post holds, i.e. one window per document, and UMass).
// Neural NMF: the default fit (init "pretrain") over 5 seeds, and "pretrain-random" over the same
// seeds. scikit-learn: NMF(init nndsvda, random_state 0), run by coherence_sklearn.py in this run.
//
//   node --import tsx tooling/scripts/coherence-study.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBrown } from "@neural-nmf/datasets/brown/node";
import type { CscMatrix } from "@neural-nmf/tensor";
import { CoherenceCounts, formatMatrixMarket, TextVectorizer, tokenize } from "@neural-nmf/text";
import { type InitMethod, NeuralNMF } from "neural-nmf";
import { singleThreadEnv, writeResults } from "./lib/results.js";
import { hasSharedData, load20News } from "./lib/shared-data.js";

const SEEDS = [1, 2, 3, 4, 5];
const TOP = 10;

interface Corpus {
  name: string;
  X: CscMatrix;
  vocabulary: string[];
  tokens: string[][];
  ranks: number[];
  window: number;
  windowNote: string;
}

interface Row {
  method: string;
  npmi: number[][]; // per run, per level
  umass: number[][];
  relativeError: number[][];
}

function sklearnTopics(c: Corpus): Record<string, { topics: string[][]; relative_error: number }> {
  const dir = mkdtempSync(join(tmpdir(), "coherence-"));
  try {
    writeFileSync(join(dir, "X.mtx"), formatMatrixMarket(c.X));
    writeFileSync(join(dir, "vocab.txt"), `${c.vocabulary.join("\n")}\n`);
    const out = execFileSync(
      "python3",
      [
        new URL("./coherence_sklearn.py", import.meta.url).pathname,
        join(dir, "X.mtx"),
        join(dir, "vocab.txt"),
        c.ranks.join(","),
        String(TOP),
      ],
      { env: singleThreadEnv, encoding: "utf8", maxBuffer: 1 << 26 },
    );
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function study(c: Corpus) {
  const runs: { method: string; topics: string[][][]; rel: number[] }[] = [];
  for (const init of ["pretrain", "pretrain-random"] as InitMethod[]) {
    for (const seed of SEEDS) {
      const model = new NeuralNMF({ ranks: c.ranks, seed, init });
      model.fit(c.X);
      runs.push({
        method: `Neural NMF (${init})`,
        topics: c.ranks.map((_, l) =>
          model.topWords(l + 1, c.vocabulary, TOP).map((t) => t.map((w) => w.word)),
        ),
        rel: model.relativeError(c.X),
      });
    }
  }
  const sk = sklearnTopics(c);
  runs.push({
    method: "scikit-learn NMF (flat, same rank)",
    topics: c.ranks.map((k) => sk[String(k)]?.topics ?? []),
    rel: c.ranks.map((k) => sk[String(k)]?.relative_error ?? Number.NaN),
  });
  const counts = new CoherenceCounts(c.tokens, new Set(runs.flatMap((r) => r.topics.flat(2))), {
    window: c.window,
  });
  const rows = new Map<string, Row>();
  for (const r of runs) {
    const row = rows.get(r.method) ?? { method: r.method, npmi: [], umass: [], relativeError: [] };
    row.npmi.push(r.topics.map((t) => counts.score(t, { measure: "npmi", topN: TOP }).mean));
    row.umass.push(r.topics.map((t) => counts.score(t, { measure: "umass", topN: TOP }).mean));
    row.relativeError.push(r.rel);
    rows.set(r.method, row);
  }
  return [...rows.values()];
}

const stats = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
  return { mean: m, sd };
};
const fmt = (v: number[]) => {
  const { mean, sd } = stats(v);
  return v.length > 1 ? `${mean.toFixed(3)} ± ${sd.toFixed(3)}` : mean.toFixed(3);
};

function print(c: Corpus, rows: Row[]) {
  console.log(
    `\n${c.name}: ranks ${c.ranks.join(" → ")}, top ${TOP} words, ${c.windowNote}; Neural NMF over seeds ${SEEDS.join(", ")}`,
  );
  const head = c.ranks.map((k) => `NPMI k=${k}`.padEnd(16)).join(" | ");
  const headU = c.ranks.map((k) => `UMass k=${k}`.padEnd(16)).join(" | ");
  const headR = c.ranks.map((k) => `rel.err k=${k}`.padEnd(16)).join(" | ");
  console.log(`${"method".padEnd(36)} | ${head} | ${headU} | ${headR}`);
  for (const r of rows) {
    const col = (m: number[][]) =>
      c.ranks.map((_, l) => fmt(m.map((run) => run[l] as number)).padEnd(16)).join(" | ");
    console.log(
      `${r.method.padEnd(36)} | ${col(r.npmi)} | ${col(r.umass)} | ${col(r.relativeError)}`,
    );
  }
}

const corpora: Corpus[] = [];
{
  const docs = loadBrown();
  const v = new TextVectorizer({
    stopWords: "english",
    minDf: 5,
    maxDf: { proportion: 0.5 },
    maxFeatures: 6000,
  });
  const { matrix, vocabulary } = v.fitTransform(docs.map((d) => d.text));
  corpora.push({
    name: "Brown corpus (6 000 terms × 500 texts, tf-idf as in the demo)",
    X: matrix,
    vocabulary: [...vocabulary],
    tokens: docs.map((d) => tokenize(d.text)),
    ranks: [15, 5, 2],
    window: 10,
    windowNote: "NPMI over sliding windows of 10 tokens",
  });
}
if (hasSharedData()) {
  const ng = load20News();
  // The posts' texts are not shipped: each post is the set of words it holds.
  const tokens: string[][] = [];
  let longest = 2;
  for (let j = 0; j < ng.X.cols; j++) {
    const words: string[] = [];
    for (let p = ng.X.colPtr[j] as number; p < (ng.X.colPtr[j + 1] as number); p++) {
      words.push(ng.vocabulary[ng.X.rowIndices[p] as number] as string);
    }
    longest = Math.max(longest, words.length);
    tokens.push(words);
  }
  corpora.push({
    name: "20 Newsgroups subsample (37 693 × 200 tf-idf)",
    X: ng.X,
    vocabulary: ng.vocabulary,
    tokens,
    ranks: [10, 6],
    window: longest,
    windowNote: "NPMI over document co-occurrence (texts not shipped; one window per post)",
  });
} else {
  console.log("coherence-study: ../shared/data is absent; the 20 Newsgroups part is skipped");
}

const results: Record<string, Row[]> = {};
for (const c of corpora) {
  const rows = study(c);
  print(c, rows);
  results[c.name] = rows;
}
console.log(`\nwrote ${writeResults("coherence", results)}`);
