/**
 * The confirmation measures of one word pair, as gensim 4.2's
 * `topic_coherence/direct_confirmation_measure.py`, with its operations in its order so results
 * agree to the rounding of `Math.log` against NumPy's `np.log` (≤ 1 ulp).
 *
 * @module
 */

/**
 * gensim's `EPSILON = 1e-12` (`direct_confirmation_measure.py`, "as suggested in" Röder et al.,
 * WSDM 2015). It is added to the joint **probability** (count / total), not to the count.
 */
export const COHERENCE_EPSILON = 1e-12;

/**
 * One `u_mass` term, gensim's `log_conditional_probability`:
 * `log((D(w′, w*) / N + ε) / (D(w*) / N))`, with D the number of documents holding the word(s)
 * and N the number of documents. Note the ε is added to the probability D(w′, w*) / N, so this is
 * `log((D(w′, w*) + εN) / D(w*))`, not `log((D(w′, w*) + ε) / D(w*))` as in Mimno et al.'s paper.
 *
 * gensim catches the `ZeroDivisionError` of a word in no document and scores the pair 0; the same
 * is done here, although {@link CoherenceCounts.score} drops such words before they are paired.
 *
 * @param cooccurrence - D(w′, w*): documents holding both words.
 * @param wStarCount - D(w*): documents holding the conditioning (earlier) word.
 * @param documents - N: number of documents.
 */
export function logConditionalProbability(
  cooccurrence: number,
  wStarCount: number,
  documents: number,
): number {
  if (wStarCount === 0) return 0;
  return Math.log((cooccurrence / documents + COHERENCE_EPSILON) / (wStarCount / documents));
}

/**
 * One `c_npmi` term, gensim's `log_ratio_measure(..., normalize=True)`:
 * `log((P(w′, w*) + ε) / (P(w′) P(w*))) / −log(P(w′, w*) + ε)`, with P = window count / number of
 * windows. It is symmetric in w′ and w*. Because of ε the value can leave [−1, 1] by a hair: a
 * pair that is always together with P(w′) = P(w*) = P(w′, w*) = p < 1 scores about
 * `1 + 2ε / (p · −ln p)` (at most ~2εW / ln W for W windows: 3·10⁻¹⁰ for 1 000 windows), and a
 * pair in every window scores exactly −1 (`log(1 + ε) / −log(1 + ε)`). Pairs that never meet
 * score `−1 + ln(P(w′) P(w*)) / ln ε`, in [−1, 0) while P(w′) P(w*) ≥ ε.
 *
 * A word in no window would divide by zero (gensim returns `inf` or `nan` with a NumPy warning);
 * {@link CoherenceCounts.score} drops such words first, as gensim drops words missing from its
 * dictionary.
 *
 * @param cooccurrence - windows holding both words.
 * @param wPrimeCount - windows holding w′.
 * @param wStarCount - windows holding w*.
 * @param windows - number of windows (gensim's `num_docs` of the sliding-window accumulator).
 */
export function normalizedLogRatio(
  cooccurrence: number,
  wPrimeCount: number,
  wStarCount: number,
  windows: number,
): number {
  const numerator = Math.log(
    (cooccurrence / windows + COHERENCE_EPSILON) /
      ((wPrimeCount / windows) * (wStarCount / windows)),
  );
  return numerator / -Math.log(cooccurrence / windows + COHERENCE_EPSILON);
}
