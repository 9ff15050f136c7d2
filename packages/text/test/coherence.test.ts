import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ArgumentTypeError, ValueError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import {
  CoherenceCounts,
  type CoherenceMeasure,
  numpyMean,
  topicCoherence,
} from "../src/coherence/index.js";

/** packages/text/test/fixtures/coherence-gensim.json (tooling/fixtures/gen_coherence_fixtures.py). */
interface GensimCase {
  name: string;
  corpus: string;
  coherence: "c_npmi" | "u_mass";
  measure: CoherenceMeasure;
  window: number;
  topN: number;
  topics: string[][];
  gensimTopics: string[][];
  perTopic: (number | null)[];
  mean: number | null;
  gensimTexts?: string;
}
interface GensimError {
  name: string;
  corpus: string;
  measure: CoherenceMeasure;
  window: number;
  topN: number;
  topics: string[][];
  gensimError: string;
}
interface GensimCounts {
  window: number;
  words: string[];
  numDocs: number;
  numWindows: number;
  documentFrequency: number[];
  windowFrequency: number[];
  documentCooccurrence: number[][];
  windowCooccurrence: number[][];
}
interface GensimFixture {
  gensimVersion: string;
  numpyVersion: string;
  corpora: Record<string, string[][]>;
  cases: GensimCase[];
  errors: GensimError[];
  counts: { corpus: string; byWindow: GensimCounts[] };
  numpyMeans: { values: number[]; mean: number }[];
}

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "coherence-gensim.json");
const gensim = JSON.parse(readFileSync(FIXTURE, "utf8")) as GensimFixture;
const corpus = (name: string): string[][] => {
  const docs = gensim.corpora[name];
  if (docs === undefined) throw new Error(`no corpus ${name} in the fixture`);
  return docs;
};

/** |a − b| with null ≙ NaN (NaN against NaN is a match: 0, against a number: Infinity). */
function deviation(ours: number, theirs: number | null): number {
  if (theirs === null) return Number.isNaN(ours) ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(ours - theirs);
}

describe("topic coherence against gensim", () => {
  it("uses a fixture from gensim 4.2 with every kind of case", () => {
    expect(gensim.gensimVersion).toBe("4.2.0");
    expect(gensim.cases.length).toBeGreaterThan(25);
    expect(new Set(gensim.cases.map((c) => c.measure))).toEqual(new Set(["npmi", "umass"]));
  });

  let largest = 0;
  let largestRelative = 0;
  let values = 0;
  let bitwise = 0;

  for (const c of gensim.cases) {
    it(`${c.name}: per-topic values and mean within 1e-9 of gensim`, () => {
      const docs = corpus(c.corpus);
      const options = { measure: c.measure, window: c.window, topN: c.topN };
      const result = topicCoherence(c.topics, docs, options);
      expect(result.perTopic).toHaveLength(c.perTopic.length);
      const pairs: [number, number | null][] = [
        ...result.perTopic.map((v, i): [number, number | null] => [v, c.perTopic[i] ?? null]),
        [result.mean, c.mean],
      ];
      for (const [ours, theirs] of pairs) {
        const d = deviation(ours, theirs);
        expect(d, `${ours} vs gensim ${theirs}`).toBeLessThanOrEqual(1e-9);
        values++;
        if (theirs === null || ours === theirs) bitwise++;
        largest = Math.max(largest, d);
        if (theirs !== null && theirs !== 0)
          largestRelative = Math.max(largestRelative, d / Math.abs(theirs));
      }
      // The same through CoherenceCounts, and the words gensim scored.
      const counts = new CoherenceCounts(docs, c.topics.flat(), { window: c.window });
      expect(counts.score(c.topics, { measure: c.measure, topN: c.topN })).toEqual(result);
      expect(counts.scoredTopics(c.topics, { topN: c.topN })).toEqual(c.gensimTopics);
    });
  }

  it("reports the largest deviation from gensim", () => {
    console.log(
      `coherence vs gensim ${gensim.gensimVersion}: ${values} values, ${bitwise} bit-identical, largest |Δ| ${largest.toExponential(3)}, largest relative ${largestRelative.toExponential(3)}`,
    );
    expect(values).toBeGreaterThan(100);
    expect(largest).toBeLessThanOrEqual(1e-9);
  });

  it("one CoherenceCounts for all topic lists of a corpus gives the values of separate calls", () => {
    const docs = corpus("zipf-400");
    const cases = gensim.cases.filter((c) => c.corpus === "zipf-400" && c.window === 10);
    const counts = new CoherenceCounts(
      docs,
      cases.flatMap((c) => c.topics.flat()),
    );
    for (const c of cases) {
      const result = counts.score(c.topics, { measure: c.measure, topN: c.topN });
      expect(result).toEqual(topicCoherence(c.topics, docs, { measure: c.measure, topN: c.topN }));
    }
  });

  for (const counts of gensim.counts.byWindow) {
    it(`counts of the small corpus equal gensim's accumulators (window ${counts.window})`, () => {
      const docs = corpus(gensim.counts.corpus);
      const ours = new CoherenceCounts(docs, counts.words, { window: counts.window });
      expect(ours.documentCount).toBe(counts.numDocs);
      expect(ours.windowCount).toBe(counts.numWindows);
      expect(counts.words.map((w) => ours.documentFrequency(w))).toEqual(counts.documentFrequency);
      expect(counts.words.map((w) => ours.windowFrequency(w))).toEqual(counts.windowFrequency);
      expect(
        counts.words.map((a) => counts.words.map((b) => ours.documentCooccurrence(a, b))),
      ).toEqual(counts.documentCooccurrence);
      expect(
        counts.words.map((a) => counts.words.map((b) => ours.windowCooccurrence(a, b))),
      ).toEqual(counts.windowCooccurrence);
    });
  }

  it("'presence' counting differs from gensim's exactly where a word repeats within a window", () => {
    const docs = [["a", "b", "a", "c", "d"]];
    const g = new CoherenceCounts(docs, ["a", "b", "c", "d"], { window: 3 });
    const p = new CoherenceCounts(docs, ["a", "b", "c", "d"], {
      window: 3,
      windowCounting: "presence",
    });
    // windows [a b a], [b a c], [a c d]: gensim forgets `a` when the first `a` leaves.
    expect(g.windowFrequency("a")).toBe(1);
    expect(g.windowCooccurrence("a", "c")).toBe(0);
    expect(p.windowFrequency("a")).toBe(3);
    expect(p.windowCooccurrence("a", "c")).toBe(2);
    expect(g.windowFrequency("c")).toBe(p.windowFrequency("c"));
    expect(g.windowCount).toBe(3);
  });

  it("a topic none of whose words is in the corpus is a ValueError, as in gensim", () => {
    for (const e of gensim.errors.filter((x) => x.gensimError.startsWith("ValueError"))) {
      const call = () =>
        topicCoherence(e.topics, corpus(e.corpus), {
          measure: e.measure,
          window: e.window,
          topN: e.topN,
        });
      expect(call).toThrow(ValueError);
      expect(call).toThrow(/topics`\[1\]/);
    }
  });

  it("an empty document gives no window (gensim raises IndexError) but counts for u_mass", () => {
    const e = gensim.errors.find((x) => x.gensimError.startsWith("IndexError"));
    expect(e).toBeDefined();
    const docs = corpus("small-with-empty");
    const counts = new CoherenceCounts(docs, ["apple"]);
    expect(counts.documentCount).toBe(docs.length);
    const nonEmpty = docs.filter((d) => d.length > 0);
    expect(counts.windowCount).toBe(new CoherenceCounts(nonEmpty, ["apple"]).windowCount);
    expect(Number.isFinite(topicCoherence(e!.topics, docs).mean)).toBe(true);
  });

  it("follows gensim's window total: max(1, length − window + 1) per non-empty document", () => {
    const docs = [
      ["x"],
      ["x", "y"],
      Array(10).fill("x"),
      Array(11).fill("y"),
      Array(25).fill("z"),
      [],
    ];
    const counts = new CoherenceCounts(docs, ["x"], { window: 10 });
    expect(counts.windowCount).toBe(1 + 1 + 1 + 2 + 16 + 0);
    expect(counts.windowFrequency("x")).toBe(3);
  });
});

describe("numpyMean", () => {
  it("equals np.mean bit for bit for every length class of NumPy's pairwise summation", () => {
    expect(gensim.numpyMeans.length).toBeGreaterThan(10);
    for (const { values, mean } of gensim.numpyMeans) {
      expect(numpyMean(values), `${values.length} values`).toBe(mean);
    }
  });

  it("is NaN for no values, like np.mean", () => {
    expect(numpyMean([])).toBeNaN();
  });

  it("sums in NumPy's pairwise order (matches a value computed by np.mean)", () => {
    // np.mean([0.1] * 10 + [1e16, 1.0, -1e16] + [0.3] * 130) is 0.24965034965034966 with NumPy
    // 1.24 and 2.4; summing left to right gives 0.27272727272727265.
    const values = [...Array(10).fill(0.1), 1e16, 1.0, -1e16, ...Array(130).fill(0.3)];
    expect(numpyMean(values)).toBe(0.24965034965034966);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBe(0.27272727272727265);
  });
});

describe("argument checks", () => {
  const docs = [
    ["a", "b", "c"],
    ["b", "c", "d"],
  ];
  const topics = [
    ["a", "b"],
    ["c", "d"],
  ];
  const cases: [string, () => unknown, typeof ValueError | typeof ArgumentTypeError, string][] = [
    [
      "topics not an array",
      () => topicCoherence("a b" as never, docs),
      ArgumentTypeError,
      "topics",
    ],
    ["no topic", () => topicCoherence([], docs), ValueError, "topics"],
    ["empty topic", () => topicCoherence([["a", "b"], []], docs), ValueError, "topics"],
    ["one-word topic", () => topicCoherence([["a"]], docs), ValueError, "topics"],
    [
      "topic not an array",
      () => topicCoherence(["ab"] as never, docs),
      ArgumentTypeError,
      "topics",
    ],
    [
      "non-string word",
      () => topicCoherence([["a", 3]] as never, docs),
      ArgumentTypeError,
      "topics",
    ],
    [
      "documents not an array",
      () => topicCoherence(topics, null as never),
      ArgumentTypeError,
      "documents",
    ],
    [
      "document not an array",
      () => topicCoherence(topics, ["a b"] as never),
      ArgumentTypeError,
      "documents",
    ],
    [
      "non-string token",
      () => topicCoherence(topics, [["a", null]] as never),
      ArgumentTypeError,
      "documents",
    ],
    ["window 1", () => topicCoherence(topics, docs, { window: 1 }), ValueError, "window"],
    ["window 2.5", () => topicCoherence(topics, docs, { window: 2.5 }), ValueError, "window"],
    [
      "window as text",
      () => topicCoherence(topics, docs, { window: "10" as never }),
      ArgumentTypeError,
      "window",
    ],
    ["topN 1", () => topicCoherence(topics, docs, { topN: 1 }), ValueError, "topN"],
    ["topN NaN", () => topicCoherence(topics, docs, { topN: Number.NaN }), ValueError, "topN"],
    [
      "unknown measure",
      () => topicCoherence(topics, docs, { measure: "c_v" as never }),
      ValueError,
      "measure",
    ],
    [
      "measure not a string",
      () => topicCoherence(topics, docs, { measure: 1 as never }),
      ArgumentTypeError,
      "measure",
    ],
    [
      "unknown option",
      () => topicCoherence(topics, docs, { top_n: 5 } as never),
      ValueError,
      "top_n",
    ],
    [
      "options not an object",
      () => topicCoherence(topics, docs, 5 as never),
      ArgumentTypeError,
      "options",
    ],
    ["words a bare string", () => new CoherenceCounts(docs, "abc"), ArgumentTypeError, "words"],
    [
      "words with a number",
      () => new CoherenceCounts(docs, ["a", 1] as never),
      ArgumentTypeError,
      "words",
    ],
    [
      "windowCounting",
      () => new CoherenceCounts(docs, ["a"], { windowCounting: "exact" as never }),
      ValueError,
      "windowCounting",
    ],
    [
      "empty measures",
      () => new CoherenceCounts(docs, ["a"], { measures: [] }),
      ValueError,
      "measures",
    ],
    [
      "uncounted word in a topic",
      () => new CoherenceCounts(docs, ["a", "b"]).score([["a", "c"]]),
      ValueError,
      "topics",
    ],
    [
      "measure not gathered",
      () =>
        new CoherenceCounts(docs, ["a", "b"], { measures: ["umass"] }).score(topics.slice(0, 1)),
      ValueError,
      "measure",
    ],
    [
      "window option given to score",
      () => new CoherenceCounts(docs, ["a", "b"]).score([["a", "b"]], { window: 5 } as never),
      ValueError,
      "window",
    ],
    [
      "uncounted word",
      () => new CoherenceCounts(docs, ["a"]).documentFrequency("b"),
      ValueError,
      "word",
    ],
    [
      "counts not gathered",
      () => new CoherenceCounts(docs, ["a"], { measures: ["npmi"] }).documentCooccurrence("a", "a"),
      ValueError,
      "measures",
    ],
  ];
  for (const [name, call, type, argument] of cases) {
    it(`${name}: ${type.name} naming \`${argument}\``, () => {
      let caught: unknown;
      try {
        call();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(type);
      expect((caught as ValueError).argument).toBe(argument);
    });
  }

  it("positions are in the messages", () => {
    expect(() =>
      topicCoherence(
        [
          ["a", "b"],
          ["c", 7],
        ] as never,
        docs,
      ),
    ).toThrow(/topics`\[1\]\[1\]/);
    expect(() => topicCoherence(topics, [["a"], ["b", 7]] as never)).toThrow(
      /documents`\[1\]\[1\]/,
    );
  });

  it("a topic left with one word in the corpus is NaN and makes the mean NaN (as gensim)", () => {
    const r = topicCoherence(
      [
        ["a", "b"],
        ["c", "zzz"],
      ],
      docs,
    );
    expect(r.perTopic[0]).not.toBeNaN();
    expect(r.perTopic[1]).toBeNaN();
    expect(r.mean).toBeNaN();
  });
});
