import { loadBrown } from "@neural-nmf/datasets/brown/node";
import { describe, expect, it } from "vitest";
import { TextVectorizer } from "../src/index.js";

// The corpus comes from @neural-nmf/datasets (a dev dependency only: the text package itself
// does not ship or depend on the Brown corpus).
describe("the whole Brown corpus", () => {
  it("vectorises quickly", () => {
    const texts = loadBrown().map((d) => d.text);
    const start = performance.now();
    const v = new TextVectorizer({ stopWords: "english", minDf: 2, maxDf: 0.95 });
    const { matrix, vocabulary } = v.fitTransform(texts);
    const ms = performance.now() - start;
    console.log(
      `Brown tf-idf: ${matrix.rows} words × ${matrix.cols} documents, ${matrix.nnz} nonzeros in ${ms.toFixed(0)} ms`,
    );
    expect(matrix.cols).toBe(500);
    expect(vocabulary.length).toBe(21881);
    expect(ms).toBeLessThan(5000);
  });
});
