import { allocateFloat64, CscMatrix, gemm, gram, type Tensor } from "@neural-nmf/tensor";

/**
 * The normal equations of `min_{S ≥ 0} ‖X − A S‖²_F`: `G = AᵀA` (k×k, by the symmetric Gram
 * kernel) and `C = AᵀX` (k×n; O(nnz·k) for a sparse X, which is never densified). After them
 * nothing depends on m. A is row-major m×k; `gOut` / `cOut` may be given to avoid allocation.
 * No argument checking: callers validate A and X first.
 */
export function normalEquations(
  a: Float64Array,
  m: number,
  k: number,
  x: Tensor | CscMatrix,
  gOut?: Float64Array,
  cOut?: Float64Array,
): { G: Float64Array; C: Float64Array } {
  const n = x.cols;
  const G = gram(a, m, k, gOut ?? new Float64Array(k * k));
  const C = cOut ?? allocateFloat64(k * n);
  if (x instanceof CscMatrix) x.leftMultiplyTransposed(a, k, C);
  else gemm(true, false, k, n, m, a, x.data, C);
  return { G, C };
}
