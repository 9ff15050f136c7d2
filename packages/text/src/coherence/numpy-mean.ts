/**
 * NumPy's summation order, so means agree with gensim's `np.mean` to the last bit whenever the
 * summands do.
 *
 * @module
 */

/** NumPy's `PW_BLOCKSIZE`: runs up to this length are summed with eight accumulators. */
const BLOCK = 128;

/**
 * Sum of `values[start .. start + n)` in the order of NumPy's `pairwise_sum` (float64 `add.reduce`
 * on a contiguous array, `numpy/core/src/umath/loops_utils.h.src`): fewer than 8 values are added
 * left to right from 0; up to 128 values go round-robin into 8 partial sums, combined as
 * `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))`, then the leftover values are added in turn;
 * longer runs are split in two at half the length rounded down to a multiple of 8 and the two
 * halves summed recursively. The tests check it bit for bit against `np.mean` of NumPy 1.24 on
 * mixed-scale arrays of 1 to 600 values (the same order also holds in NumPy 2.4).
 */
export function numpyPairwiseSum(values: ArrayLike<number>, start = 0, n = values.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i]!;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = values[start]!;
    let r1 = values[start + 1]!;
    let r2 = values[start + 2]!;
    let r3 = values[start + 3]!;
    let r4 = values[start + 4]!;
    let r5 = values[start + 5]!;
    let r6 = values[start + 6]!;
    let r7 = values[start + 7]!;
    let i = 8;
    const full = n - (n % 8);
    for (; i < full; i += 8) {
      r0 += values[start + i]!;
      r1 += values[start + i + 1]!;
      r2 += values[start + i + 2]!;
      r3 += values[start + i + 3]!;
      r4 += values[start + i + 4]!;
      r5 += values[start + i + 5]!;
      r6 += values[start + i + 6]!;
      r7 += values[start + i + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += values[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpyPairwiseSum(values, start, n2) + numpyPairwiseSum(values, start + n2, n - n2);
}

/**
 * `np.mean(values)`: the pairwise sum divided by the count. `NaN` for no values (NumPy warns
 * "Mean of empty slice" and returns `nan`) and whenever a value is `NaN`.
 */
export function numpyMean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  return numpyPairwiseSum(values, 0, values.length) / values.length;
}
