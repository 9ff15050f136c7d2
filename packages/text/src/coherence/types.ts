/**
 * Public types shared by the topic-coherence functions.
 *
 * @module
 */

/**
 * A topic-coherence measure.
 *
 * - `"npmi"`: gensim's `c_npmi` — normalised pointwise mutual information of every ordered pair of
 *   distinct positions of a topic (segmentation `s_one_one`), probabilities from boolean sliding
 *   windows (`p_boolean_sliding_window`), averaged by `arithmetic_mean`. Higher is more coherent;
 *   each pair lies in [−1, 1] up to gensim's ε (see {@link normalizedLogRatio}).
 * - `"umass"`: gensim's `u_mass` — log conditional probability of each later word given each
 *   earlier one (segmentation `s_one_pre`), probabilities from whole documents
 *   (`p_boolean_document`). Always ≤ ~0; closer to 0 is more coherent.
 */
export type CoherenceMeasure = "npmi" | "umass";

/**
 * How the sliding windows of `"npmi"` decide that a window holds a word.
 *
 * - `"gensim"` (default): exactly gensim 4.2's `WordOccurrenceAccumulator`. It tracks the words of
 *   a window incrementally: sliding one step forgets the token that leaves on the left **even when
 *   the same word occurs again inside the window**, and adds the token that enters on the right.
 *   A word repeated within a window is therefore sometimes counted absent from windows that hold
 *   it (for example `a b a c d` with window 3 counts `a` in 1 window, not 3).
 * - `"presence"`: the textbook definition (Röder et al., 2015): a window holds a word when any of
 *   its tokens is that word. Not what gensim computes when words repeat within a window.
 *
 * Both agree whenever no word of interest occurs twice within `window` consecutive tokens.
 */
export type WindowCounting = "gensim" | "presence";

/** Coherence of each topic and their mean. */
export interface CoherenceResult {
  /**
   * One value per topic, in the order given. `NaN` for a topic left with fewer than two words
   * once the words absent from every document are dropped (gensim returns `nan` there too).
   */
  perTopic: number[];
  /**
   * Mean of `perTopic` summed in NumPy's pairwise order (gensim's `arithmetic_mean` is
   * `np.mean`); `NaN` when any topic is `NaN`, as in gensim.
   */
  mean: number;
}
