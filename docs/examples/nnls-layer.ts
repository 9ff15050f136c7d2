import { nnls, nnlsLayer } from "@neural-nmf/nnls";
import {
  matmul,
  randUniform,
  sub,
  sumSquares,
  type Tensor,
  valueAndGrad,
} from "@neural-nmf/tensor";
import { gradCheck } from "@neural-nmf/tensor/testing";

export function main() {
  const X = randUniform(30, 40, { seed: 1 }); // 40 columns of 30 features
  const A = randUniform(30, 5, { seed: 2 }); // 5 topics

  // The solver: S = argmin_{S ≥ 0} ‖X − A S‖²_F, column by column, with a KKT certificate.
  const { S, maxKktViolation } = nnls(A, X);

  // The differentiable layer: its gradient with respect to X and A is the batched formula,
  // checked here against central differences (h = 1e-5 balances truncation and rounding).
  const check = gradCheck((x, a) => nnlsLayer(x, a), [X, A], { eps: 1e-5 });

  // Envelope theorem: for ½‖X − A q(X, A)‖², ∇_A = −(X − A S) Sᵀ, as if S were constant.
  const { grads } = valueAndGrad((a: Tensor) => sumSquares(sub(X, matmul(a, nnlsLayer(X, a)))))(A);
  const envelope = matmul(sub(X, matmul(A, S)), S, { transB: true });
  let gap = 0;
  grads[0]!.data.forEach((g, i) => {
    gap = Math.max(gap, Math.abs(g / 2 + envelope.data[i]!));
  });

  console.log(maxKktViolation, check.ok, check.maxRelativeError, gap);
  return { S, maxKktViolation, check, envelopeGap: gap };
}
