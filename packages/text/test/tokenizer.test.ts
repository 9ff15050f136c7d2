import { ArgumentTypeError, ValueError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { createTokenizer, ENGLISH_STOP_WORDS, TextVectorizer, tokenize } from "../src/index.js";
import { loadTfidfFixtures } from "./helpers.js";

describe("tokenize", () => {
  it("lowercases, drops punctuation, numbers and one-letter tokens", () => {
    expect(tokenize("The dog's 3 bones, 3.14 and 1,000 — a DOG!")).toEqual([
      "the",
      "dog",
      "bones",
      "and",
      "dog",
    ]);
  });

  it("keeps runs that mix letters and digits, splits at hyphens, underscores and apostrophes", () => {
    expect(tokenize("mp3 1990s x1 data-driven snake_case don't")).toEqual([
      "mp3",
      "1990s",
      "x1",
      "data",
      "driven",
      "snake",
      "case",
      "don",
    ]);
  });

  it("is Unicode-aware: accents, Greek final sigma, Cyrillic, CJK, Devanagari marks", () => {
    expect(tokenize("Café ΟΔΟΣ Москва 東京タワー नमस्ते")).toEqual([
      "café",
      "οδος",
      "москва",
      "東京タワー",
      "नमस्ते",
    ]);
    // The final sigma is the distinct letter ς, as in Python's str.lower().
    expect(tokenize("ΟΔΟΣ")[0]?.endsWith("ς")).toBe(true);
  });

  it("normalises to NFC by default so composed and decomposed accents agree", () => {
    const composed = "caf\u00e9";
    const decomposed = "cafe\u0301";
    expect(tokenize(decomposed)).toEqual([composed]);
    expect(tokenize(decomposed, { normalization: "none" })).toEqual([decomposed]);
    expect(tokenize("ﬁsh ＦＵＬＬ", { normalization: "NFKC" })).toEqual(["fish", "full"]);
  });

  it("counts the minimum length in code points, not UTF-16 units", () => {
    expect(tokenize("𝔸 𝔸𝔹")).toEqual(["𝔸𝔹"]);
    expect(tokenize("a bc def", { minTokenLength: 3 })).toEqual(["def"]);
    expect(tokenize("a bc", { minTokenLength: 1 })).toEqual(["a", "bc"]);
  });

  it("keeps case when asked and filters stop words after normalising them", () => {
    expect(tokenize("The Cat", { lowercase: false })).toEqual(["The", "Cat"]);
    expect(tokenize("The cat and THE dog", { stopWords: ["The"] })).toEqual(["cat", "and", "dog"]);
    expect(tokenize("the cat and a dog", { stopWords: "english" })).toEqual(["cat", "dog"]);
    expect(tokenize("The cat", { lowercase: false, stopWords: ["the"] })).toEqual(["The", "cat"]);
    expect(tokenize("", {})).toEqual([]);
    expect(tokenize("!!! 42 ...")).toEqual([]);
  });

  it("rejects bad options with typed errors naming the option", () => {
    const bad: [unknown, string, typeof ValueError | typeof ArgumentTypeError][] = [
      [{ minTokenLength: 0 }, "minTokenLength", ValueError],
      [{ minTokenLength: 1.5 }, "minTokenLength", ValueError],
      [{ minTokenLength: "2" }, "minTokenLength", ArgumentTypeError],
      [{ lowercase: "yes" }, "lowercase", ArgumentTypeError],
      [{ normalization: "NFD" }, "normalization", ValueError],
      [{ stopWords: "the" }, "stopWords", ValueError],
      [{ stopWords: 5 }, "stopWords", ArgumentTypeError],
      [{ stopWords: [1, 2] }, "stopWords", ArgumentTypeError],
      [{ min_token_length: 2 }, "min_token_length", ValueError],
    ];
    for (const [options, argument, type] of bad) {
      let error: unknown;
      try {
        createTokenizer(options as never);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(options)).toBeInstanceOf(type);
      expect((error as ValueError).argument).toBe(argument);
      expect((error as Error).message).toContain(argument);
    }
    expect(() => createTokenizer(null as never)).toThrow(ArgumentTypeError);
  });

  it("runs the bundled stop words through the same rules", () => {
    const tok = createTokenizer({ stopWords: "english" });
    for (const w of ENGLISH_STOP_WORDS) expect(tok(`${w} zebra`)).toEqual(["zebra"]);
  });
});

describe("tokeniser against scikit-learn's analyzer", () => {
  for (const fx of loadTfidfFixtures()) {
    it(`gives the same tokens as the fixture ${fx.name}`, () => {
      const v = new TextVectorizer(fx.options);
      fx.documents.forEach((doc, j) => {
        expect(v.tokenize(doc)).toEqual(fx.tokens[j]);
      });
    });
  }
});
