// Type tests (vitest typecheck mode): the public types of @neural-nmf/text as users see them.
// A change here is a change of the public API and needs a changeset.
import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { describe, expectTypeOf, it } from "vitest";
import {
  createMatrixMarketReader,
  type DocumentFrequency,
  formatMatrixMarket,
  type MatrixMarketReader,
  type Norm,
  type ParseError,
  parseMatrixMarket,
  type StopWordsOption,
  stopWords,
  type TermDocumentMatrix,
  TextVectorizer,
  type TextVectorizerJSON,
  type TextVectorizerOptions,
  tokenize,
  type Weighting,
} from "../src/index.js";

declare const vectorizer: TextVectorizer;

describe("TextVectorizer", () => {
  it("is configured like scikit-learn's TfidfVectorizer", () => {
    expectTypeOf(TextVectorizer).constructorParameters.toEqualTypeOf<
      [options?: TextVectorizerOptions]
    >();
    expectTypeOf<TextVectorizerOptions>().toExtend<{
      stopWords?: StopWordsOption;
      weighting?: Weighting;
      minDf?: DocumentFrequency;
      maxDf?: DocumentFrequency;
      maxFeatures?: number | null;
      norm?: Norm;
    }>();
    expectTypeOf<DocumentFrequency>().toEqualTypeOf<number | { readonly proportion: number }>();
    expectTypeOf<Weighting>().toEqualTypeOf<"tf" | "tfidf">();
    expectTypeOf<Norm>().toEqualTypeOf<"l2" | "l1" | "none">();
    expectTypeOf<"english">().toExtend<StopWordsOption>();
    expectTypeOf<string[]>().toExtend<StopWordsOption>();
    expectTypeOf({
      stopWords: "english",
      minDf: 2,
      maxDf: 0.95,
    } as const).toExtend<TextVectorizerOptions>();
  });

  it("turns documents into a sparse words × documents matrix with its vocabulary", () => {
    expectTypeOf(vectorizer.fitTransform).parameter(0).toEqualTypeOf<readonly string[]>();
    expectTypeOf(vectorizer.fitTransform(["a"])).toEqualTypeOf<TermDocumentMatrix>();
    expectTypeOf(vectorizer.transform(["a"])).toEqualTypeOf<TermDocumentMatrix>();
    expectTypeOf<TermDocumentMatrix>().toEqualTypeOf<{
      readonly matrix: CscMatrix;
      readonly vocabulary: readonly string[];
      readonly idf: Float64Array | null;
    }>();
    expectTypeOf(vectorizer.fit(["a"])).toEqualTypeOf<TextVectorizer>();
    expectTypeOf(vectorizer.vocabulary).toEqualTypeOf<readonly string[]>();
    expectTypeOf(vectorizer.indexOf("a")).toEqualTypeOf<number>();
  });

  it("round-trips through JSON", () => {
    expectTypeOf(vectorizer.toJSON()).toEqualTypeOf<TextVectorizerJSON>();
    expectTypeOf(TextVectorizer.fromJSON).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(TextVectorizer.fromJSON).returns.toEqualTypeOf<TextVectorizer>();
  });
});

describe("tokens and stop words", () => {
  it("are plain strings", () => {
    expectTypeOf(tokenize("a b")).toEqualTypeOf<string[]>();
    expectTypeOf(stopWords({ add: ["x"], remove: ["one"] })).toEqualTypeOf<string[]>();
  });
});

describe("Matrix Market", () => {
  it("parses to a dense tensor or a sparse matrix, and formats either", () => {
    expectTypeOf(parseMatrixMarket).toEqualTypeOf<(text: string) => Tensor | CscMatrix>();
    expectTypeOf(formatMatrixMarket).parameter(0).toEqualTypeOf<Tensor | CscMatrix>();
    expectTypeOf(formatMatrixMarket).returns.toEqualTypeOf<string>();
    expectTypeOf<ParseError>().toExtend<Error>();
  });

  it("reads line by line or chunk by chunk", () => {
    expectTypeOf(createMatrixMarketReader()).toEqualTypeOf<MatrixMarketReader>();
    expectTypeOf<MatrixMarketReader["line"]>().toEqualTypeOf<(text: string) => void>();
    expectTypeOf<MatrixMarketReader["write"]>().toEqualTypeOf<(chunk: string) => void>();
    expectTypeOf<MatrixMarketReader["finish"]>().toEqualTypeOf<() => Tensor | CscMatrix>();
    expectTypeOf<MatrixMarketReader["lineNumber"]>().toEqualTypeOf<number>();
  });
});
