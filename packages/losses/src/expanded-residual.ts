import {
  allocateFloat64,
  customOp,
  gemm,
  Tensor,
  wideTimesWideTransposed,
} from "@neural-nmf/tensor";

/**
 * `‖X‖² − 2⟨C, S⟩ + ⟨G S, S⟩` as one differentiable op, for `G = PᵀP` (k×k, symmetric),
 * `C = PᵀX` (k×n) and codes S (k×n): the squared residual ‖X − P S‖² of a sparse X without the
 * m×n residual. One node instead of five: the forward pass forms `U = G S` once (k²n) and keeps it,
 * so the gradient `∂/∂S = 2(U − C)` costs nothing more, and `∂/∂G = S Sᵀ` is one symmetric
 * product (k²n/2) — half the dense work of composing matmul, sub, scale and inner, and fewer k×n
 * temporaries. G is taken to be symmetric (it is a Gram matrix); the gradients are those of the
 * symmetric form.
 */
const expandedResidualOp = customOp<[Tensor, Tensor, Tensor], number, Float64Array>({
  name: "expandedResidual",
  forward: ([g, c, s], squaredNormX) => {
    const k = s.rows;
    const n = s.cols;
    const u = allocateFloat64(k * n);
    gemm(false, false, k, n, k, g.data, s.data, u);
    const sd = s.data;
    const cd = c.data;
    let quadratic = 0;
    let cross = 0;
    for (let t = 0; t < k * n; t++) {
      const v = sd[t] as number;
      quadratic += (u[t] as number) * v;
      cross += (cd[t] as number) * v;
    }
    return {
      output: new Tensor(Float64Array.of(squaredNormX - 2 * cross + quadratic), []),
      saved: u,
    };
  },
  backward: ({ gradOutput, inputs: [g, c, s], saved: u, needsGrad }) => {
    const w = gradOutput.data[0] as number;
    const k = s.rows;
    const n = s.cols;
    const sd = s.data;
    const cd = c.data;
    let gradG: Tensor | null = null;
    if (needsGrad[0]) {
      const ss = wideTimesWideTransposed(k, k, n, sd, sd);
      for (let t = 0; t < ss.length; t++) ss[t] = w * (ss[t] as number);
      gradG = new Tensor(ss, g.shape);
    }
    let gradC: Tensor | null = null;
    if (needsGrad[1]) {
      const out = allocateFloat64(k * n);
      for (let t = 0; t < out.length; t++) out[t] = -2 * w * (sd[t] as number);
      gradC = new Tensor(out, c.shape);
    }
    let gradS: Tensor | null = null;
    if (needsGrad[2]) {
      const out = allocateFloat64(k * n);
      for (let t = 0; t < out.length; t++) out[t] = 2 * w * ((u[t] as number) - (cd[t] as number));
      gradS = new Tensor(out, s.shape);
    }
    return [gradG, gradC, gradS];
  },
});

/**
 * `‖X‖² − 2⟨C, S⟩ + ⟨G S, S⟩` (see the op's notes): the squared residual of a sparse X through its
 * normal-equation products. Shapes are the caller's to check.
 */
export function expandedResidual(
  gram: Tensor,
  cross: Tensor,
  s: Tensor,
  squaredNormX: number,
): Tensor {
  return expandedResidualOp([gram, cross, s], squaredNormX);
}
