// Draws the topic tree of the Brown corpus for the docs site (`node --import tsx
// tooling/scripts/brown-tree.ts`, after `pnpm build`): the model of `pnpm demo` (15 → 5 → 2
// topics, seed 1, its vectoriser settings), each topic's coherence in the texts, and its
// representative texts. Writes docs/public/results/brown-tree.json (the tree's data, rendered by
// the topic-tree page with the same renderer) and brown-tree.svg (the drawing it shows).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  COHERENCE_TOP_N,
  coherenceOf,
  demoVectorizerOptions,
  readableBrown,
  treeCoherence,
} from "@neural-nmf/cli";
import { loadBrown } from "@neural-nmf/datasets/brown/node";
import { TextVectorizer } from "@neural-nmf/text";
import { NeuralNMF, topicTreeOf, topicTreeSvg } from "neural-nmf";
import { writeResults } from "./lib/results.js";
import { repoRoot } from "./lib/shared-data.js";

const RANKS = [15, 5, 2];
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

const docs = loadBrown();
const texts = docs.map((d) => d.text);
const vectorizer = new TextVectorizer(demoVectorizerOptions(docs.length));
const { matrix: x, vocabulary } = vectorizer.fitTransform(texts);
const model = new NeuralNMF({ ranks: RANKS, seed: 1 });
const history = model.fit(x, { maxEpochs: 200, timeBudgetMs: 40_000 });
console.log(
  `brown-tree: ${docs.length} texts, ${vocabulary.length} terms; ${history.epochs.length} epochs (${history.stopReason})  [${seconds()} s]`,
);

const words = RANKS.map((_, l) =>
  model.topWords(l + 1, vocabulary, COHERENCE_TOP_N).map((topic) => topic.map((w) => w.word)),
);
const coherence = coherenceOf(
  words,
  texts.map((t) => vectorizer.tokenize(t)),
);
const tree = topicTreeOf(model, {
  vocabulary,
  data: x,
  documents: docs.map((d) => ({ title: `${d.id} · ${d.genreName}`, text: readableBrown(d.text) })),
  coherence: treeCoherence(coherence),
  title: `Brown corpus: ${RANKS.join(" → ")} topics of ${docs.length} texts`,
});

const json = writeResults("brown-tree", tree);
const dir = join(repoRoot, "docs", "public", "results");
writeFileSync(join(dir, "brown-tree.svg"), topicTreeSvg(tree));
for (const level of coherence.levels) {
  console.log(
    `level ${level.level}: mean NPMI ${level.meanNpmi?.toFixed(3)}, mean UMass ${level.meanUmass?.toFixed(3)}`,
  );
}
console.log(`brown-tree: wrote ${json} and brown-tree.svg  [${seconds()} s]`);
