/**
 * Counts indexed by an unordered pair of distinct word ids.
 *
 * @module
 */

/** Above this many pairs the table is a `Map` of the pairs seen instead of a dense triangle. */
const DENSE_LIMIT = 1 << 21;

/**
 * A symmetric count per unordered pair {a, b} of distinct ids in [0, size): a dense lower
 * triangle (`Float64Array`, exact for counts up to 2⁵³) while it holds at most 2²¹ pairs (2 048
 * words, 16 MiB), otherwise a `Map` holding only the pairs that were counted.
 */
export class PairTable {
  /** Number of ids. */
  readonly size: number;
  readonly #dense: Float64Array | null;
  readonly #sparse: Map<number, number> | null;

  /** @param size - number of ids (words of interest). */
  constructor(size: number) {
    this.size = size;
    const pairs = (size * (size - 1)) / 2;
    this.#dense = pairs <= DENSE_LIMIT ? new Float64Array(pairs) : null;
    this.#sparse = this.#dense === null ? new Map() : null;
  }

  /** Adds `amount` to the count of {a, b}; `a !== b`. */
  add(a: number, b: number, amount: number): void {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    if (this.#dense !== null) {
      this.#dense[(hi * (hi - 1)) / 2 + lo]! += amount;
    } else {
      const key = hi * this.size + lo;
      const map = this.#sparse!;
      map.set(key, (map.get(key) ?? 0) + amount);
    }
  }

  /** The count of {a, b} (0 if never counted); `a !== b`. */
  get(a: number, b: number): number {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    if (this.#dense !== null) return this.#dense[(hi * (hi - 1)) / 2 + lo]!;
    return this.#sparse!.get(hi * this.size + lo) ?? 0;
  }
}
