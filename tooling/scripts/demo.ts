// `pnpm demo`: the project's main job. Fits a three-level Neural NMF topic model to the Brown
// corpus (500 texts, 15 genres, 5 genre groups, 2 kinds of prose), prints the topic tree — each
// level's topics with their top words and which lower topics make up each higher one — and how
// well each level lines up with the genre labels.

import { TextVectorizer } from "@neural-nmf/text";
import {
  BROWN_GENRES,
  BROWN_GROUPS,
  BROWN_TOP_LEVELS,
  brownLabels,
  loadBrown,
} from "@neural-nmf/text/brown";
import { NeuralNMF } from "neural-nmf";

const t0 = performance.now();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
const docs = loadBrown();
const labels = brownLabels(docs);
const vectorizer = new TextVectorizer({
  stopWords: "english",
  minDf: 5,
  maxDf: { proportion: 0.5 },
  maxFeatures: 6000,
});
const { matrix: X, vocabulary } = vectorizer.fitTransform(docs.map((d) => d.text));
console.log(
  `Brown corpus: ${docs.length} texts, ${vocabulary.length} terms, ${X.nnz} nonzeros (tf-idf)  [${seconds()} s]`,
);

const ranks = [15, 5, 2];
const model = new NeuralNMF({ ranks, seed: 1 });
const history = model.fit(X, {
  maxEpochs: 200,
  timeBudgetMs: 40_000,
  onEpoch: (e) => {
    if (e.epoch % 50 === 0) console.log(`  epoch ${e.epoch}: loss ${e.loss.toFixed(3)}`);
    return undefined;
  },
});
console.log(
  `Trained ranks ${ranks.join(" → ")} in ${history.epochs.length} epochs (${history.stopReason})  [${seconds()} s]\n`,
);

const levels = ranks.length;
const top = ranks.map((_, l) => model.topWords(l + 1, vocabulary, 8));
const tree = model.hierarchy();
const s = model.transform(X);
const names = [BROWN_GENRES, BROWN_GROUPS, BROWN_TOP_LEVELS] as const;
const truth = [labels.genre, labels.group, labels.top];

/** The label most common among the documents whose strongest topic (at this level) is t. */
function dominantLabel(level: number, t: number): { name: string; share: number; docs: number } {
  const sl = s[level]!;
  const counts = new Map<number, number>();
  let total = 0;
  for (let j = 0; j < sl.cols; j++) {
    let best = 0;
    for (let i = 1; i < sl.rows; i++) if (sl.get(i, j) > sl.get(best, j)) best = i;
    if (best !== t) continue;
    total++;
    const c = truth[level]![j]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const [c, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [-1, 0];
  const list = names[level] as readonly { name: string }[];
  return {
    name: c >= 0 ? (list[c]?.name ?? String(c)) : "—",
    share: total ? n / total : 0,
    docs: total,
  };
}

/** Indices i whose parent is `t`. */
function childrenOf(parent: Int32Array, t: number): number[] {
  const out: number[] = [];
  parent.forEach((p, i) => {
    if (p === t) out.push(i);
  });
  return out;
}

const words = (level: number, t: number) => top[level]![t]!.map((w) => w.word).join(", ");
const label = (level: number, t: number) => {
  const d = dominantLabel(level, t);
  return d.docs === 0
    ? "(no documents)"
    : `${d.docs} texts, ${(100 * d.share).toFixed(0)}% ${d.name}`;
};
console.log(
  "Topic tree (top words; the texts each topic is strongest in, and their most common label)\n",
);
for (let t = 0; t < ranks[2]!; t++) {
  console.log(`■ level 3, topic ${t}: ${words(2, t)}\n    ${label(2, t)}`);
  const mid = childrenOf(tree[1]!.parent, t);
  for (const m of mid) {
    console.log(`  ├─ level 2, topic ${m}: ${words(1, m)}\n  │     ${label(1, m)}`);
    const fine = childrenOf(tree[0]!.parent, m);
    for (const f of fine)
      console.log(`  │   └─ level 1, topic ${f}: ${words(0, f)}  (${label(0, f)})`);
  }
  console.log("");
}

console.log(
  "How each level lines up with the labels (post-hoc least-squares classifier, fitted on half the texts, scored on the other half):",
);
const half = docs.map((_, j) => j).filter((j) => j % 2 === 0);
const rest = docs.map((_, j) => j).filter((j) => j % 2 === 1);
const labelNames = ["15 genres", "5 genre groups", "informative vs imaginative"];
for (let l = 0; l < levels; l++) {
  const acc = model.accuracy(X, truth[l]!, { level: l + 1, fitOn: half, scoreOn: rest });
  const chance =
    Math.max(
      ...Array.from(new Set(truth[l]!)).map((c) => truth[l]!.filter((v) => v === c).length),
    ) / truth[l]!.length;
  console.log(
    `  level ${l + 1} (${ranks[l]} topics) vs ${labelNames[l]!.padEnd(27)}: accuracy ${(100 * acc).toFixed(1)}%  (majority class ${(100 * chance).toFixed(1)}%)`,
  );
}
const rel = model.relativeError(X);
console.log(
  `\nRelative error per level: ${rel.map((v) => v.toFixed(3)).join(" / ")}   total time ${seconds()} s`,
);
