import { loadBrown } from "@neural-nmf/datasets/brown/node";
import { bench, describe } from "vitest";
import { createTokenizer, TextVectorizer } from "../src/index.js";

// The whole Brown corpus: 500 documents, about 1.16 million tokens.
const texts = loadBrown().map((d) => d.text);

describe("Brown corpus", () => {
  bench("tokenise", () => {
    const tok = createTokenizer();
    for (const t of texts) tok(t);
  });

  bench("tf-idf fitTransform (defaults)", () => {
    new TextVectorizer().fitTransform(texts);
  });

  bench("tf-idf fitTransform (English stop words, minDf 2, maxDf 0.95)", () => {
    new TextVectorizer({ stopWords: "english", minDf: 2, maxDf: 0.95 }).fitTransform(texts);
  });

  bench("loadBrown", () => {
    loadBrown();
  });
});
