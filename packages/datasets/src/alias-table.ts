import type { Random } from "@neural-nmf/tensor";

/**
 * Walker's alias table of a discrete distribution (Vose's construction): after O(n) set-up,
 * every draw costs one uniform number and one comparison, whatever n is. Sampling millions of
 * tokens from a 20 000-word distribution is why it exists.
 */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;
  /** The outcomes, `outcomes[i]` for slot i. */
  private readonly outcomes: Int32Array;

  /**
   * @param outcomes - the values drawn (word indices).
   * @param weights - nonnegative weights, one per outcome, not all zero.
   */
  constructor(outcomes: Int32Array, weights: Float64Array) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i] as number;
    const scaled = new Float64Array(n);
    for (let i = 0; i < n; i++) scaled[i] = ((weights[i] as number) * n) / total;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    this.outcomes = outcomes;
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) ((scaled[i] as number) < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.probability[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      ((scaled[l] as number) < 1 ? small : large).push(l);
    }
    // Whatever is left is 1 up to rounding.
    for (const i of large) this.probability[i] = 1;
    for (const i of small) this.probability[i] = 1;
  }

  /** One draw. */
  sample(rng: Random): number {
    const u = rng.uniform() * this.probability.length;
    const slot = Math.floor(u);
    const pick =
      u - slot < (this.probability[slot] as number) ? slot : (this.alias[slot] as number);
    return this.outcomes[pick] as number;
  }
}
