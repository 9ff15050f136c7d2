import type { Loss } from "@neural-nmf/losses";
import { matmul, sub, sumSquares, Tensor, ValueError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { NeuralNMF, syntheticHierarchy } from "../src/index.js";

const data = syntheticHierarchy({ seed: 3 });
const X = data.X;
const n = X.cols;
const known = Array.from({ length: n }, (_, j) => j).filter((j) => j % 5 !== 0);
const unknown = Array.from({ length: n }, (_, j) => j).filter((j) => j % 5 === 0);
const [labels9, labels4, labels2] = data.labels as [Int32Array, Int32Array, Int32Array];

describe("supervision of any level", () => {
  it("trains one classifier per supervised level, each predicting its own labels", () => {
    const model = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
    const history = model.fit(X, {
      supervision: [
        { labels: labels9, known, level: 1 },
        { labels: labels2, known }, // the top level
      ],
      maxEpochs: 200,
    });
    expect(model.supervisedLevels).toEqual([1, 3]);
    expect(model.classifierOf(1)?.shape).toEqual([9, 9]);
    expect(model.classifierOf(2)).toBeNull();
    expect(model.classifier).toBe(model.classifierOf(3));
    expect(Object.keys(history.epochs.at(-1)!.terms)).toEqual(
      expect.arrayContaining(["classificationL2[1]", "classificationL2[3]"]),
    );
    expect(Object.keys(history.classificationWeights ?? {})).toEqual(["1", "3"]);
    for (const [level, truth] of [
      [1, labels9],
      [3, labels2],
    ] as const) {
      expect(model.accuracy(X, truth, { level, method: "classifier", scoreOn: unknown })).toBe(1);
    }
    expect(() => model.predict(X, { level: 2 })).toThrow(/no classifier/);
    // Saved and restored with every classifier.
    const copy = NeuralNMF.fromJSON(JSON.stringify(model.toJSON()));
    expect(Array.from(copy.predict(X, { level: 1 }))).toEqual(
      Array.from(model.predict(X, { level: 1 })),
    );
  });

  it("refuses a level out of range or supervised twice", () => {
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    expect(() => model.fit(X, { supervision: { labels: labels4, level: 3 } })).toThrow(ValueError);
    expect(() =>
      model.fit(X, { supervision: [{ labels: labels4 }, { labels: labels4, level: 2 }] }),
    ).toThrow(/supervised twice/);
    expect(() => model.fit(X, { supervision: [] })).toThrow(ValueError);
  });
});

describe("the classification weight", () => {
  it("scales with the data, so scaled data gives the same classifier predictions", () => {
    const fits = [1, 1e3].map((c) => {
      const scaled = new Tensor(
        X.data.map((v) => v * c),
        X.shape,
      );
      const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
      const h = model.fit(scaled, { supervision: { labels: labels4, known }, maxEpochs: 50 });
      return { model, scaled, weight: h.classificationWeights?.[2] as number };
    });
    const [a, b] = fits as [(typeof fits)[0], (typeof fits)[0]];
    expect(b.weight / a.weight).toBeCloseTo(1e6, 3);
    expect(Array.from(b.model.predict(b.scaled))).toEqual(Array.from(a.model.predict(a.scaled)));
  });

  it('"auto" chooses from the known labels only, reproducibly', () => {
    const fit = (unknownLabels: number) => {
      const noisy = Array.from(labels4);
      for (const j of unknown) noisy[j] = unknownLabels;
      const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
      const h = model.fit(X, {
        supervision: { labels: noisy, known, classes: 4 },
        classificationWeight: "auto",
        maxEpochs: 30,
      });
      return { weight: h.classificationWeights?.[2] as number, model };
    };
    const a = fit(0);
    const b = fit(3); // different labels on the unknown columns: nothing may change
    expect(b.weight).toBe(a.weight);
    expect(Array.from(b.model.predict(X))).toEqual(Array.from(a.model.predict(X)));
    const defaultModel = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    const d = defaultModel.fit(X, { supervision: { labels: labels4, known }, maxEpochs: 1 });
    const ratio = a.weight / (d.classificationWeights?.[2] as number);
    expect([0.1, 1, 10, 100].some((f) => Math.abs(ratio / f - 1) < 1e-9)).toBe(true);
  });
});

describe("a custom loss with supervision", () => {
  // A user's loss: the top level's reconstruction, written by hand on the tensor API.
  const penalised: Loss = {
    name: "myReconstruction",
    compute: ({ X: x, A, S }) => sumSquares(sub(x as Tensor, matmul(matmul(A[0]!, A[1]!), S[1]!))),
  };

  it("gets the classification term added (and reported), so the labels are not ignored", () => {
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    const h = model.fit(X, { loss: penalised, supervision: { labels: labels4 }, maxEpochs: 60 });
    expect(Object.keys(h.epochs.at(-1)!.terms)).toContain("classificationL2[2]");
    expect(model.accuracy(X, labels4, { method: "classifier" })).toBeGreaterThan(0.9);
  });

  it("is used as it is when it declares that it trains the classifier", () => {
    const own: Loss = { ...penalised, name: "own", needs: { classifier: true } };
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    const h = model.fit(X, { loss: own, supervision: { labels: labels4 }, maxEpochs: 5 });
    expect(Object.keys(h.epochs.at(-1)!.terms)).toEqual(["own"]);
  });
});

describe("document topics", () => {
  it("gives each document's topic shares and strongest topic, and representative documents", () => {
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1, threads: 1 });
    model.fit(X, { maxEpochs: 100 });
    const levels = model.documentTopics(X);
    expect(levels.map((l) => l.level)).toEqual([1, 2]);
    const top = levels[1]!;
    for (let j = 0; j < n; j++) {
      let total = 0;
      let best = -1;
      for (let t = 0; t < 4; t++) {
        total += top.shares[t * n + j]!;
        if (best < 0 || top.shares[t * n + j]! > top.shares[best * n + j]!) best = t;
      }
      expect(total).toBeCloseTo(1, 12);
      expect(top.strongest[j]).toBe(best);
    }
    const reps = model.representativeDocuments(X, 2, 3);
    expect(reps).toHaveLength(4);
    for (const [t, docs] of reps.entries()) {
      expect(docs).toHaveLength(3);
      // Each topic's representatives are documents of that topic, by decreasing share.
      for (const d of docs) expect(top.strongest[d.document]).toBe(t);
      expect(docs[0]!.share).toBeGreaterThanOrEqual(docs[2]!.share);
      // The planted class of a topic's representatives agrees.
      expect(new Set(docs.map((d) => labels4[d.document])).size).toBe(1);
    }
    expect(() => model.representativeDocuments(X, 3)).toThrow(ValueError);
    expect(() => model.representativeDocuments(X, 1, 0)).toThrow(ValueError);
  });
});
