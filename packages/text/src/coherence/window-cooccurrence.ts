/**
 * Boolean sliding-window counts (gensim's `p_boolean_sliding_window`, used by `c_npmi`).
 *
 * @module
 */

import { PairTable } from "./pair-table.js";
import type { WindowCounting } from "./types.js";

/**
 * Number of windows ("virtual documents") a document of `length` tokens contributes, following
 * gensim 4.2 (`utils.iter_windows(..., ignore_below_size=False)` over `utils.strided_windows`):
 * `length − window + 1` windows of `window` consecutive tokens when `length ≥ window`, and the
 * whole document as a single shorter window when `0 < length < window`. An empty document
 * contributes none here; gensim yields it as one empty window and then fails on it
 * (`IndexError` in `WordOccurrenceAccumulator._slide_window`), so this matches gensim run on the
 * corpus with its empty documents removed.
 */
export function windowsOf(length: number, window: number): number {
  if (length === 0) return 0;
  return length <= window ? 1 : length - window + 1;
}

/**
 * For each word of interest, the number of sliding windows holding it, and for each pair of them
 * the number of windows holding both — gensim's `WordOccurrenceAccumulator` (`text_analysis.py`).
 *
 * Conventions matched (gensim 4.2):
 * - windows as in {@link windowsOf}; each window counts once in the total, whatever it holds;
 * - tokens that are not words of interest stay in place (gensim maps them to a "none" token and
 *   keeps the positions), so they take room in windows but are never counted;
 * - with `counting: "gensim"`, a window's word set is kept as gensim keeps it: the first window of
 *   a document holds its distinct words; each slide by one token first removes the token leaving
 *   on the left (even if it still occurs in the window) and then adds the token entering on the
 *   right. See {@link WindowCounting}. With `"presence"` a window holds exactly its tokens' words.
 * - a pair counts the windows whose set holds both words; the pair of a word with itself is the
 *   word's count (gensim's symmetrised matrix has the occurrence counts on its diagonal).
 * - a word's window membership depends only on its own positions, so the counts of a word or pair
 *   do not depend on which other words are of interest: counting the union of several models'
 *   topic words gives each model the counts gensim would give it alone.
 *
 * Cost: instead of enumerating the pairs of every window (O(window²) per window), each word's
 * membership is kept as intervals of consecutive windows; when a word leaves the set its overlap
 * with every word still in the set (at most `window` of them) is added to their pair count. That is
 * O(tokens × window) time overall and memory for the words of interest and the pairs that meet.
 */
export class WindowCooccurrence {
  /** Number of word ids. */
  readonly size: number;
  /** Window size (≥ 1). */
  readonly window: number;
  /** How a window decides it holds a word. */
  readonly counting: WindowCounting;
  #windows = 0;
  readonly #occurrences: Float64Array;
  readonly #pairs: PairTable;
  /** Global index of the window from which each word currently in the set has been in it. */
  readonly #since: Float64Array;
  /** Position of each word in #members, −1 when not in the current window's set. */
  readonly #slot: Int32Array;
  /** The words of the current window's set. */
  readonly #members: Int32Array;
  #memberCount = 0;
  /** `"presence"` only: occurrences of each word in the current window. */
  readonly #inWindow: Int32Array | null;

  /**
   * @param size - number of word ids.
   * @param window - window size.
   * @param counting - see {@link WindowCounting}.
   */
  constructor(size: number, window: number, counting: WindowCounting) {
    this.size = size;
    this.window = window;
    this.counting = counting;
    this.#occurrences = new Float64Array(size);
    this.#pairs = new PairTable(size);
    this.#since = new Float64Array(size);
    this.#slot = new Int32Array(size).fill(-1);
    this.#members = new Int32Array(size);
    this.#inWindow = counting === "presence" ? new Int32Array(size) : null;
  }

  /** Total number of windows so far (gensim's `num_docs` of the accumulator). */
  get windowCount(): number {
    return this.#windows;
  }

  /** Number of windows holding word `id`. */
  frequency(id: number): number {
    return this.#occurrences[id]!;
  }

  /** Number of windows holding both words (the word's {@link frequency} when `a === b`). */
  cooccurrence(a: number, b: number): number {
    return a === b ? this.#occurrences[a]! : this.#pairs.get(a, b);
  }

  /**
   * Counts the windows of the next document.
   *
   * @param ids - for each of its tokens, the word id, or −1 for a token that is not of interest.
   * @param length - number of tokens (`ids[0 .. length)`).
   * @param anyOfInterest - whether some `ids[i] ≥ 0` (if not, only the window total changes).
   */
  addDocument(ids: ArrayLike<number>, length: number, anyOfInterest = true): void {
    const n = windowsOf(length, this.window);
    if (n === 0) return;
    const t0 = this.#windows;
    this.#windows = t0 + n;
    if (!anyOfInterest) return;
    const w = this.window;
    const slot = this.#slot;
    const inWindow = this.#inWindow;
    const first = length < w ? length : w;
    for (let i = 0; i < first; i++) {
      const id = ids[i]!;
      if (id < 0) continue;
      if (inWindow !== null) inWindow[id]!++;
      if (slot[id]! < 0) this.#enter(id, t0);
    }
    for (let s = 1; s < n; s++) {
      const t = t0 + s;
      const leaving = ids[s - 1]!;
      const entering = ids[s + w - 1]!;
      if (inWindow !== null) {
        if (leaving >= 0) inWindow[leaving]!--;
        if (entering >= 0) inWindow[entering]!++;
        if (leaving >= 0 && inWindow[leaving] === 0) this.#leave(leaving, t);
      } else if (leaving >= 0 && leaving !== entering && slot[leaving]! >= 0) {
        // gensim: `_uniq_words[token_at_edge] = False` even when the word occurs again inside.
        this.#leave(leaving, t);
      }
      // gensim: `_uniq_words[window[-1]] = True` (after the removal, so a word both leaving and
      // entering stays, or comes back, in the set).
      if (entering >= 0 && slot[entering]! < 0) this.#enter(entering, t);
    }
    const end = t0 + n;
    while (this.#memberCount > 0) {
      const id = this.#members[this.#memberCount - 1]!;
      if (inWindow !== null) inWindow[id] = 0;
      this.#leave(id, end);
    }
  }

  /** Word `id` is in the sets of windows `t`, `t + 1`, ... until it leaves. */
  #enter(id: number, t: number): void {
    this.#since[id] = t;
    this.#slot[id] = this.#memberCount;
    this.#members[this.#memberCount++] = id;
  }

  /** Word `id` is not in the set of window `t`: count its interval and its overlaps. */
  #leave(id: number, t: number): void {
    const since = this.#since;
    const members = this.#members;
    const from = since[id]!;
    this.#occurrences[id]! += t - from;
    const k = this.#slot[id]!;
    const last = members[--this.#memberCount]!;
    members[k] = last;
    this.#slot[last] = k;
    this.#slot[id] = -1;
    for (let j = 0; j < this.#memberCount; j++) {
      const other = members[j]!;
      const start = since[other]! > from ? since[other]! : from;
      this.#pairs.add(id, other, t - start);
    }
  }
}
