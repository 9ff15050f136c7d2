import { existsSync, readFileSync } from "node:fs";
import type { Loss } from "@neural-nmf/losses";
import {
  CscMatrix,
  mul,
  NonFiniteError,
  ShapeError,
  sumSquares,
  svd,
  type Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { parseMatrixMarket } from "@neural-nmf/text";
import { describe, expect, it } from "vitest";
import {
  fitHierarchicalNmf,
  NeuralNMF,
  NotFittedError,
  relativeErrorOf,
  stepDecay,
  syntheticHierarchy,
  TrainingError,
} from "../src/index.js";

const data = syntheticHierarchy({ seed: 3 });
const X = data.X;

/** Relative error of the best rank-k approximation (truncated SVD): the bound no model can beat. */
function svdBound(x: Tensor, k: number): number {
  const { s } = svd(x.data, x.rows, x.cols);
  const total = s.reduce((a, v) => a + v * v, 0);
  const kept = s.slice(0, k).reduce((a, v) => a + v * v, 0);
  return Math.sqrt(Math.max(0, total - kept) / total);
}

describe("syntheticHierarchy", () => {
  it("has the paper's shape, classes and block structure, reproducibly", () => {
    expect(X.shape).toEqual([87, 90]);
    expect(data.classes).toEqual([9, 4, 2]);
    expect(data.labels[0]!.length).toBe(90);
    const again = syntheticHierarchy({ seed: 3 });
    expect(Array.from(again.X.data)).toEqual(Array.from(X.data));
    expect(Array.from(syntheticHierarchy({ seed: 4 }).X.data)).not.toEqual(Array.from(X.data));
    // Row 0 belongs to subtopic 0 and column 0 too: value 4 + noise in [0, 0.15).
    expect(X.get(0, 0)).toBeGreaterThanOrEqual(4);
    expect(X.get(0, 0)).toBeLessThan(4.15);
    expect(Math.min(...X.data)).toBeGreaterThanOrEqual(0);
  });

  it("validates its options", () => {
    expect(() => syntheticHierarchy({ seed: 1, rowSizes: [1, 2], colSizes: [1] })).toThrow(
      ValueError,
    );
    expect(() => syntheticHierarchy({ seed: 1, noise: -1 })).toThrow(/noise/);
  });
});

describe("NeuralNMF unsupervised", () => {
  const bounds = [9, 4, 2].map((k) => svdBound(X, k));

  for (const ranks of [[9], [9, 4], [9, 4, 2]]) {
    it(`reaches within 1% of the SVD bound at the top of a ${ranks.length}-layer model`, () => {
      const model = new NeuralNMF({ ranks, seed: 1 });
      const history = model.fit(X, { maxEpochs: 300 });
      const rel = model.relativeError(X);
      const top = rel[ranks.length - 1]!;
      expect(top).toBeLessThanOrEqual(bounds[ranks.length - 1]! * 1.01);
      expect(history.epochs.length).toBeGreaterThan(0);
      const accuracy = model.accuracy(X, data.labels[ranks.length - 1]!, { level: ranks.length });
      expect(accuracy).toBe(1);
    });
  }

  it("is reproducible: same seed, same model", () => {
    const a = new NeuralNMF({ ranks: [9, 4], seed: 5, init: "random" });
    const b = new NeuralNMF({ ranks: [9, 4], seed: 5, init: "random" });
    a.fit(X, { maxEpochs: 30 });
    b.fit(X, { maxEpochs: 30 });
    expect(Array.from(a.layers[1]!.data)).toEqual(Array.from(b.layers[1]!.data));
  });

  it("keeps every A nonnegative whatever the optimiser", () => {
    for (const optimizer of ["spg", "adam", "pgd"] as const) {
      const model = new NeuralNMF({ ranks: [6, 3], seed: 2, init: "random" });
      const h = model.fit(X, {
        optimizer,
        learningRate: optimizer === "pgd" ? stepDecay(1e-5, 0.5, 50) : 0.01,
        maxEpochs: 60,
      });
      for (const a of model.layers) expect(Math.min(...a.data)).toBeGreaterThanOrEqual(0);
      expect(h.epochs.at(-1)!.loss).toBeLessThan(h.initialLoss);
    }
  });

  it("gives the same fit for sparse and dense input", () => {
    const sparse = CscMatrix.fromDense(X);
    const dense = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    const sp = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    dense.fit(X, { maxEpochs: 20 });
    sp.fit(sparse, { maxEpochs: 20 });
    const rd = dense.relativeError(X);
    const rs = sp.relativeError(sparse);
    rd.forEach((v, i) => {
      expect(Math.abs(v - rs[i]!)).toBeLessThan(1e-6);
    });
  });

  it("recovers the planted hierarchy: 9 subtopics → 4 topics → 2 supertopics", () => {
    const model = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
    model.fit(X, { maxEpochs: 200 });
    const s = model.transform(X);
    // Map each learned topic to the true class it represents (majority of its strongest columns).
    const topicClass = (level: number) => {
      const sl = s[level]!;
      const k = sl.rows;
      const votes = Array.from({ length: k }, () => new Map<number, number>());
      for (let j = 0; j < sl.cols; j++) {
        let best = 0;
        for (let i = 1; i < k; i++) if (sl.get(i, j) > sl.get(best, j)) best = i;
        const c = data.labels[level]![j]!;
        votes[best]!.set(c, (votes[best]!.get(c) ?? 0) + 1);
      }
      return votes.map((v) => [...v.entries()].sort((p, q) => q[1] - p[1])[0]?.[0] ?? -1);
    };
    const c0 = topicClass(0);
    const c1 = topicClass(1);
    const c2 = topicClass(2);
    expect(new Set(c0).size).toBe(9);
    const tree = model.hierarchy();
    expect(tree).toHaveLength(2);
    const parents = [
      [0, 0, 1, 1, 2, 2, 3, 3, 3],
      [0, 0, 1, 1],
    ];
    tree.forEach((level, l) => {
      const fine = l === 0 ? c0 : c1;
      const coarse = l === 0 ? c1 : c2;
      level.parent.forEach((p, i) => {
        expect(coarse[p]).toBe(parents[l]![fine[i]!]);
      });
      for (const t of level.topics) {
        const total = t.children.reduce((a, c) => a + c.weight, 0);
        expect(total).toBeCloseTo(1, 10);
      }
    });
  });

  it("lists top words per topic", () => {
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    model.fit(X, { maxEpochs: 10 });
    const vocab = Array.from({ length: 87 }, (_, i) => `w${i}`);
    const top = model.topWords(2, vocab, 5);
    expect(top).toHaveLength(4);
    expect(top[0]).toHaveLength(5);
    expect(top[0]![0]!.weight).toBeGreaterThanOrEqual(top[0]![4]!.weight);
    expect(() => model.topWords(3, vocab, 5)).toThrow(ValueError);
    expect(() => model.topWords(1, vocab.slice(1), 5)).toThrow(ShapeError);
  });
});

describe("NeuralNMF supervised and semi-supervised", () => {
  it("trains a classifier that labels every column right (supervised)", () => {
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    model.fit(X, { supervision: { labels: data.labels[1]! }, maxEpochs: 300 });
    expect(model.accuracy(X, data.labels[1]!, { method: "classifier" })).toBe(1);
    expect(model.accuracy(X, data.labels[1]!)).toBe(1);
    expect(model.predict(X)).toHaveLength(90);
  });

  it("labels the unlabelled columns (semi-supervised, 40 known) and ignores unknown labels", () => {
    const known = Array.from({ length: 90 }, (_, j) => j).filter((j) => j % 9 === 0 || j % 4 === 1);
    const unknown = Array.from({ length: 90 }, (_, j) => j).filter((j) => !known.includes(j));
    const labels = Int32Array.from(data.labels[2]!);
    const scrambled = Int32Array.from(labels, (c, j) => (known.includes(j) ? c : 1 - c));
    const a = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
    const b = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
    a.fit(X, { supervision: { labels, known }, maxEpochs: 50 });
    b.fit(X, { supervision: { labels: scrambled, known }, maxEpochs: 50 });
    expect(Array.from(a.layers[2]!.data)).toEqual(Array.from(b.layers[2]!.data));
    expect(
      a.accuracy(X, labels, { method: "classifier", scoreOn: unknown }),
    ).toBeGreaterThanOrEqual(0.99);
  });

  it("follows the reference's schedule of classifier steps when asked", () => {
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    // The reference's plain steps of fixed size need its small classification weight: the
    // default weight is scaled to the data and would need a step size scaled alike.
    const h = model.fit(X, {
      supervision: { labels: data.labels[1]! },
      classifierSteps: 30,
      classificationWeight: 1e-4,
      maxEpochs: 20,
    });
    expect(h.epochs).toHaveLength(20);
    expect(model.classifier?.shape).toEqual([4, 4]);
  });
});

describe("saving and loading", () => {
  it("round-trips through JSON with identical outputs", () => {
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    model.fit(X, { supervision: { labels: data.labels[1]! }, maxEpochs: 20 });
    const text = JSON.stringify(model.toJSON());
    const loaded = NeuralNMF.fromJSON(text);
    expect(loaded.relativeError(X)).toEqual(model.relativeError(X));
    expect(Array.from(loaded.predict(X))).toEqual(Array.from(model.predict(X)));
    expect(Array.from(loaded.transform(X)[1]!.data)).toEqual(
      Array.from(model.transform(X)[1]!.data),
    );
    expect(loaded.hierarchy()).toEqual(model.hierarchy());
  });

  it("rejects foreign or damaged JSON", () => {
    expect(() => NeuralNMF.fromJSON({ format: "x" } as never)).toThrow(ValueError);
    const model = new NeuralNMF({ ranks: [3], seed: 1 });
    model.fit(X, { maxEpochs: 1 });
    const j = model.toJSON();
    expect(() => NeuralNMF.fromJSON({ ...j, version: 99 })).toThrow(/version/);
    expect(() => NeuralNMF.fromJSON({ ...j, layers: [[[1, 2]]] })).toThrow(ShapeError);
  });
});

describe("bad input", () => {
  it("throws typed errors naming the problem", () => {
    expect(() => new NeuralNMF({ ranks: [4, 4], seed: 1 })).toThrow(/decrease strictly/);
    expect(() => new NeuralNMF({ ranks: [], seed: 1 })).toThrow(ValueError);
    expect(() => new NeuralNMF({ ranks: [3], seed: Number.NaN })).toThrow(/seed/);
    const model = new NeuralNMF({ ranks: [3], seed: 1 });
    expect(() => model.transform(X)).toThrow(NotFittedError);
    const neg = X.clone();
    neg.data[5] = -1;
    expect(() => model.fit(neg)).toThrow(/negative/);
    const nan = X.clone();
    nan.data[7] = Number.NaN;
    expect(() => model.fit(nan)).toThrow(NonFiniteError);
    expect(() => new NeuralNMF({ ranks: [100], seed: 1 }).fit(X)).toThrow(/larger than the data/);
    expect(() => model.fit(X, { supervision: { labels: [0, 1, 2] } })).toThrow(ShapeError);
    expect(() => model.fit(X, { optimizer: "adam" })).toThrow(/learningRate/);
  });

  it("stops with a TrainingError when the loss becomes NaN, keeping the last good parameters", () => {
    let calls = 0;
    const exploding: Loss = {
      name: "exploding",
      compute: (state) => {
        calls++;
        const v = sumSquares(state.S[0]!);
        return calls > 5 ? mul(v, Number.NaN) : v;
      },
    };
    const model = new NeuralNMF({ ranks: [3], seed: 1 });
    const before = () => Array.from(model.layers[0]!.data);
    let err: unknown;
    try {
      model.fit(X, { loss: exploding, maxEpochs: 50 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as TrainingError).epoch).toBeGreaterThan(0);
    expect((err as TrainingError).lastGood).not.toBeNull();
    expect(before().every(Number.isFinite)).toBe(true);
    expect(model.relativeError(X).every(Number.isFinite)).toBe(true);
  });
});

describe("hierarchical NMF baseline", () => {
  it("fits greedily and is no better than Neural NMF at the top level", () => {
    const h = fitHierarchicalNmf(X, { ranks: [9, 4], seed: 1 });
    const n = new NeuralNMF({ ranks: [9, 4], seed: 1 });
    n.fit(X, { maxEpochs: 200 });
    expect(n.relativeError(X)[1]!).toBeLessThanOrEqual(h.relativeError(X)[1]! + 1e-9);
    const p = h.topicMatrices()[1]!;
    expect(relativeErrorOf(X, p, h.transform(X)[1]!)).toBeCloseTo(h.relativeError(X)[1]!, 12);
  });
});

const shared = new URL("../../../../shared/data/synthetic-hierarchy/X.mtx", import.meta.url)
  .pathname;
describe.skipIf(!existsSync(shared))("end to end on ../shared/data/synthetic-hierarchy", () => {
  it("reaches the SVD bounds 0.0236 / 0.2816 / 0.4676 within 1%", () => {
    const x = parseMatrixMarket(readFileSync(shared, "utf8")) as Tensor;
    const bound = [0.0236, 0.2816, 0.4676];
    [[9], [9, 4], [9, 4, 2]].forEach((ranks, l) => {
      const model = new NeuralNMF({ ranks, seed: 1 });
      model.fit(x, { maxEpochs: 300 });
      expect(model.relativeError(x)[l]!).toBeLessThanOrEqual(bound[l]! * 1.01);
    });
  });

  it("reaches them from 20 seeded random starts at 1, 2 and 3 layers", () => {
    const x = parseMatrixMarket(readFileSync(shared, "utf8")) as Tensor;
    const bound = [0.0236, 0.2816, 0.4676];
    [[9], [9, 4], [9, 4, 2]].forEach((ranks, l) => {
      const errors = Array.from({ length: 20 }, (_, s) => {
        const model = new NeuralNMF({ ranks, seed: s + 1, init: "pretrain-random", threads: 1 });
        model.fit(x);
        return model.relativeError(x)[l]!;
      });
      expect(errors.filter((e) => e <= bound[l]! * 1.01)).toHaveLength(20);
    });
  });

  it("labels every unlabelled column right when semi-supervised (40 known), at every depth", () => {
    const dir = shared.replace(/X\.mtx$/, "");
    const x = parseMatrixMarket(readFileSync(shared, "utf8")) as Tensor;
    const known = JSON.parse(readFileSync(`${dir}known.json`, "utf8")).masks["40"] as number[];
    const unknown = Array.from({ length: x.cols }, (_, j) => j).filter((j) => !known.includes(j));
    const read = (k: number) =>
      Int32Array.from(readFileSync(`${dir}labels${k}.txt`, "utf8").trim().split(/\s+/).map(Number));
    [[9], [9, 4], [9, 4, 2]].forEach((ranks) => {
      const top = ranks.at(-1)!;
      const labels = read(top);
      const model = new NeuralNMF({ ranks, seed: 1 });
      model.fit(x, { supervision: { labels, known, classes: top } });
      expect(model.accuracy(x, labels, { method: "classifier", scoreOn: unknown })).toBe(1);
      expect(model.accuracy(x, labels, { fitOn: known, scoreOn: unknown })).toBe(1);
    });
  });
});
if (!existsSync(shared)) console.log(`skipping shared-data tests: ${shared} is absent`);

describe("training options", () => {
  it("rejects bad numeric options with typed errors naming them", () => {
    const model = new NeuralNMF({ ranks: [3], seed: 1 });
    expect(() => model.fit(X, { maxEpochs: -1 })).toThrow(/maxEpochs/);
    expect(() => model.fit(X, { tolerance: Number.NaN })).toThrow(/tolerance/);
    expect(() => model.fit(X, { patience: 0 })).toThrow(/patience/);
    expect(() => model.fit(X, { timeBudgetMs: -5 })).toThrow(ValueError);
    expect(() => model.fit(X, { optimizer: "sgd" as never })).toThrow(/optimizer/);
  });

  it("stops on the time budget and on the callback", () => {
    const model = new NeuralNMF({ ranks: [9, 4], seed: 1, init: "random" });
    const h = model.fit(X, { timeBudgetMs: 30, maxEpochs: 100_000, tolerance: 0 });
    expect(h.stopReason).toBe("timeBudget");
    const h2 = model.fit(X, { onEpoch: (e) => (e.epoch >= 3 ? false : undefined), tolerance: 0 });
    expect(h2.stopReason).toBe("callback");
    expect(h2.epochs).toHaveLength(3);
  });
});
