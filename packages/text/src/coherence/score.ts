/**
 * Scoring topics against gathered counts, following gensim 4.2's `CoherenceModel`.
 *
 * @module
 */

import { ValueError } from "@neural-nmf/tensor";
import type { CorpusCounts } from "./corpus-counts.js";
import { logConditionalProbability, normalizedLogRatio } from "./direct-confirmation.js";
import { numpyMean } from "./numpy-mean.js";
import { segmentOneOne, segmentOnePre } from "./segmentation.js";
import type { CoherenceMeasure, CoherenceResult } from "./types.js";

/**
 * The word ids a topic is scored on, as gensim's `CoherenceModel` chooses them:
 *
 * 1. words in no document are dropped, keeping the order of the others
 *    (`CoherenceModel._ensure_elements_are_ids` keeps only the words of the dictionary; with the
 *    dictionary built from the same texts, those are the words of some document). gensim raises
 *    `ValueError("unable to interpret topic as either a list of tokens or a list of ids")` when no
 *    word is left; so does this function.
 * 2. the rest is cut to its first `topN` words (the `CoherenceModel.topics` getter). gensim decides
 *    whether to cut from the FIRST topic's length alone (`if len(self._topics[0]) > self._topn`)
 *    and then cuts all topics or none; here each topic is cut on its own. The two agree unless the
 *    first topic has at most `topN` words and a later one more.
 *
 * @throws ValueError when a word was not among the counted words, or none of the topic's words is
 *   in any document.
 */
export function topicIds(
  counts: CorpusCounts,
  topic: readonly string[],
  index: number,
  topN: number,
  where: string,
): number[] {
  const kept: number[] = [];
  topic.forEach((word, j) => {
    const id = counts.ids.get(word);
    if (id === undefined) {
      throw new ValueError(
        `${where}: argument \`topics\`[${index}][${j}] is "${word}", which is not among the counted words`,
        "topics",
      );
    }
    if (counts.documentFrequency[id]! > 0) kept.push(id);
  });
  if (kept.length === 0) {
    throw new ValueError(
      `${where}: none of the words of \`topics\`[${index}] occurs in the documents (gensim raises too: "unable to interpret topic as either a list of tokens or a list of ids")`,
      "topics",
    );
  }
  return kept.length > topN ? kept.slice(0, topN) : kept;
}

/** gensim's `u_mass` coherence of one topic (ids already resolved by {@link topicIds}). */
export function umassOfTopic(counts: CorpusCounts, ids: readonly number[]): number {
  const docs = counts.documents!;
  const n = docs.documentCount;
  const sims = segmentOnePre(ids).map(([wPrime, wStar]) =>
    logConditionalProbability(docs.cooccurrence(wPrime, wStar), docs.frequency(wStar), n),
  );
  return numpyMean(sims);
}

/** gensim's `c_npmi` coherence of one topic (ids already resolved by {@link topicIds}). */
export function npmiOfTopic(counts: CorpusCounts, ids: readonly number[]): number {
  const windows = counts.windows!;
  const n = windows.windowCount;
  const sims = segmentOneOne(ids).map(([wPrime, wStar]) =>
    normalizedLogRatio(
      windows.cooccurrence(wPrime, wStar),
      windows.frequency(wPrime),
      windows.frequency(wStar),
      n,
    ),
  );
  return numpyMean(sims);
}

/**
 * Coherence of each topic and their mean (gensim's `get_coherence_per_topic()` and
 * `get_coherence()`, i.e. `arithmetic_mean` = `np.mean`).
 *
 * @throws ValueError when the counts for `measure` were not gathered, or from {@link topicIds}.
 */
export function scoreTopics(
  counts: CorpusCounts,
  topics: readonly (readonly string[])[],
  measure: CoherenceMeasure,
  topN: number,
  where: string,
): CoherenceResult {
  if (!counts.settings.measures.includes(measure)) {
    throw new ValueError(
      `${where}: the counts were gathered for ${counts.settings.measures.map((m) => `"${m}"`).join(", ")} only, not "${measure}" (option \`measures\`)`,
      "measure",
    );
  }
  const resolved = topics.map((topic, t) => topicIds(counts, topic, t, topN, where));
  const perTopic = resolved.map((ids) => {
    if (ids.length < 2) return Number.NaN;
    return measure === "npmi" ? npmiOfTopic(counts, ids) : umassOfTopic(counts, ids);
  });
  return { perTopic, mean: numpyMean(perTopic) };
}
