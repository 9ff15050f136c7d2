/**
 * Dense matrix product on raw row-major `Float64Array`s:
 * `C (m×n) = op(A) · op(B)` (or `C += …` with `accumulate`), where `op(A)` is m×k and is A itself
 * (stored m×k) or Aᵀ (A stored k×m) when `transA`; likewise `op(B)` is k×n, B stored k×n or
 * n×k when `transB`. Transposed variants read the operands in place: nothing is copied by the
 * caller.
 *
 * PLACEHOLDER: simple i-p-j loops; the cache- and register-blocked kernel replaces this.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  accumulate = false,
): void {
  if (!accumulate) c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = transA ? (a[p * m + i] as number) : (a[i * k + p] as number);
      if (aip === 0) continue;
      if (transB) {
        for (let j = 0; j < n; j++) c[ci + j] = (c[ci + j] as number) + aip * (b[j * k + p] as number);
      } else {
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] = (c[ci + j] as number) + aip * (b[bp + j] as number);
      }
    }
  }
}
