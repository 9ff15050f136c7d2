import { CoherenceCounts, TextVectorizer } from "@neural-nmf/text";
import { NeuralNMF, topicTreeHtml, topicTreeOf, topicTreeSvg } from "neural-nmf";
import { SAMPLE_CORPUS } from "./corpus.ts";

export function main() {
  const vectorizer = new TextVectorizer({ stopWords: "english", minDf: 2 });
  const { matrix, vocabulary } = vectorizer.fitTransform(SAMPLE_CORPUS);
  const model = new NeuralNMF({ ranks: [4, 2], seed: 1 });
  model.fit(matrix, { maxEpochs: 300 });

  // Optional: each topic's NPMI coherence in the documents, tokenised as the vectoriser does.
  const words = model.ranks.map((_, l) =>
    model.topWords(l + 1, vocabulary, 10).map((topic) => topic.map((w) => w.word)),
  );
  const counts = new CoherenceCounts(
    SAMPLE_CORPUS.map((text) => vectorizer.tokenize(text)),
    words.flat(2),
  );
  const coherence = words.map((level) =>
    counts.score(level, { topN: 10 }).perTopic.map((npmi) => ({ npmi })),
  );

  // The tree's data: plain JSON, per level every topic with its words, its size (share of the
  // documents whose strongest topic it is), its parent and its representative documents.
  const tree = topicTreeOf(model, {
    vocabulary,
    data: matrix,
    documents: SAMPLE_CORPUS.map((text, j) => ({ title: `document ${j + 1}`, text })),
    coherence,
    title: "Sport and home",
  });

  // Two renderings of it: pure string functions, in Node or in a browser.
  const html = topicTreeHtml(tree); // a self-contained interactive page
  const svg = topicTreeSvg(tree); // a static drawing
  console.log(tree.levels.map((l) => l.topics.map((t) => `${t.id} ${t.words[0]?.word}`)));
  return { tree, html, svg };
}
