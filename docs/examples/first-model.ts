import { NeuralNMF, syntheticHierarchy } from "neural-nmf";

export function main() {
  // 87 words × 90 documents with 9 subtopics inside 4 topics inside 2 supertopics.
  const { X } = syntheticHierarchy({ seed: 1 });

  // Three NNLS layers of 9, 4 and 2 topics, trained end to end.
  const model = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
  const history = model.fit(X, { maxEpochs: 500 });

  const errors = model.relativeError(X); // per level; the SVD bounds are 0.0236, 0.2816, 0.4676
  const tree = model.hierarchy(); // which of the 9 topics form each of the 4, the 4 the 2
  console.log(errors, tree[0]?.parent, history.stopReason);
  return { errors, tree, history };
}
