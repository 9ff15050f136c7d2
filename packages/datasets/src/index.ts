/**
 * `@neural-nmf/datasets`: data sets for Neural NMF — seeded synthetic generators and the Brown
 * corpus genre hierarchy. Browser-safe; the Node-only loader of the Brown corpus files lives in
 * the `@neural-nmf/datasets/brown/node` subpath.
 * @packageDocumentation
 */
export * from "./brown/index.js";
export {
  type HierarchicalCorpus,
  type HierarchicalCorpusOptions,
  hierarchicalCorpus,
  MAX_CORPUS_DIMENSION,
  MAX_CORPUS_TOKENS,
} from "./hierarchical-corpus.js";
