/**
 * Boolean-document counts (gensim's `p_boolean_document`, used by `u_mass`).
 *
 * @module
 */

/** Number of 1 bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * For each word of interest, the documents that hold it, and for a pair of words the number of
 * documents holding both — what gensim's `CorpusAccumulator` counts (an inverted index of sets of
 * document numbers; a pair is the size of the intersection, a word with itself its own count).
 *
 * Building costs one step per token ({@link addDocument} is given each document's distinct word
 * ids) and keeps only the words of interest: memory is one integer per (word, document) incidence.
 * Pair counts are computed on first request and cached: words in at least 1/32 of the documents
 * also get a bitset, so an intersection costs O(documents / 32) whatever the two words' frequencies
 * — a few thousand topic pairs over 10⁵ documents take milliseconds — and no table of all pairs is
 * ever built.
 */
export class DocumentCooccurrence {
  /** Number of word ids. */
  readonly size: number;
  #documents = 0;
  readonly #lists: number[][];
  #postings: Int32Array[] | null = null;
  #bits: (Uint32Array | null)[] | null = null;
  readonly #cache = new Map<number, number>();

  /** @param size - number of word ids. */
  constructor(size: number) {
    this.size = size;
    this.#lists = Array.from({ length: size }, () => []);
  }

  /**
   * Records the next document. Only before the first query (or {@link finish}).
   *
   * @param distinct - the ids of the words of interest it holds, each once, in `distinct[0 .. count)`.
   * @param count - how many ids.
   */
  addDocument(distinct: ArrayLike<number>, count: number): void {
    const doc = this.#documents++;
    for (let i = 0; i < count; i++) this.#lists[distinct[i]!]!.push(doc);
  }

  /** Freezes the index (the posting lists become typed arrays; dense words get a bitset). */
  finish(): void {
    if (this.#postings !== null) return;
    const n = this.#documents;
    const words = (n + 31) >>> 5;
    this.#postings = this.#lists.map((list) => Int32Array.from(list));
    this.#bits = this.#postings.map((list) => {
      if (list.length * 32 < n || list.length === 0) return null;
      const bits = new Uint32Array(words);
      for (const d of list) bits[d >>> 5]! |= 1 << (d & 31);
      return bits;
    });
    for (const list of this.#lists) list.length = 0;
  }

  /** Number of documents recorded (gensim's `num_docs`: every document, empty ones included). */
  get documentCount(): number {
    return this.#documents;
  }

  /** Number of documents holding word `id`. */
  frequency(id: number): number {
    return this.#frozen()[id]!.length;
  }

  /** Number of documents holding both words (the word's {@link frequency} when `a === b`). */
  cooccurrence(a: number, b: number): number {
    const postings = this.#frozen();
    if (a === b) return postings[a]!.length;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const key = hi * this.size + lo;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const bits = this.#bits!;
    const count = this.#intersect(postings[lo]!, postings[hi]!, bits[lo] ?? null, bits[hi] ?? null);
    this.#cache.set(key, count);
    return count;
  }

  #frozen(): Int32Array[] {
    this.finish();
    return this.#postings!;
  }

  #intersect(
    a: Int32Array,
    b: Int32Array,
    bitsA: Uint32Array | null,
    bitsB: Uint32Array | null,
  ): number {
    let count = 0;
    if (bitsA !== null && bitsB !== null) {
      for (let i = 0; i < bitsA.length; i++) count += popcount(bitsA[i]! & bitsB[i]!);
      return count;
    }
    if (bitsA !== null || bitsB !== null) {
      const bits = (bitsA ?? bitsB)!;
      const list = bitsA !== null ? b : a;
      for (let i = 0; i < list.length; i++) {
        const d = list[i]!;
        if ((bits[d >>> 5]! >>> (d & 31)) & 1) count++;
      }
      return count;
    }
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x === y) {
        count++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return count;
  }
}
