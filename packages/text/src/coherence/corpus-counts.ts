/**
 * The one pass over a corpus that gathers every count the coherence measures need.
 *
 * @module
 */

import { DocumentCooccurrence } from "./document-cooccurrence.js";
import type { CoherenceMeasure, WindowCounting } from "./types.js";
import { documentTypeError, tokenTypeError } from "./validate.js";
import { WindowCooccurrence } from "./window-cooccurrence.js";

/** Resolved settings of a count: which measures to prepare for and the window. */
export interface CountSettings {
  /** Window size of the sliding windows (≥ 2). */
  readonly window: number;
  /** See {@link WindowCounting}. */
  readonly windowCounting: WindowCounting;
  /** Measures whose counts are gathered (`"npmi"`: windows, `"umass"`: documents). */
  readonly measures: readonly CoherenceMeasure[];
}

/** Everything counted for a corpus and a set of words of interest. */
export interface CorpusCounts {
  /** Settings used. */
  readonly settings: CountSettings;
  /** The distinct words of interest, in first-seen order; a word's index is its id. */
  readonly words: readonly string[];
  /** Word → id. */
  readonly ids: ReadonlyMap<string, number>;
  /** Number of documents (empty ones included). */
  readonly documentCount: number;
  /** Documents holding each word (always counted: it decides which words are in the corpus). */
  readonly documentFrequency: Float64Array;
  /** Boolean-document counts, when `"umass"` is among the measures. */
  readonly documents: DocumentCooccurrence | null;
  /** Sliding-window counts, when `"npmi"` is among the measures. */
  readonly windows: WindowCooccurrence | null;
}

/**
 * Counts `documents` for `words` in a single pass: per token one `Map` lookup, plus O(window)
 * work for a token of interest when windows are counted. Only the words of interest get counts.
 *
 * @param documents - tokenised documents (already known to be an array; each document and token is
 *   checked here).
 * @param words - words of interest (duplicates allowed).
 * @param settings - resolved settings.
 * @param where - function name for error messages.
 * @throws ArgumentTypeError (from `@neural-nmf/tensor`) for a document that is not an array or a
 *   token that is not a string, naming its position.
 */
export function countCorpus(
  documents: readonly unknown[],
  words: readonly string[],
  settings: CountSettings,
  where: string,
): CorpusCounts {
  const ids = new Map<string, number>();
  const distinctWords: string[] = [];
  for (const w of words) {
    if (!ids.has(w)) {
      ids.set(w, distinctWords.length);
      distinctWords.push(w);
    }
  }
  const size = distinctWords.length;
  const documentFrequency = new Float64Array(size);
  const docCounts = settings.measures.includes("umass") ? new DocumentCooccurrence(size) : null;
  const windowCounts = settings.measures.includes("npmi")
    ? new WindowCooccurrence(size, settings.window, settings.windowCounting)
    : null;
  const lastSeen = new Int32Array(size).fill(-1);
  const distinct = new Int32Array(size);
  let tokenIds = new Int32Array(64);

  for (let d = 0; d < documents.length; d++) {
    const doc = documents[d];
    if (!Array.isArray(doc)) throw documentTypeError(where, d, doc);
    const length = doc.length;
    if (tokenIds.length < length) tokenIds = new Int32Array(Math.max(length, tokenIds.length * 2));
    let distinctCount = 0;
    for (let i = 0; i < length; i++) {
      const token: unknown = doc[i];
      if (typeof token !== "string") throw tokenTypeError(where, d, i, token);
      const id = ids.get(token);
      if (id === undefined) {
        tokenIds[i] = -1;
        continue;
      }
      tokenIds[i] = id;
      if (lastSeen[id] !== d) {
        lastSeen[id] = d;
        distinct[distinctCount++] = id;
      }
    }
    for (let i = 0; i < distinctCount; i++) documentFrequency[distinct[i]!]!++;
    docCounts?.addDocument(distinct, distinctCount);
    windowCounts?.addDocument(tokenIds, length, distinctCount > 0);
  }
  docCounts?.finish();
  return {
    settings,
    words: distinctWords,
    ids,
    documentCount: documents.length,
    documentFrequency,
    documents: docCounts,
    windows: windowCounts,
  };
}
