import { TextVectorizer } from "@neural-nmf/text";
import { NeuralNMF } from "neural-nmf";
import { SAMPLE_CORPUS, SAMPLE_THEMES, SAMPLE_TOPICS } from "./corpus.ts";

export function main() {
  // tf-idf, words × documents, sparse: one column per document.
  const vectorizer = new TextVectorizer({ stopWords: "english", minDf: 2 });
  const { matrix, vocabulary } = vectorizer.fitTransform(SAMPLE_CORPUS);

  // Four topics inside two themes.
  const model = new NeuralNMF({ ranks: [4, 2], seed: 1 });
  model.fit(matrix, { maxEpochs: 300 });

  const topics = model.topWords(1, vocabulary, 5); // 5 top words of each of the 4 topics
  const themes = model.topWords(2, vocabulary, 5);
  const [level2] = model.hierarchy(); // parent theme of each topic
  for (const [t, words] of topics.entries()) {
    const theme = level2!.parent[t];
    console.log(`theme ${theme} ⊃ topic ${t}:`, words.map((w) => w.word).join(", "));
  }

  // How well do the levels match the planted labels? (post-hoc least-squares classifier)
  const topicAccuracy = model.accuracy(matrix, SAMPLE_TOPICS, { level: 1 });
  const themeAccuracy = model.accuracy(matrix, SAMPLE_THEMES, { level: 2 });
  return { vocabulary, topics, themes, parent: level2!.parent, topicAccuracy, themeAccuracy };
}
