/**
 * Segmentations of a topic into (W′, W*) word pairs, as gensim's `topic_coherence/segmentation.py`.
 * Words are given as integer ids; the order of the pairs is gensim's, which fixes the order of
 * summation of the mean.
 *
 * @module
 */

/** A segment: `[wPrime, wStar]`, the word scored and the word it is conditioned on / compared to. */
export type Segment = readonly [wPrime: number, wStar: number];

/**
 * gensim's `s_one_pre` (used by `u_mass`): every later word with every earlier one,
 * `(w_i, w_j)` for i > j, ordered by i then j:
 * `[(w1, w0), (w2, w0), (w2, w1), (w3, w0), ...]`. N(N−1)/2 segments for N words.
 */
export function segmentOnePre(topic: readonly number[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 1; i < topic.length; i++) {
    for (let j = 0; j < i; j++) out.push([topic[i]!, topic[j]!]);
  }
  return out;
}

/**
 * gensim's `s_one_one` (used by `c_npmi` and `c_uci`): every ordered pair of distinct positions,
 * `(w_i, w_j)` for i ≠ j, ordered by i then j: `[(w0, w1), (w0, w2), ..., (w1, w0), (w1, w2), ...]`.
 * N(N−1) segments for N words. Positions, not words, must differ: a word listed twice is paired
 * with itself, as in gensim.
 */
export function segmentOneOne(topic: readonly number[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < topic.length; i++) {
    for (let j = 0; j < topic.length; j++) {
      if (i !== j) out.push([topic[i]!, topic[j]!]);
    }
  }
  return out;
}
