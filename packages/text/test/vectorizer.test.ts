import { ArgumentTypeError, CscMatrix, NotFittedError, ValueError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import {
  stopWords,
  TextVectorizer,
  type TextVectorizerOptions,
  VECTORIZE_PROGRESS_INTERVAL,
} from "../src/index.js";
import { loadTfidfFixtures, maxAbsDiff } from "./helpers.js";

const TOL = 1e-12;

describe("TextVectorizer against scikit-learn fixtures", () => {
  const fixtures = loadTfidfFixtures();

  it("has the fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  for (const fx of fixtures) {
    describe(`${fx.name}: ${fx.description}`, () => {
      it("fitTransform gives the vocabulary, df, idf and words × documents matrix", () => {
        const v = new TextVectorizer(fx.options);
        const out = v.fitTransform(fx.documents);
        expect(out.matrix).toBeInstanceOf(CscMatrix);
        expect(out.matrix.shape).toEqual([fx.vocabulary.length, fx.documents.length]);
        expect(out.vocabulary).toEqual(fx.vocabulary);
        expect(Array.from(v.documentFrequency)).toEqual(fx.documentFrequency);
        if (fx.idf === null) {
          expect(out.idf).toBeNull();
        } else {
          expect(maxAbsDiff([Array.from(out.idf as Float64Array)], [fx.idf])).toBeLessThan(TOL);
        }
        expect(maxAbsDiff(out.matrix.toDense().toRows(), fx.matrix)).toBeLessThan(TOL);
      });

      it("transform ignores unknown words and matches scikit-learn", () => {
        const v = new TextVectorizer(fx.options).fit(fx.documents);
        const out = v.transform(fx.transform.documents);
        expect(out.matrix.shape).toEqual([fx.vocabulary.length, fx.transform.documents.length]);
        expect(maxAbsDiff(out.matrix.toDense().toRows(), fx.transform.matrix)).toBeLessThan(TOL);
        // fit then transform of the training documents equals fitTransform.
        const again = v.transform(fx.documents).matrix;
        expect(maxAbsDiff(again.toDense().toRows(), fx.matrix)).toBeLessThan(TOL);
      });

      it("survives toJSON / fromJSON exactly", () => {
        const v = new TextVectorizer(fx.options).fit(fx.documents);
        const text = JSON.stringify(v);
        const w = TextVectorizer.fromJSON(text);
        expect(w.options).toEqual(v.options);
        expect(w.vocabulary).toEqual(v.vocabulary);
        expect(w.idf).toEqual(v.idf);
        const a = v.transform(fx.transform.documents).matrix;
        const b = w.transform(fx.transform.documents).matrix;
        expect(Array.from(b.values)).toEqual(Array.from(a.values));
        expect(Array.from(b.rowIndices)).toEqual(Array.from(a.rowIndices));
        expect(TextVectorizer.fromJSON(JSON.parse(text)).vocabulary).toEqual(v.vocabulary);
      });
    });
  }

  it("the combined fixture's stop list is stopWords({ add })", () => {
    const fx = fixtures.find((f) => f.name === "tfidf-combined.json");
    expect(fx?.options.stopWords).toEqual(stopWords({ add: ["data", "science"] }));
  });
});

describe("TextVectorizer behaviour", () => {
  const docs = ["apple banana apple", "banana cherry", "cherry durian apple", "elder"];

  it("returns one column per document and rows in alphabetical order", () => {
    const { matrix, vocabulary } = new TextVectorizer({ weighting: "tf" }).fitTransform(docs);
    expect(vocabulary).toEqual(["apple", "banana", "cherry", "durian", "elder"]);
    expect(matrix.toDense().toRows()).toEqual([
      [2, 0, 1, 0],
      [1, 1, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
  });

  it("gives l2-normalised tf-idf columns with smoothed idf by default", () => {
    const v = new TextVectorizer();
    const { matrix, idf } = v.fitTransform(docs);
    const n = docs.length;
    const df = [2, 2, 2, 1, 1];
    df.forEach((d, t) => {
      expect(idf?.[t]).toBeCloseTo(Math.log((1 + n) / (1 + d)) + 1, 14);
    });
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = matrix.colPtr[j] as number; p < (matrix.colPtr[j + 1] as number); p++) {
        s += (matrix.values[p] as number) ** 2;
      }
      expect(s).toBeCloseTo(1, 14);
    }
  });

  it("breaks maxFeatures ties alphabetically (by code point)", () => {
    // Every term occurs once: the first two in code-point order win, "ﬁ" (U+FB01) before "𝔸".
    const v = new TextVectorizer({ maxFeatures: 2, weighting: "tf" });
    expect(v.fit(["zz 𝔸𝔸 ﬁx yy"]).vocabulary).toEqual(["yy", "zz"]);
    // By UTF-16 units "𝔸𝔸" would sort first and win.
    const w = new TextVectorizer({ maxFeatures: 1, weighting: "tf" });
    expect(w.fit(["𝔸𝔸 ﬁx ﬁx 𝔸𝔸 qq"]).vocabulary).toEqual(["ﬁx"]);
    // Totals: dd 3, bb 2, cc 2, aa 1; the tie between bb and cc straddles the cut-off.
    const u = new TextVectorizer({ maxFeatures: 2, weighting: "tf" });
    expect(u.fit(["bb aa cc dd", "dd dd cc", "bb"]).vocabulary).toEqual(["bb", "dd"]);
  });

  it("applies minDf / maxDf as counts and proportions like scikit-learn", () => {
    const corpus = ["a1 b1", "a1 b1", "a1 c1", "a1 d1", "e1"];
    const vocab = (o: TextVectorizerOptions) => new TextVectorizer(o).fit(corpus).vocabulary;
    expect(vocab({ minDf: 2 })).toEqual(["a1", "b1"]);
    expect(vocab({ maxDf: 1 })).toEqual(["c1", "d1", "e1"]);
    // 0.5 × 5 = 2.5 documents, not rounded: b1 (2) stays, a1 (4) goes.
    expect(vocab({ maxDf: 0.5 })).toEqual(["b1", "c1", "d1", "e1"]);
    expect(vocab({ minDf: 0.3 })).toEqual(["a1", "b1"]);
    expect(vocab({ maxDf: { proportion: 1 } })).toEqual(["a1", "b1", "c1", "d1", "e1"]);
    expect(vocab({ minDf: { proportion: 0.8 } })).toEqual(["a1"]);
  });

  it("keeps empty documents as zero columns", () => {
    const v = new TextVectorizer();
    const { matrix } = v.fitTransform(["hello world", "", "42 !!!"]);
    expect(Array.from(matrix.colPtr)).toEqual([0, 2, 2, 2]);
    expect(v.transform([]).matrix.shape).toEqual([2, 0]);
  });

  it("exposes its fitted state and resets on refit", () => {
    const v = new TextVectorizer({ weighting: "tf" });
    expect(v.isFitted).toBe(false);
    expect(() => v.vocabulary).toThrow(NotFittedError);
    expect(() => v.transform(["x"])).toThrow(/not fitted/);
    expect(() => v.transform(["x"])).toThrow(NotFittedError);
    v.fit(docs);
    expect(v.isFitted).toBe(true);
    expect(v.documentCount).toBe(4);
    expect(v.indexOf("cherry")).toBe(2);
    expect(v.indexOf("zebra")).toBe(-1);
    expect(v.idf).toBeNull();
    v.fit(["zebra yak"]);
    expect(v.vocabulary).toEqual(["yak", "zebra"]);
    const unfitted = TextVectorizer.fromJSON(JSON.stringify(new TextVectorizer({ minDf: 2 })));
    expect(unfitted.isFitted).toBe(false);
    expect(unfitted.options.minDf).toBe(2);
  });

  it("validates documents", () => {
    const v = new TextVectorizer();
    expect(() => v.fit("a b c" as never)).toThrow(ArgumentTypeError);
    expect(() => v.fit(["ok", 3] as never)).toThrow(/documents\[1\] is 3, expected a string/);
    expect(() => v.fit([])).toThrow(ValueError);
    expect(() => v.fit(["!!!", "12 34"])).toThrow(/empty vocabulary/);
    expect(() => new TextVectorizer({ stopWords: "english" }).fit(["the of and"])).toThrow(
      /empty vocabulary/,
    );
    expect(() => v.tokenize(5 as never)).toThrow(ArgumentTypeError);
    v.fit(["a1 b1"]);
    expect(() => v.transform([null] as never)).toThrow(ArgumentTypeError);
    expect(() => v.transform({} as never)).toThrow(ArgumentTypeError);
  });

  it("validates options with typed errors naming the option", () => {
    const cases: [TextVectorizerOptions, string, typeof ValueError | typeof ArgumentTypeError][] = [
      [{ minDf: 3, maxDf: 2 }, "minDf", ValueError],
      [{ minDf: 0.6, maxDf: 0.4 }, "minDf", ValueError],
      [{ minDf: -1 }, "minDf", ValueError],
      [{ minDf: 1.5 }, "minDf", ValueError],
      [{ maxDf: Number.NaN }, "maxDf", ValueError],
      [{ maxDf: { proportion: 2 } }, "maxDf", ValueError],
      [{ maxDf: "all" as never }, "maxDf", ArgumentTypeError],
      [{ maxFeatures: 0 }, "maxFeatures", ValueError],
      [{ maxFeatures: 2.5 }, "maxFeatures", ValueError],
      [{ weighting: "bm25" as never }, "weighting", ValueError],
      [{ norm: "max" as never }, "norm", ValueError],
      [{ smoothIdf: 1 as never }, "smoothIdf", ArgumentTypeError],
      [{ sublinearTf: "no" as never }, "sublinearTf", ArgumentTypeError],
      [{ max_df: 0.5 } as never, "max_df", ValueError],
    ];
    for (const [options, argument, type] of cases) {
      let error: unknown;
      try {
        new TextVectorizer(options);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(options)).toBeInstanceOf(type);
      expect((error as ValueError).argument).toBe(argument);
      expect((error as Error).message).toContain(`\`${argument}\``);
    }
  });

  it("reports progress every VECTORIZE_PROGRESS_INTERVAL documents and at the end", () => {
    const docs = Array.from({ length: 2500 }, (_, j) => `word${j % 7} other${j % 3} text`);
    const calls: [number, number][] = [];
    const onProgress = (done: number, total: number) => calls.push([done, total]);
    const v = new TextVectorizer();
    const plain = v.fitTransform(docs).matrix;
    const out = v.fitTransform(docs, { onProgress }).matrix;
    expect(VECTORIZE_PROGRESS_INTERVAL).toBe(1000);
    expect(calls).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    expect(Array.from(out.values)).toEqual(Array.from(plain.values));
    calls.length = 0;
    v.transform(docs.slice(0, 3), { onProgress });
    expect(calls).toEqual([[3, 3]]);
    calls.length = 0;
    v.fit(docs.slice(0, 1000), { onProgress });
    expect(calls).toEqual([[1000, 1000]]);
    expect(() => v.transform(docs, { onProgress: 1 } as never)).toThrow(ArgumentTypeError);
    expect(() => v.fitTransform(docs, { progress: onProgress } as never)).toThrow(
      /unknown option `progress`/,
    );
  });

  it("checks minDf ≤ maxDf again once the document count is known", () => {
    // 2 documents (count) vs 0.5 × 3 = 1.5 documents.
    const v = new TextVectorizer({ minDf: 2, maxDf: 0.5 });
    expect(() => v.fit(["a1", "a1", "b1"])).toThrow(/`minDf`.*exceeds.*`maxDf`/);
    const w = new TextVectorizer({ minDf: 2 });
    expect(() => w.fit(["a1", "b1", "c1"])).toThrow(/no term is left/);
  });

  it("rejects malformed JSON state", () => {
    const good = new TextVectorizer().fit(docs).toJSON();
    expect(() => TextVectorizer.fromJSON(42)).toThrow(ArgumentTypeError);
    expect(() => TextVectorizer.fromJSON("{")).toThrow(ValueError);
    expect(() => TextVectorizer.fromJSON({ ...good, format: "other" })).toThrow(/format/);
    const state = good.state as NonNullable<typeof good.state>;
    const broken = (s: object) => ({ ...good, state: { ...state, ...s } });
    expect(() =>
      TextVectorizer.fromJSON(broken({ vocabulary: ["b", "a", "c", "d", "e"] })),
    ).toThrow(/sorted/);
    expect(() => TextVectorizer.fromJSON(broken({ documentFrequency: [1, 2] }))).toThrow(
      /documentFrequency/,
    );
    expect(() => TextVectorizer.fromJSON(broken({ documentCount: 0 }))).toThrow(/documentCount/);
    expect(() =>
      TextVectorizer.fromJSON({ ...good, options: { ...good.options, norm: "l3" } }),
    ).toThrow(/norm/);
  });
});
