/**
 * `@neural-nmf/datasets`: seeded data generators for Neural NMF.
 * @packageDocumentation
 */
export {
  type HierarchicalCorpus,
  type HierarchicalCorpusOptions,
  hierarchicalCorpus,
  MAX_CORPUS_DIMENSION,
  MAX_CORPUS_TOKENS,
} from "./hierarchical-corpus.js";
