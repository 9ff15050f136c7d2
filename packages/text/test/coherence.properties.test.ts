import { ArgumentTypeError, ValueError } from "@neural-nmf/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COHERENCE_EPSILON,
  CoherenceCounts,
  logConditionalProbability,
  normalizedLogRatio,
  topicCoherence,
  type WindowCounting,
} from "../src/coherence/index.js";

// fast-check is seeded globally by tooling/vitest.setup.mjs (FC_SEED to explore other cases).

const INTEREST = ["a", "b", "c", "d", "e", "f"];
const VOCABULARY = [...INTEREST, "x", "y"];

const documentArb = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 30 });
const corpusArb = fc.array(documentArb, { minLength: 1, maxLength: 14 });
const windowArb = fc.integer({ min: 2, max: 12 });
const topicArb = fc.array(fc.constantFrom(...INTEREST), { minLength: 2, maxLength: 6 });
const topicsArb = fc.array(topicArb, { minLength: 1, maxLength: 4 });

interface Counts {
  windows: number;
  occurrences: Map<string, number>;
  pairs: Map<string, number>;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Adds one window's word set to the counts, enumerating its pairs. */
function countWindow(c: Counts, set: ReadonlySet<string>): void {
  c.windows++;
  const words = [...set];
  for (const w of words) bump(c.occurrences, w);
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) bump(c.pairs, pairKey(words[i]!, words[j]!));
  }
}

/**
 * Literal port of gensim 4.2's WordOccurrenceAccumulator (`_slide_window` + `analyze_text`) over
 * `utils.iter_windows(..., ignore_below_size=False)`: O(window²) per window, for reference only.
 * Empty documents are skipped (gensim fails on them).
 */
function bruteForceWindows(
  docs: readonly (readonly string[])[],
  words: ReadonlySet<string>,
  w: number,
  counting: WindowCounting,
): Counts {
  const c: Counts = { windows: 0, occurrences: new Map(), pairs: new Map() };
  for (const doc of docs) {
    if (doc.length === 0) continue;
    const windows =
      doc.length <= w ? [doc] : doc.slice(0, doc.length - w + 1).map((_, s) => doc.slice(s, s + w));
    let mask = new Set<string>();
    windows.forEach((win, k) => {
      if (counting === "presence" || k === 0) {
        mask = new Set(win);
      } else {
        mask.delete(windows[k - 1]![0]!); // _uniq_words[token_at_edge] = False
        mask.add(win[win.length - 1]!); // _uniq_words[window[-1]] = True
      }
      countWindow(c, new Set([...mask].filter((t) => words.has(t))));
    });
  }
  return c;
}

function bruteForceDocuments(
  docs: readonly (readonly string[])[],
  words: ReadonlySet<string>,
): Counts {
  const c: Counts = { windows: 0, occurrences: new Map(), pairs: new Map() };
  for (const doc of docs) countWindow(c, new Set(doc.filter((t) => words.has(t))));
  return c;
}

/** All counts of `counts` for `words`, as plain data. */
function snapshot(counts: CoherenceCounts, words: readonly string[]) {
  return {
    documents: counts.documentCount,
    windows: counts.windowCount,
    df: words.map((w) => counts.documentFrequency(w)),
    wf: words.map((w) => counts.windowFrequency(w)),
    dc: words.map((a) => words.map((b) => counts.documentCooccurrence(a, b))),
    wc: words.map((a) => words.map((b) => counts.windowCooccurrence(a, b))),
  };
}

describe("coherence counts (properties)", () => {
  for (const counting of ["gensim", "presence"] as const) {
    it(`sliding-window counts equal a brute-force window-by-window count (${counting})`, () => {
      fc.assert(
        fc.property(
          corpusArb,
          windowArb,
          fc.subarray(INTEREST, { minLength: 1 }),
          (docs, w, words) => {
            const counts = new CoherenceCounts(docs, words, {
              window: w,
              windowCounting: counting,
            });
            const ref = bruteForceWindows(docs, new Set(words), w, counting);
            expect(counts.windowCount).toBe(ref.windows);
            for (const a of words) {
              expect(counts.windowFrequency(a)).toBe(ref.occurrences.get(a) ?? 0);
              for (const b of words) {
                const expected =
                  a === b ? (ref.occurrences.get(a) ?? 0) : (ref.pairs.get(pairKey(a, b)) ?? 0);
                expect(counts.windowCooccurrence(a, b)).toBe(expected);
              }
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it("document counts equal a brute-force count (and dense bitsets agree with posting lists)", () => {
    // Many documents so frequent words get a bitset and rare ones stay posting lists.
    const manyDocs = fc.array(documentArb, { minLength: 1, maxLength: 120 });
    fc.assert(
      fc.property(manyDocs, fc.subarray(INTEREST, { minLength: 1 }), (docs, words) => {
        const counts = new CoherenceCounts(docs, words, { measures: ["umass"] });
        const ref = bruteForceDocuments(docs, new Set(words));
        expect(counts.documentCount).toBe(docs.length);
        for (const a of words) {
          expect(counts.documentFrequency(a)).toBe(ref.occurrences.get(a) ?? 0);
          for (const b of words) {
            const expected =
              a === b ? (ref.occurrences.get(a) ?? 0) : (ref.pairs.get(pairKey(a, b)) ?? 0);
            expect(counts.documentCooccurrence(a, b)).toBe(expected);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("permuting the documents changes neither the counts nor the scores", () => {
    fc.assert(
      fc.property(corpusArb, windowArb, topicsArb, fc.nat(), (docs, w, topics, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(docs, { minLength: docs.length }), {
          numRuns: 1,
          seed,
        })[0]!;
        const a = new CoherenceCounts(docs, INTEREST, { window: w });
        const b = new CoherenceCounts(shuffled, INTEREST, { window: w });
        expect(snapshot(b, INTEREST)).toEqual(snapshot(a, INTEREST));
        const present = topics.filter((t) => t.some((word) => a.documentFrequency(word) > 0));
        if (present.length === 0) return;
        for (const measure of ["npmi", "umass"] as const) {
          expect(b.score(present, { measure })).toEqual(a.score(present, { measure }));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a word's counts do not depend on which other words are counted", () => {
    fc.assert(
      fc.property(
        corpusArb,
        windowArb,
        fc.subarray(INTEREST, { minLength: 1 }),
        (docs, w, words) => {
          const all = new CoherenceCounts(docs, VOCABULARY, { window: w });
          const some = new CoherenceCounts(docs, words, { window: w });
          expect(snapshot(some, words)).toEqual(snapshot(all, words));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("coherence values (properties)", () => {
  it("NPMI topic values lie in [−1, 1] (up to gensim's ε: here W < 400 windows, slack 1e-9)", () => {
    fc.assert(
      fc.property(corpusArb, windowArb, topicsArb, (docs, w, topics) => {
        const counts = new CoherenceCounts(docs, INTEREST, { window: w });
        const present = topics.filter((t) => t.some((word) => counts.documentFrequency(word) > 0));
        if (present.length === 0) return;
        for (const v of counts.score(present).perTopic) {
          if (Number.isNaN(v)) continue;
          expect(v).toBeGreaterThanOrEqual(-1 - 1e-12);
          expect(v).toBeLessThanOrEqual(1 + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("each NPMI term is ≥ −1 and exceeds 1 by at most 2εW / ln W for W windows", () => {
    const counts = fc
      .tuple(
        fc.integer({ min: 2, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      )
      .map(([windows, u, v, z]) => {
        const p = 1 + Math.floor(u * (windows - 1)); // windows holding w′, ≥ 1
        const s = 1 + Math.floor(v * (windows - 1)); // windows holding w*
        const lo = Math.max(0, p + s - windows); // both must fit in the windows
        const co = lo + Math.floor(z * (Math.min(p, s) - lo));
        return { windows, p, s, co };
      });
    fc.assert(
      fc.property(counts, ({ windows, p, s, co }) => {
        const v = normalizedLogRatio(co, p, s, windows);
        expect(v).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(v).toBeLessThanOrEqual(
          1 + (2 * COHERENCE_EPSILON * windows) / Math.log(windows) + 1e-12,
        );
      }),
      { numRuns: 2000 },
    );
    // The two edge cases of the TSDoc: a pair in every window is exactly −1; a pair always together
    // and rare exceeds 1.
    expect(normalizedLogRatio(50, 50, 50, 50)).toBe(-1);
    expect(normalizedLogRatio(1, 1, 1, 1_000_000)).toBeGreaterThan(1);
  });

  it("u_mass terms are ≤ log(1 + εN / D) (≈ 0) and the same word pair twice gives ~0", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, u, z) => {
          const d = 1 + Math.floor(u * (n - 1));
          const co = Math.floor(z * d);
          expect(logConditionalProbability(co, d, n)).toBeLessThanOrEqual(
            Math.log1p((COHERENCE_EPSILON * n) / d) + 1e-15,
          );
        },
      ),
      { numRuns: 1000 },
    );
    expect(logConditionalProbability(0, 0, 10)).toBe(0); // gensim's ZeroDivisionError → 0.0
  });

  it("a repeated topic gets the same value, wherever it is in the list", () => {
    fc.assert(
      fc.property(
        corpusArb,
        windowArb,
        topicsArb,
        fc.constantFrom("npmi" as const, "umass" as const),
        (docs, w, topics, measure) => {
          const counts = new CoherenceCounts(docs, INTEREST, { window: w });
          const present = topics.filter((t) =>
            t.some((word) => counts.documentFrequency(word) > 0),
          );
          if (present.length === 0) return;
          const first = present[0]!;
          const r = counts.score([first, ...present, first], { measure });
          expect(Object.is(r.perTopic[0], r.perTopic[r.perTopic.length - 1])).toBe(true);
          expect(Object.is(r.perTopic[0], r.perTopic[1])).toBe(true);
          expect(Object.is(r.perTopic[0], counts.score([first], { measure }).perTopic[0])).toBe(
            true,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("topicCoherence equals CoherenceCounts.score with the same settings", () => {
    fc.assert(
      fc.property(
        corpusArb,
        windowArb,
        topicsArb,
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom("npmi" as const, "umass" as const),
        (docs, window, topics, topN, measure) => {
          const counts = new CoherenceCounts(docs, INTEREST, { window });
          const present = topics.filter((t) =>
            t.some((word) => counts.documentFrequency(word) > 0),
          );
          if (present.length === 0) return;
          expect(topicCoherence(present, docs, { measure, window, topN })).toEqual(
            counts.score(present, { measure, topN }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("invalid inputs (properties)", () => {
  const docs = [["a", "b", "c", "a"]];
  const notString = fc.oneof(
    fc.integer(),
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.object(),
  );

  it("a non-string word anywhere in the topics is an ArgumentTypeError naming `topics`", () => {
    fc.assert(
      fc.property(topicsArb, notString, fc.nat(), fc.nat(), (topics, bad, i, j) => {
        const t = i % topics.length;
        const copy: unknown[][] = topics.map((x) => [...x]);
        copy[t]![j % copy[t]!.length] = bad;
        let caught: unknown;
        try {
          topicCoherence(copy as never, docs);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(ArgumentTypeError);
        expect((caught as ArgumentTypeError).argument).toBe("topics");
      }),
    );
  });

  it("a non-string token anywhere in the documents is an ArgumentTypeError naming `documents`", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 5,
        }),
        notString,
        fc.nat(),
        fc.nat(),
        (corpus, bad, i, j) => {
          const copy: unknown[][] = corpus.map((x) => [...x]);
          const d = i % copy.length;
          copy[d]![j % copy[d]!.length] = bad;
          expect(() => topicCoherence([["a", "b"]], copy as never)).toThrow(ArgumentTypeError);
          expect(() => new CoherenceCounts(copy as never, ["a"])).toThrow(ArgumentTypeError);
        },
      ),
    );
  });

  it("window and topN below 2 or not integers are ValueErrors naming the option", () => {
    const bad = fc.oneof(
      fc.integer({ max: 1 }),
      fc.double({ noInteger: true }),
      fc.constant(Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(bad, fc.constantFrom("window" as const, "topN" as const), (value, option) => {
        let caught: unknown;
        try {
          topicCoherence([["a", "b"]], docs, { [option]: value });
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(ValueError);
        expect((caught as ValueError).argument).toBe(option);
      }),
    );
  });
});
