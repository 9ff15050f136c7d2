/**
 * Every public entry of the package refuses null, undefined, NaN and wrongly typed arguments with
 * the package's typed errors (`ArgumentTypeError` / `ValueError` from @neural-nmf/tensor),
 * naming the argument in `error.argument` — never a raw TypeError from deep inside, and never a
 * silently wrong answer.
 */
import {
  ArgumentTypeError,
  NeuralNmfError,
  NonFiniteError,
  NotFittedError,
  Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import {
  compareCodePoints,
  createMatrixMarketReader,
  createTokenizer,
  ENGLISH_STOP_WORDS,
  formatMatrixMarket,
  inverseDocumentFrequency,
  ParseError,
  parseMatrixMarket,
  stopWords,
  TextVectorizer,
  tokenize,
} from "../src/index.js";

type ErrorClass = typeof ArgumentTypeError | typeof ValueError | typeof NotFittedError;

/** Calls `f` and checks it throws `kind` naming `argument`. */
function expectRefused(f: () => unknown, kind: ErrorClass, argument: string): void {
  let thrown: unknown;
  try {
    f();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "expected an error").toBeInstanceOf(kind);
  expect((thrown as NeuralNmfError).argument).toBe(argument);
  // The message names the function and the argument, on one line.
  expect((thrown as Error).message).not.toMatch(/\n/);
}

const NOT_STRINGS: [string, unknown][] = [
  ["null", null],
  ["undefined", undefined],
  ["a number", 42],
  ["NaN", Number.NaN],
  ["an object", {}],
  ["an array", ["a"]],
  ["a boolean", true],
  ["a String object", new String("text")],
];

const fitted = () => new TextVectorizer().fit(["cats and dogs", "dogs and birds"]);

describe("the tokeniser", () => {
  it.each(NOT_STRINGS)("tokenize(%s) throws ArgumentTypeError naming `text`", (_, value) => {
    expectRefused(() => tokenize(value as string), ArgumentTypeError, "text");
  });

  it.each(NOT_STRINGS)("a tokeniser refuses %s", (_, value) => {
    const tok = createTokenizer();
    expectRefused(() => tok(value as string), ArgumentTypeError, "text");
  });

  it("refuses bad options by name, NaN included", () => {
    expectRefused(() => tokenize("x", null as never), ArgumentTypeError, "options");
    expectRefused(
      () => tokenize("x", { minTokenLength: Number.NaN }),
      NonFiniteError,
      "minTokenLength",
    );
    expectRefused(
      () => tokenize("x", { minTokenLength: "2" as never }),
      ArgumentTypeError,
      "minTokenLength",
    );
    expectRefused(() => tokenize("x", { lowercase: 1 as never }), ArgumentTypeError, "lowercase");
    expectRefused(
      () => tokenize("x", { normalization: null as never }),
      ValueError,
      "normalization",
    );
    expectRefused(() => tokenize("x", { stopWords: 5 as never }), ArgumentTypeError, "stopWords");
    expectRefused(
      () => tokenize("x", { stopWords: [null] as never }),
      ArgumentTypeError,
      "stopWords",
    );
    expectRefused(() => createTokenizer([] as never), ArgumentTypeError, "options");
  });
});

describe("stop words", () => {
  it("refuses a non-object change list, unknown keys and non-string words", () => {
    expectRefused(() => stopWords(null as never), ArgumentTypeError, "changes");
    expectRefused(() => stopWords(7 as never), ArgumentTypeError, "changes");
    expectRefused(() => stopWords({ adds: ["x"] } as never), ValueError, "adds");
    expectRefused(() => stopWords({ add: [Number.NaN] as never }), ArgumentTypeError, "add");
    expectRefused(() => stopWords({ remove: "one" as never }), ArgumentTypeError, "remove");
    expectRefused(() => stopWords({}, null as never), ArgumentTypeError, "base");
    expect(stopWords()).toEqual([...ENGLISH_STOP_WORDS]);
  });
});

describe("compareCodePoints", () => {
  it.each(NOT_STRINGS)("refuses %s (a sort would otherwise compare NaN)", (_, value) => {
    expectRefused(() => compareCodePoints(value as string, "a"), ArgumentTypeError, "a");
    expectRefused(() => compareCodePoints("a", value as string), ArgumentTypeError, "b");
  });
});

describe("inverseDocumentFrequency", () => {
  it("refuses missing, NaN and out-of-range counts", () => {
    expectRefused(
      () => inverseDocumentFrequency(null as never, 2, true),
      ArgumentTypeError,
      "documentFrequency",
    );
    expectRefused(
      () => inverseDocumentFrequency(5 as never, 2, true),
      ArgumentTypeError,
      "documentFrequency",
    );
    expectRefused(
      () => inverseDocumentFrequency([1], undefined as never, true),
      ArgumentTypeError,
      "documentCount",
    );
    expectRefused(
      () => inverseDocumentFrequency([1], Number.NaN, true),
      ValueError,
      "documentCount",
    );
    expectRefused(() => inverseDocumentFrequency([1], 0, true), ValueError, "documentCount");
    expectRefused(() => inverseDocumentFrequency([1], 2.5, true), ValueError, "documentCount");
    expectRefused(
      () => inverseDocumentFrequency([1], 2, undefined as never),
      ArgumentTypeError,
      "smooth",
    );
    expectRefused(
      () => inverseDocumentFrequency([Number.NaN], 2, true),
      ValueError,
      "documentFrequency",
    );
    expectRefused(() => inverseDocumentFrequency([3], 2, true), ValueError, "documentFrequency");
    expectRefused(() => inverseDocumentFrequency([-1], 2, true), ValueError, "documentFrequency");
    expectRefused(
      () => inverseDocumentFrequency(["1"] as never, 2, true),
      ValueError,
      "documentFrequency",
    );
    // Without smoothing a term in no document would get an infinite idf.
    expectRefused(() => inverseDocumentFrequency([0], 2, false), ValueError, "documentFrequency");
    expect(Array.from(inverseDocumentFrequency([0, 2], 2, true))).toEqual([Math.log(3) + 1, 1]);
  });
});

describe("TextVectorizer", () => {
  it.each([
    ["null", null],
    ["a number", 42],
    ["NaN", Number.NaN],
    ["a string", "cats and dogs"],
    ["a boolean", true],
  ])("refuses %s as options, documents, a token text or a term", (_, value) => {
    if (typeof value !== "string") {
      expectRefused(() => new TextVectorizer(value as never), ArgumentTypeError, "options");
    }
    expectRefused(() => new TextVectorizer().fit(value as never), ArgumentTypeError, "documents");
    expectRefused(() => fitted().transform(value as never), ArgumentTypeError, "documents");
    if (typeof value !== "string") {
      expectRefused(() => fitted().tokenize(value as never), ArgumentTypeError, "text");
      expectRefused(() => fitted().indexOf(value as never), ArgumentTypeError, "term");
    }
  });

  it("names the document that is not a string, NaN included", () => {
    expectRefused(
      () => new TextVectorizer().fit(["a b", Number.NaN] as never),
      ArgumentTypeError,
      "documents",
    );
    expectRefused(
      () => fitted().fitTransform([undefined] as never),
      ArgumentTypeError,
      "documents",
    );
    expectRefused(() => fitted().transform([null] as never), ArgumentTypeError, "documents");
    expectRefused(() => new TextVectorizer().fit([]), ValueError, "documents");
  });

  it("refuses NaN and mistyped options by name", () => {
    expectRefused(() => new TextVectorizer({ minDf: Number.NaN }), ValueError, "minDf");
    expectRefused(
      () => new TextVectorizer({ maxDf: { proportion: Number.NaN } }),
      ValueError,
      "maxDf",
    );
    expectRefused(() => new TextVectorizer({ maxDf: null as never }), ArgumentTypeError, "maxDf");
    expectRefused(
      () => new TextVectorizer({ maxFeatures: Number.NaN }),
      NonFiniteError,
      "maxFeatures",
    );
    expectRefused(
      () => new TextVectorizer({ maxFeatures: "5" as never }),
      ArgumentTypeError,
      "maxFeatures",
    );
    expectRefused(
      () => new TextVectorizer({ norm: undefined, weighting: 3 as never }),
      ValueError,
      "weighting",
    );
    expectRefused(
      () => new TextVectorizer({ smoothIdf: null as never }),
      ArgumentTypeError,
      "smoothIdf",
    );
    expectRefused(() => new TextVectorizer({ min_df: 2 } as never), ValueError, "min_df");
    expectRefused(() => fitted().transform(["a"], null as never), ArgumentTypeError, "options");
    expectRefused(
      () => fitted().transform(["a"], { onProgress: "x" } as never),
      ArgumentTypeError,
      "onProgress",
    );
  });

  it("refuses use before fit, and JSON that is not a vectoriser", () => {
    expectRefused(() => new TextVectorizer().indexOf("a"), NotFittedError, undefined as never);
    expectRefused(() => TextVectorizer.fromJSON(null), ArgumentTypeError, "json");
    expectRefused(() => TextVectorizer.fromJSON(undefined), ArgumentTypeError, "json");
    expectRefused(() => TextVectorizer.fromJSON(Number.NaN), ArgumentTypeError, "json");
    expectRefused(() => TextVectorizer.fromJSON("nope"), ValueError, "json");
    const json = fitted().toJSON();
    const broken = { ...json, state: { ...json.state, documentCount: Number.NaN } };
    expectRefused(() => TextVectorizer.fromJSON(broken), ValueError, "documentCount");
    const nan = { ...json, state: { ...json.state, documentFrequency: [Number.NaN, 1, 1, 1] } };
    expectRefused(() => TextVectorizer.fromJSON(nan), ValueError, "documentFrequency");
  });
});

describe("Matrix Market", () => {
  it.each(NOT_STRINGS)(
    "parseMatrixMarket(%s) throws ArgumentTypeError naming `text`",
    (_, value) => {
      expectRefused(() => parseMatrixMarket(value as string), ArgumentTypeError, "text");
    },
  );

  it.each(NOT_STRINGS)("a reader refuses %s as a line or a chunk", (_, value) => {
    expectRefused(
      () => createMatrixMarketReader().line(value as string),
      ArgumentTypeError,
      "text",
    );
    expectRefused(
      () => createMatrixMarketReader().write(value as string),
      ArgumentTypeError,
      "chunk",
    );
  });

  it("refuses bad reader options, NaN included", () => {
    expectRefused(() => createMatrixMarketReader(null as never), ArgumentTypeError, "options");
    expectRefused(
      () => createMatrixMarketReader({ byteLength: Number.NaN }),
      ValueError,
      "byteLength",
    );
    expectRefused(() => createMatrixMarketReader({ lineCount: 1.5 }), ValueError, "lineCount");
    expectRefused(
      () => createMatrixMarketReader({ lineCount: null as never }),
      ArgumentTypeError,
      "lineCount",
    );
  });

  it("formatMatrixMarket refuses what is not a matrix and bad options", () => {
    for (const [, value] of NOT_STRINGS) {
      expectRefused(() => formatMatrixMarket(value as never), ArgumentTypeError, "matrix");
    }
    const x = Tensor.fromTypedArray(new Float64Array([1]), [1, 1]);
    expectRefused(() => formatMatrixMarket(x, null as never), ArgumentTypeError, "options");
    expectRefused(() => formatMatrixMarket(x, { field: Number.NaN as never }), ValueError, "field");
    expectRefused(
      () => formatMatrixMarket(x, { comment: null as never }),
      ArgumentTypeError,
      "comment",
    );
  });

  it("ParseError refuses a line number that is not a positive integer", () => {
    expectRefused(() => new ParseError("p", Number.NaN, "bad"), ArgumentTypeError, "line");
    expectRefused(() => new ParseError("p", 0, "bad"), ArgumentTypeError, "line");
    expectRefused(() => new ParseError(null as never, 1, "bad"), ArgumentTypeError, "where");
    expectRefused(() => new ParseError("p", 1, undefined as never), ArgumentTypeError, "detail");
    const e = new ParseError("p", 3, "bad value");
    expect([e.where, e.line, e.detail, e.message]).toEqual([
      "p",
      3,
      "bad value",
      "p: line 3: bad value",
    ]);
  });
});

it("keeps its stop-word table frozen", () => {
  expect(Object.isFrozen(ENGLISH_STOP_WORDS)).toBe(true);
});

it("every error above is a NeuralNmfError (one base class to catch)", () => {
  expect(new ParseError("p", 1, "d")).toBeInstanceOf(NeuralNmfError);
  expect(ArgumentTypeError.prototype).toBeInstanceOf(NeuralNmfError);
  expect(ValueError.prototype).toBeInstanceOf(NeuralNmfError);
});
