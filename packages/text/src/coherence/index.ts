/**
 * Topic coherence (gensim's `c_npmi` and `u_mass`), browser-safe. The package index is expected to
 * re-export this module: `export * from "./coherence/index.js"`.
 *
 * @module
 */

export {
  CoherenceCounts,
  type CoherenceCountsOptions,
  type CoherenceScoreOptions,
  DEFAULT_COHERENCE_TOP_N,
  DEFAULT_COHERENCE_WINDOW,
} from "./coherence-counts.js";
export {
  COHERENCE_EPSILON,
  logConditionalProbability,
  normalizedLogRatio,
} from "./direct-confirmation.js";
export { DocumentCooccurrence } from "./document-cooccurrence.js";
export { numpyMean, numpyPairwiseSum } from "./numpy-mean.js";
export { type Segment, segmentOneOne, segmentOnePre } from "./segmentation.js";
export { type TopicCoherenceOptions, topicCoherence } from "./topic-coherence.js";
export type { CoherenceMeasure, CoherenceResult, WindowCounting } from "./types.js";
export { WindowCooccurrence, windowsOf } from "./window-cooccurrence.js";
