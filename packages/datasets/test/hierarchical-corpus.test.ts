import { ValueError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { hierarchicalCorpus } from "../src/index.js";

describe("hierarchicalCorpus", () => {
  const small = { documents: 500, words: 3000, groupWords: 100, subtopicWords: 50, seed: 4 };

  it("is reproducible per seed and differs between seeds", () => {
    const a = hierarchicalCorpus(small);
    const b = hierarchicalCorpus(small);
    const c = hierarchicalCorpus({ ...small, seed: 5 });
    expect(Array.from(b.X.values)).toEqual(Array.from(a.X.values));
    expect(Array.from(b.X.rowIndices)).toEqual(Array.from(a.X.rowIndices));
    expect(Array.from(c.subtopics)).not.toEqual(Array.from(a.subtopics));
  });

  it("plants the tree: labels nest, and each document's own subtopic has the most topic tokens", () => {
    const { X, subtopics, groups, vocabulary } = hierarchicalCorpus(small);
    expect(X.shape).toEqual([3000, 500]);
    for (let j = 0; j < 500; j++) {
      expect(groups[j]).toBe(Math.floor(subtopics[j]! / 5));
      // Tokens on each subtopic's words: the document's own subtopic has the most.
      const perSubtopic = new Float64Array(20);
      for (let p = X.colPtr[j]!; p < X.colPtr[j + 1]!; p++) {
        const m = /^g(\d+)s(\d+)w/.exec(vocabulary[X.rowIndices[p]!]!);
        if (m) perSubtopic[Number(m[1]) * 5 + Number(m[2])]! += X.values[p]!;
      }
      const own = perSubtopic[subtopics[j]!]!;
      perSubtopic[subtopics[j]!] = 0;
      expect(own).toBeGreaterThan(Math.max(...perSubtopic));
    }
  });

  it("gives counts with rows strictly increasing in each column and about the requested tokens", () => {
    const { X } = hierarchicalCorpus({ ...small, tokensPerDocument: 40 });
    let tokens = 0;
    for (let j = 0; j < X.cols; j++) {
      for (let p = X.colPtr[j]! + 1; p < X.colPtr[j + 1]!; p++) {
        expect(X.rowIndices[p]!).toBeGreaterThan(X.rowIndices[p - 1]!);
      }
    }
    for (const v of X.values) {
      expect(Number.isInteger(v) && v >= 1).toBe(true);
      tokens += v;
    }
    expect(tokens / X.cols).toBeGreaterThan(36);
    expect(tokens / X.cols).toBeLessThan(44);
  });

  it("refuses unknown options and sizes out of range before allocating", () => {
    expect(() => hierarchicalCorpus({ ...small, epochs: 3 } as never)).toThrow(ValueError);
    expect(() => hierarchicalCorpus({ documents: 0, seed: 1 })).toThrow(ValueError);
    expect(() => hierarchicalCorpus({ documents: 1e8, seed: 1 })).toThrow(ValueError);
    expect(() => hierarchicalCorpus({ documents: 10, seed: Number.NaN })).toThrow(ValueError);
    expect(() => hierarchicalCorpus({ documents: 1e7, tokensPerDocument: 1e3, seed: 1 })).toThrow(
      /tokensPerDocument/,
    );
    expect(() => hierarchicalCorpus({ documents: 10, words: 100, seed: 1 })).toThrow(/do not fit/);
    expect(() =>
      hierarchicalCorpus({ documents: 10, seed: 1, mixture: [0, 0, 0] as const }),
    ).toThrow(/mixture/);
  });
});
