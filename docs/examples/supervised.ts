import { NeuralNMF, syntheticHierarchy } from "neural-nmf";

export function main() {
  const { X, labels } = syntheticHierarchy({ seed: 1 });
  const supertopic = labels[2]!; // 2 classes, one per column: what the top layer should separate
  const columns = Array.from({ length: X.cols }, (_, j) => j);

  // Supervised: every label is known; a classifier B is trained on the top layer S⁽³⁾.
  const supervised = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
  supervised.fit(X, { supervision: { labels: supertopic }, maxEpochs: 300 });
  const supervisedAccuracy = supervised.accuracy(X, supertopic, { method: "classifier" });

  // Semi-supervised: only 40 of the 90 labels are known; the others are scored.
  const known = columns.filter((j) => j % 9 < 4); // 40 columns
  const unknown = columns.filter((j) => j % 9 >= 4);
  const semi = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
  semi.fit(X, { supervision: { labels: supertopic, known }, maxEpochs: 300 });
  const semiAccuracy = semi.accuracy(X, supertopic, { method: "classifier", scoreOn: unknown });

  // The authors' post-hoc score at every level: a least-squares classifier on S⁽ˡ⁾,
  // fitted on the known columns and scored on the others.
  const posthoc = semi.ranks.map((_, l) =>
    semi.accuracy(X, labels[l]!, { level: l + 1, fitOn: known, scoreOn: unknown }),
  );
  console.log(supervisedAccuracy, semiAccuracy, posthoc, semi.predict(X).slice(0, 10));
  return { supervisedAccuracy, semiAccuracy, posthoc, errors: semi.relativeError(X) };
}
