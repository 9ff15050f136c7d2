import { TextVectorizer } from "@neural-nmf/text";
import { NeuralNMF, syntheticHierarchy } from "neural-nmf";

export function main() {
  const { X } = syntheticHierarchy({ seed: 1 });
  const model = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
  model.fit(X, { maxEpochs: 200 });

  // A model is plain, versioned JSON: write it anywhere (a file, localStorage, a database).
  const text = JSON.stringify(model);
  const restored = NeuralNMF.fromJSON(text);
  const same = restored.relativeError(X).every((e, l) => e === model.relativeError(X)[l]);

  // A text model also needs its vectoriser, which serialises the same way.
  const vectorizer = new TextVectorizer({ stopWords: "english" });
  vectorizer.fit(["first document about cats", "second document about dogs"]);
  const vectorizerCopy = TextVectorizer.fromJSON(JSON.stringify(vectorizer));
  const column = vectorizerCopy.transform(["a new document about cats"]).matrix;

  console.log(text.length, same, column.shape);
  return { bytes: text.length, same, restored, vocabulary: vectorizerCopy.vocabulary, column };
}
