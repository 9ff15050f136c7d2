import { hierarchicalCorpus } from "@neural-nmf/datasets";
import { NeuralNMF } from "neural-nmf";

export function main() {
  // 5 000 documents over 20 000 words, 4 groups × 5 subtopics planted (sparse, ~70 words each).
  const { X, subtopics, groups } = hierarchicalCorpus({ documents: 5000, seed: 1 });

  // Every core by default; `threads: 1` gives the same model, more slowly.
  const model = new NeuralNMF({ ranks: [20, 4], seed: 1 });
  const history = model.fit(X);

  const errors = model.relativeError(X); // one per level
  const level1 = model.accuracy(X, subtopics, { level: 1 }); // the 20 subtopics
  const level2 = model.accuracy(X, groups, { level: 2 }); // the 4 groups
  console.log(model.threadsUsed, history.epochs.length, errors, level1, level2);
  return { threads: model.threadsUsed, errors, level1, level2 };
}
