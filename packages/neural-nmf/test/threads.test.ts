import { hierarchicalCorpus } from "@neural-nmf/datasets";
import { ValueError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { NeuralNMF } from "../src/index.js";

// Big enough that the sparse products, solves and backward passes go to the worker threads.
const corpus = hierarchicalCorpus({
  documents: 3000,
  words: 4000,
  groupWords: 200,
  subtopicWords: 100,
  seed: 2,
});

describe("threads", () => {
  it("fits the same model on one thread and on two (loss history to 1e-12)", () => {
    const fits = [1, 2].map((threads) => {
      const model = new NeuralNMF({ ranks: [20, 4], seed: 1, threads });
      const history = model.fit(corpus.X, { maxEpochs: 25 });
      return { model, losses: history.epochs.map((e) => e.loss) };
    });
    const [one, two] = fits as [(typeof fits)[0], (typeof fits)[0]];
    expect(one.model.threadsUsed).toBe(1);
    expect(two.model.threadsUsed).toBe(2);
    expect(two.losses.length).toBe(one.losses.length);
    one.losses.forEach((l, i) => {
      expect(Math.abs(two.losses[i]! - l)).toBeLessThanOrEqual(1e-12 * l);
    });
    const e1 = one.model.relativeError(corpus.X);
    const e2 = two.model.relativeError(corpus.X);
    for (let l = 0; l < e1.length; l++)
      expect(Math.abs(e2[l]! - e1[l]!)).toBeLessThanOrEqual(1e-12);
    // The planted subtopics and groups are found at levels 1 and 2.
    expect(two.model.accuracy(corpus.X, corpus.subtopics, { level: 1 })).toBeGreaterThan(0.95);
    expect(two.model.accuracy(corpus.X, corpus.groups, { level: 2 })).toBeGreaterThan(0.95);
  });

  it("defaults to every core and validates the option", () => {
    expect(new NeuralNMF({ ranks: [3], seed: 1 }).options.threads).toBeGreaterThanOrEqual(1);
    expect(() => new NeuralNMF({ ranks: [3], seed: 1, threads: 0 })).toThrow(ValueError);
    expect(() => new NeuralNMF({ ranks: [3], seed: 1, threads: 2.5 })).toThrow(ValueError);
  });
});
