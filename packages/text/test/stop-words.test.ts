import { ArgumentTypeError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { compareCodePoints, ENGLISH_STOP_WORDS, stopWords } from "../src/index.js";

describe("ENGLISH_STOP_WORDS", () => {
  it("is a frozen, sorted, duplicate-free list of lowercase function words", () => {
    expect(Object.isFrozen(ENGLISH_STOP_WORDS)).toBe(true);
    expect(ENGLISH_STOP_WORDS.length).toBeGreaterThan(150);
    expect(new Set(ENGLISH_STOP_WORDS).size).toBe(ENGLISH_STOP_WORDS.length);
    expect([...ENGLISH_STOP_WORDS].sort(compareCodePoints)).toEqual(ENGLISH_STOP_WORDS);
    for (const w of ENGLISH_STOP_WORDS) expect(w).toMatch(/^[a-z]+$/);
    for (const w of ["the", "and", "of", "which", "don", "ll"]) {
      expect(ENGLISH_STOP_WORDS).toContain(w);
    }
    for (const w of ["computer", "system", "fire", "science"]) {
      expect(ENGLISH_STOP_WORDS).not.toContain(w);
    }
  });
});

describe("stopWords", () => {
  it("adds and removes words", () => {
    const list = stopWords({ add: ["subject", "wrote", "the"], remove: new Set(["one", "zebra"]) });
    expect(list).toContain("subject");
    expect(list).toContain("wrote");
    expect(list).not.toContain("one");
    expect(list.length).toBe(ENGLISH_STOP_WORDS.length + 2 - 1);
    expect(stopWords()).toEqual(ENGLISH_STOP_WORDS);
    expect(stopWords({ add: ["b", "a"] }, [])).toEqual(["a", "b"]);
  });

  it("rejects non-string entries", () => {
    expect(() => stopWords({ add: [1] as never })).toThrow(ArgumentTypeError);
    expect(() => stopWords({ add: "word" as never })).toThrow(/`add`/);
    expect(() => stopWords(null as never)).toThrow(ArgumentTypeError);
  });
});

describe("compareCodePoints", () => {
  it("orders by code point, unlike the default UTF-16 order", () => {
    const words = ["𝔸", "ﬁ", "z", "é", "ａ", "東"];
    expect([...words].sort()).toEqual(["z", "é", "東", "𝔸", "ﬁ", "ａ"]);
    expect([...words].sort(compareCodePoints)).toEqual(["z", "é", "東", "ﬁ", "ａ", "𝔸"]);
    expect(compareCodePoints("ab", "abc")).toBeLessThan(0);
    expect(compareCodePoints("abc", "abc")).toBe(0);
    expect(compareCodePoints("\ud800", "\ue000")).toBeGreaterThan(0);
  });
});
