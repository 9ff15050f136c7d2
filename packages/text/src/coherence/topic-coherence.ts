/**
 * One-call topic coherence.
 *
 * @module
 */

import { DEFAULT_COHERENCE_TOP_N, DEFAULT_COHERENCE_WINDOW } from "./coherence-counts.js";
import { countCorpus } from "./corpus-counts.js";
import { scoreTopics } from "./score.js";
import type { CoherenceMeasure, CoherenceResult } from "./types.js";
import {
  COHERENCE_MEASURES,
  checkChoice,
  checkDocumentList,
  checkInteger,
  checkOptions,
  checkTopics,
} from "./validate.js";

/** Options of {@link topicCoherence}. */
export interface TopicCoherenceOptions {
  /** `"npmi"` (default, gensim `c_npmi`) or `"umass"` (gensim `u_mass`); see {@link CoherenceMeasure}. */
  measure?: CoherenceMeasure;
  /** Sliding-window size for `"npmi"`, an integer ≥ 2 (default 10); ignored by `"umass"`. */
  window?: number;
  /** Score each topic's first `topN` words that occur in the corpus, an integer ≥ 2 (default 20). */
  topN?: number;
}

const WHERE = "topicCoherence";

/**
 * Coherence of each topic over a tokenised reference corpus, and their mean — gensim 4.2's
 * `CoherenceModel(topics=topics, texts=documents, dictionary=Dictionary(documents),
 * coherence="c_npmi" | "u_mass", window_size=window, topn=topN).get_coherence_per_topic()` and
 * `get_coherence()`, to the rounding of `Math.log` (the sums follow NumPy's order).
 *
 * Conventions (each from gensim's source; details on the functions named):
 * - words in no document are dropped from their topic before it is cut to `topN` words
 *   ({@link CoherenceCounts.scoredTopics}); a topic left with one word is `NaN`, with none an error;
 * - `"umass"`: pairs `s_one_pre` ({@link segmentOnePre}), whole documents as
 *   {@link DocumentCooccurrence}, `log((D(w_i, w_j)/N + ε) / (D(w_j)/N))` with ε = 1e-12
 *   ({@link logConditionalProbability});
 * - `"npmi"`: pairs `s_one_one` ({@link segmentOneOne}), sliding windows as
 *   {@link WindowCooccurrence}, gensim's NPMI with ε = 1e-12 ({@link normalizedLogRatio});
 * - mean of a topic's pair values and mean over topics: `np.mean` ({@link numpyMean}).
 *
 * To score several topic lists (e.g. every level of a model) over the same corpus, build one
 * {@link CoherenceCounts} instead: this function counts the corpus on every call.
 *
 * @param topics - topics as lists of words, best first.
 * @param documents - the tokenised reference corpus.
 * @param options - see {@link TopicCoherenceOptions}.
 * @throws ArgumentTypeError (from `@neural-nmf/tensor`) when `topics` or `documents` is not an
 *   array of arrays of strings (the message gives the position) or an option has the wrong type.
 * @throws ValueError for no topic, a topic of fewer than two words, a topic none of whose words
 *   occurs in the documents, `window` or `topN` below 2, or an unknown option or measure.
 */
export function topicCoherence(
  topics: readonly (readonly string[])[],
  documents: readonly (readonly string[])[],
  options?: TopicCoherenceOptions,
): CoherenceResult {
  const opts = checkOptions(options, ["measure", "window", "topN"], WHERE);
  const measure = checkChoice(opts.measure, COHERENCE_MEASURES, "npmi", WHERE, "measure");
  const window = checkInteger(opts.window, DEFAULT_COHERENCE_WINDOW, 2, WHERE, "window");
  const topN = checkInteger(opts.topN, DEFAULT_COHERENCE_TOP_N, 2, WHERE, "topN");
  const checked = checkTopics(topics, WHERE);
  const docs = checkDocumentList(documents, WHERE);
  const counts = countCorpus(
    docs,
    checked.flat(),
    { window, windowCounting: "gensim", measures: [measure] },
    WHERE,
  );
  return scoreTopics(counts, checked, measure, topN, WHERE);
}
