import { compareCodePoints } from "./code-point-order.js";

/** Pruning rules of {@link selectVocabulary}, already in documents. */
export interface VocabularyLimits {
  /** Keep terms in at least this many documents (may be fractional, from a proportion). */
  readonly minDocuments: number;
  /** Keep terms in at most this many documents. */
  readonly maxDocuments: number;
  /** Keep at most this many terms, the most frequent over the corpus; `null` keeps all. */
  readonly maxFeatures: number | null;
}

/**
 * Chooses the vocabulary as scikit-learn's `CountVectorizer` does: terms whose document frequency
 * lies in `[minDocuments, maxDocuments]`, then — if more remain than `maxFeatures` — those with the
 * largest total count in the corpus.
 *
 * Ties in total count are broken alphabetically (by code point), which is what scikit-learn
 * intends by sorting the features before limiting them. (scikit-learn then uses NumPy's default,
 * unstable `argsort`, so for large vocabularies its choice among tied terms depends on the NumPy
 * build; ours does not.)
 *
 * @param terms - candidate terms, indexed by provisional id.
 * @param documentFrequency - documents containing each term.
 * @param totalCount - occurrences of each term in the whole corpus.
 * @returns the provisional ids of the kept terms, in alphabetical order of their terms.
 */
export function selectVocabulary(
  terms: readonly string[],
  documentFrequency: ArrayLike<number>,
  totalCount: ArrayLike<number>,
  limits: VocabularyLimits,
): number[] {
  let kept: number[] = [];
  for (let t = 0; t < terms.length; t++) {
    const df = documentFrequency[t] as number;
    if (df >= limits.minDocuments && df <= limits.maxDocuments) kept.push(t);
  }
  const byTerm = (a: number, b: number): number =>
    compareCodePoints(terms[a] as string, terms[b] as string);
  if (limits.maxFeatures !== null && kept.length > limits.maxFeatures) {
    kept.sort((a, b) => (totalCount[b] as number) - (totalCount[a] as number) || byTerm(a, b));
    kept = kept.slice(0, limits.maxFeatures);
  }
  return kept.sort(byTerm);
}
