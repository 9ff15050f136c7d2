/**
 * Counts gathered once for a corpus, then scored many times.
 *
 * @module
 */

import { ArgumentTypeError, describeValue, ValueError } from "@neural-nmf/tensor";
import { type CorpusCounts, countCorpus } from "./corpus-counts.js";
import { scoreTopics, topicIds } from "./score.js";
import type { CoherenceMeasure, CoherenceResult, WindowCounting } from "./types.js";
import {
  COHERENCE_MEASURES,
  checkChoice,
  checkDocumentList,
  checkInteger,
  checkOptions,
  checkTopics,
  checkWords,
  WINDOW_COUNTINGS,
} from "./validate.js";

/** Default sliding-window size: gensim's for `c_npmi` (and `c_uci`). */
export const DEFAULT_COHERENCE_WINDOW = 10;

/** Default number of top words scored per topic: gensim `CoherenceModel`'s `topn=20`. */
export const DEFAULT_COHERENCE_TOP_N = 20;

/** Options of {@link CoherenceCounts}. */
export interface CoherenceCountsOptions {
  /** Sliding-window size for `"npmi"`, an integer ≥ 2 (default 10, gensim's `c_npmi` default). */
  window?: number;
  /** How a window holds a word (default `"gensim"`); see {@link WindowCounting}. */
  windowCounting?: WindowCounting;
  /**
   * Measures to gather counts for (default both). Leaving out `"npmi"` skips the sliding windows,
   * leaving out `"umass"` the per-document index.
   */
  measures?: readonly CoherenceMeasure[];
}

/** Options of {@link CoherenceCounts.score}. */
export interface CoherenceScoreOptions {
  /** `"npmi"` (default) or `"umass"`; see {@link CoherenceMeasure}. */
  measure?: CoherenceMeasure;
  /** Score each topic's first `topN` words that occur in the corpus, an integer ≥ 2 (default 20). */
  topN?: number;
}

const WHERE = "CoherenceCounts";

/**
 * Document and sliding-window co-occurrence counts of a set of words over a tokenised corpus,
 * gathered in one pass, from which topics are scored for any measure — e.g. every level of a
 * hierarchical model at the cost of a single pass over the corpus:
 *
 * ```ts
 * const counts = new CoherenceCounts(documents, levels.flat(2));
 * const npmi = levels.map((topics) => counts.score(topics));
 * const umass = levels.map((topics) => counts.score(topics, { measure: "umass" }));
 * ```
 *
 * Pass every word of every topic as `words` (not only the first `topN`): words absent from the
 * corpus are skipped when scoring, and the next words then take their place, as in gensim.
 *
 * The counts are what gensim 4.2's accumulators hold (`CorpusAccumulator` for `u_mass`,
 * `WordOccurrenceAccumulator` for `c_npmi`; see {@link DocumentCooccurrence} and
 * {@link WindowCooccurrence} for the exact conventions), and they do not depend on which other
 * words are counted, so scoring here equals gensim's `CoherenceModel` on each topic list alone.
 * Counts are integers, so the result does not depend on the order of the documents.
 * Everything is plain JavaScript: no Node API, usable in a browser.
 */
export class CoherenceCounts {
  readonly #counts: CorpusCounts;

  /**
   * @param documents - tokenised documents, e.g. from `tokenize` (the same tokens the model saw).
   * @param words - the words of interest: the union of the topics' words (duplicates allowed).
   * @param options - see {@link CoherenceCountsOptions}.
   * @throws ArgumentTypeError (from `@neural-nmf/tensor`) when `documents` is not an array of
   *   arrays of strings or `words` not an iterable of strings (the message gives the position).
   * @throws ValueError for an unknown option, a `window` below 2, an unknown `windowCounting` or
   *   measure, or an empty `measures`.
   */
  constructor(
    documents: readonly (readonly string[])[],
    words: Iterable<string>,
    options?: CoherenceCountsOptions,
  ) {
    const opts = checkOptions(options, ["window", "windowCounting", "measures"], WHERE);
    const window = checkInteger(opts.window, DEFAULT_COHERENCE_WINDOW, 2, WHERE, "window");
    const windowCounting = checkChoice(
      opts.windowCounting,
      WINDOW_COUNTINGS,
      "gensim",
      WHERE,
      "windowCounting",
    );
    const measures = checkMeasures(opts.measures);
    const docs = checkDocumentList(documents, WHERE);
    const list = checkWords(words, WHERE);
    this.#counts = countCorpus(docs, list, { window, windowCounting, measures }, WHERE);
  }

  /** The distinct words of interest, in first-seen order. */
  get words(): readonly string[] {
    return this.#counts.words;
  }

  /** Sliding-window size. */
  get window(): number {
    return this.#counts.settings.window;
  }

  /** How windows were counted. */
  get windowCounting(): WindowCounting {
    return this.#counts.settings.windowCounting;
  }

  /** Measures whose counts were gathered. */
  get measures(): readonly CoherenceMeasure[] {
    return this.#counts.settings.measures;
  }

  /** Number of documents, empty ones included (the N of `u_mass`). */
  get documentCount(): number {
    return this.#counts.documentCount;
  }

  /**
   * Number of sliding windows (the N of `npmi`): Σ over non-empty documents of
   * `max(1, length − window + 1)`; 0 when `"npmi"` counts were not gathered.
   */
  get windowCount(): number {
    return this.#counts.windows?.windowCount ?? 0;
  }

  /** Whether `word` is among the counted words (it may still occur in no document). */
  has(word: string): boolean {
    return this.#counts.ids.has(word);
  }

  /**
   * Number of documents holding `word` (0 for a counted word absent from the corpus).
   *
   * @throws ValueError when `word` is not among the counted words.
   */
  documentFrequency(word: string): number {
    return this.#counts.documentFrequency[this.#id(word, "word")]!;
  }

  /**
   * Number of documents holding both words; a word with itself gives its document frequency.
   *
   * @throws ValueError when a word is not counted or `"umass"` counts were not gathered.
   */
  documentCooccurrence(a: string, b: string): number {
    const docs = this.#counts.documents;
    if (docs === null) throw notGathered("umass", "documentCooccurrence");
    return docs.cooccurrence(this.#id(a, "a"), this.#id(b, "b"));
  }

  /**
   * Number of sliding windows holding `word`.
   *
   * @throws ValueError when `word` is not counted or `"npmi"` counts were not gathered.
   */
  windowFrequency(word: string): number {
    const windows = this.#counts.windows;
    if (windows === null) throw notGathered("npmi", "windowFrequency");
    return windows.frequency(this.#id(word, "word"));
  }

  /**
   * Number of sliding windows holding both words; a word with itself gives its window frequency.
   *
   * @throws ValueError when a word is not counted or `"npmi"` counts were not gathered.
   */
  windowCooccurrence(a: string, b: string): number {
    const windows = this.#counts.windows;
    if (windows === null) throw notGathered("npmi", "windowCooccurrence");
    return windows.cooccurrence(this.#id(a, "a"), this.#id(b, "b"));
  }

  /**
   * The words each topic is scored on: its words that occur in some document, in order, cut to
   * its first `topN`. This is gensim's choice (`CoherenceModel._ensure_elements_are_ids` keeps the
   * words of the dictionary, the `topics` getter cuts to `topn`) except that gensim decides
   * whether to cut from the first topic's length alone (`if len(self._topics[0]) > self._topn`)
   * and then cuts all topics or none, while each topic is cut on its own here. The two agree
   * unless the first topic has at most `topN` such words and a later one more.
   *
   * @throws ArgumentTypeError / ValueError as {@link score}.
   */
  scoredTopics(
    topics: readonly (readonly string[])[],
    options?: Pick<CoherenceScoreOptions, "topN">,
  ): string[][] {
    const where = `${WHERE}.scoredTopics`;
    const opts = checkOptions(options, ["topN"], where);
    const topN = checkInteger(opts.topN, DEFAULT_COHERENCE_TOP_N, 2, where, "topN");
    return checkTopics(topics, where).map((topic, t) =>
      topicIds(this.#counts, topic, t, topN, where).map((id) => this.#counts.words[id]!),
    );
  }

  /**
   * Coherence of each topic and their mean, as gensim's
   * `CoherenceModel(topics=topics, texts=documents, dictionary=Dictionary(documents),
   * coherence="c_npmi" | "u_mass", window_size=window, topn=topN)` gives them with
   * `get_coherence_per_topic()` and `get_coherence()`.
   *
   * Words absent from every document are dropped first (gensim drops words missing from its
   * dictionary); a topic left with one word scores `NaN` (gensim: `nan`), one left with none is
   * an error (gensim raises `ValueError` too).
   *
   * @param topics - topics as lists of words, best first.
   * @param options - see {@link CoherenceScoreOptions}.
   * @throws ArgumentTypeError (from `@neural-nmf/tensor`) when `topics` is not an array of arrays
   *   of strings or an option has the wrong type.
   * @throws ValueError for no topic, a topic of fewer than two words, a word that was not counted,
   *   a topic none of whose words occurs in the documents, `topN` below 2, an unknown option or
   *   measure, or a measure whose counts were not gathered.
   */
  score(topics: readonly (readonly string[])[], options?: CoherenceScoreOptions): CoherenceResult {
    const where = `${WHERE}.score`;
    const opts = checkOptions(options, ["measure", "topN"], where);
    const measure = checkChoice(opts.measure, COHERENCE_MEASURES, "npmi", where, "measure");
    const topN = checkInteger(opts.topN, DEFAULT_COHERENCE_TOP_N, 2, where, "topN");
    return scoreTopics(this.#counts, checkTopics(topics, where), measure, topN, where);
  }

  #id(word: unknown, argument: string): number {
    if (typeof word !== "string") {
      throw new ArgumentTypeError(
        `${WHERE}: argument \`${argument}\` must be a string, got ${describeValue(word)}`,
        argument,
      );
    }
    const id = this.#counts.ids.get(word);
    if (id === undefined) {
      throw new ValueError(
        `${WHERE}: argument \`${argument}\` is "${word}", which is not among the counted words`,
        argument,
      );
    }
    return id;
  }
}

function notGathered(measure: CoherenceMeasure, method: string): ValueError {
  return new ValueError(
    `${WHERE}.${method}: the "${measure}" counts were not gathered (option \`measures\`)`,
    "measures",
  );
}

function checkMeasures(value: unknown): readonly CoherenceMeasure[] {
  if (value === undefined) return COHERENCE_MEASURES;
  if (!Array.isArray(value)) {
    throw new ArgumentTypeError(
      `${WHERE}: option \`measures\` must be an array of measures, got ${describeValue(value)}`,
      "measures",
    );
  }
  if (value.length === 0) {
    throw new ValueError(`${WHERE}: option \`measures\` is empty`, "measures");
  }
  const out = value.map((m: unknown) =>
    checkChoice(m, COHERENCE_MEASURES, "npmi", WHERE, "measures"),
  );
  return COHERENCE_MEASURES.filter((m) => out.includes(m));
}
