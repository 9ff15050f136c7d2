/**
 * `@neural-nmf/datasets`: data sets for Neural NMF — seeded synthetic generators and the Brown
 * corpus genre hierarchy. Browser-safe; the Node-only loader of the Brown corpus files lives in
 * the `@neural-nmf/datasets/brown/node` subpath.
 * @packageDocumentation
 */
export {
  type BrownDocument,
  type BrownLabels,
  brownDocument,
  brownGenreOf,
  brownLabels,
  stripBrownTags,
} from "./brown/document.js";
export {
  BROWN_GENRES,
  BROWN_GROUPS,
  BROWN_TOP_LEVELS,
  type BrownGenre,
  type BrownGenreLetter,
  type BrownGroup,
  type BrownGroupId,
  type BrownTopLevel,
  type BrownTopLevelId,
} from "./brown/genres.js";
export {
  type HierarchicalCorpus,
  type HierarchicalCorpusOptions,
  hierarchicalCorpus,
  MAX_CORPUS_DIMENSION,
  MAX_CORPUS_TOKENS,
} from "./hierarchical-corpus.js";
