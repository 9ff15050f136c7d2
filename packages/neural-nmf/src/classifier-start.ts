import { labelledColumns, type Supervision } from "@neural-nmf/losses";
import { gemm, pinv, Tensor } from "@neural-nmf/tensor";

/**
 * A classifier B (c×k) fitted to fixed codes S (k×n) of the labelled columns by least squares,
 * `B = Y pinv(S)` over the labelled columns (the authors' post-hoc classifier, and the minimiser
 * of the default classification term with the codes held fixed). Training starts from it, rather
 * than from a random B, so the classification term pulls the layers toward separating the
 * classes from the first epoch. Deterministic.
 */
export function fitClassifierOnCodes(s: Tensor, supervision: Supervision): Tensor {
  const codes = labelledColumns(s, supervision);
  const y = labelledColumns(supervision.Y, supervision);
  const k = codes.rows;
  const p = codes.cols;
  const c = supervision.classes;
  const sp = pinv(codes.data, k, p); // p×k
  const b = new Float64Array(c * k);
  gemm(false, false, c, k, p, y.data, sp, b);
  return new Tensor(b, [c, k]);
}
