/**
 * `@neural-nmf/text`: browser-safe text processing for Neural NMF — a Unicode-aware tokeniser,
 * English stop words, count and tf-idf vectorisers that match scikit-learn and produce a sparse
 * words × documents matrix, Matrix Market text read/write, and topic coherence (NPMI, UMass).
 * Data sets, among them the Brown corpus, live in `@neural-nmf/datasets`.
 * @packageDocumentation
 */

export { compareCodePoints } from "./code-point-order.js";
export {
  CoherenceCounts,
  type CoherenceCountsOptions,
  type CoherenceMeasure,
  type CoherenceResult,
  type CoherenceScoreOptions,
  DEFAULT_COHERENCE_TOP_N,
  DEFAULT_COHERENCE_WINDOW,
  type TopicCoherenceOptions,
  topicCoherence,
  type WindowCounting,
} from "./coherence/index.js";
export type { DocumentFrequency } from "./document-frequency.js";
export { ParseError } from "./errors.js";
export { type FormatMatrixMarketOptions, formatMatrixMarket } from "./matrix-market/format.js";
export type {
  MatrixMarketField,
  MatrixMarketFormat,
  MatrixMarketHeader,
  MatrixMarketSymmetry,
} from "./matrix-market/header.js";
export { parseMatrixMarket } from "./matrix-market/parse.js";
export {
  createMatrixMarketReader,
  MAX_MATRIX_MARKET_COLUMNS,
  MAX_MATRIX_MARKET_DIMENSION,
  MAX_MATRIX_MARKET_ENTRIES,
  type MatrixMarketReader,
  type MatrixMarketReaderOptions,
  type MatrixMarketSize,
} from "./matrix-market/reader.js";
export { ENGLISH_STOP_WORDS, type StopWordChanges, stopWords } from "./stop-words.js";
export {
  createTokenizer,
  type ResolvedTokenizerOptions,
  type StopWordsOption,
  type Tokenizer,
  type TokenizerOptions,
  tokenize,
  type UnicodeNormalization,
} from "./tokenizer.js";
export {
  type ResolvedTextVectorizerOptions,
  type TermDocumentMatrix,
  TextVectorizer,
  type TextVectorizerJSON,
  type TextVectorizerOptions,
  type TextVectorizerState,
  VECTORIZE_PROGRESS_INTERVAL,
  type VectorizeOptions,
} from "./vectorizer.js";
export { inverseDocumentFrequency, type Norm, type Weighting } from "./weighting.js";
