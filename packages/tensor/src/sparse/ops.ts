import { customOp } from "../custom-op.js";
import { ArgumentTypeError, formatShape, ShapeError } from "../errors.js";
import { assertMatrix, assertTensor, Tensor } from "../tensor.js";
import { CscMatrix } from "./csc.js";

const sparseTransposeMatmulOp = customOp<[Tensor], CscMatrix>({
  name: "sparseTransposeMatmul",
  forward: ([a], x) => ({
    output: new Tensor(x.leftMultiplyTransposed(a.data, a.cols), [a.cols, x.cols]),
    saved: undefined,
  }),
  // d(AᵀX)/dA applied to G (k×n) is X Gᵀ (m×k): again one pass over the nonzeros.
  backward: ({ gradOutput, inputs: [a], params: x }) => [
    new Tensor(x.rightMultiplyTransposed(gradOutput.data, a.cols), a.shape),
  ],
});

/**
 * Products already taken with a traced A during the current evaluation. Keyed by the traced
 * tensor, which lives only as long as one `valueAndGrad` call, so a cached product can never
 * outlive the parameters it was computed from.
 */
const traced = new WeakMap<Tensor, { x: CscMatrix; product: Tensor }>();

/**
 * `AᵀX` for a dense (differentiable) A (m×k) and a constant sparse X (m×n), in O(nnz·k) for
 * both the value and the gradient; X is never densified.
 *
 * Within one traced evaluation, repeated calls with the same A and X return the same output
 * node: the NNLS layer and every reconstruction loss of a model share one product, and autodiff
 * adds their cotangents before the single backward product `X Gᵀ`.
 */
export function sparseTransposeMatmul(a: Tensor, x: CscMatrix): Tensor {
  assertTensor(a, "a", "sparseTransposeMatmul");
  assertMatrix(a, "a", "sparseTransposeMatmul");
  if (!(x instanceof CscMatrix)) {
    throw new ArgumentTypeError("sparseTransposeMatmul: argument `x` must be a CscMatrix", "x");
  }
  if (a.rows !== x.rows) {
    throw new ShapeError(
      `sparseTransposeMatmul: A has shape ${formatShape(a.shape)} but X has ${x.rows} rows`,
      "x",
    );
  }
  if (a.node === null) return sparseTransposeMatmulOp([a], x);
  const hit = traced.get(a);
  if (hit && hit.x === x) return hit.product;
  const product = sparseTransposeMatmulOp([a], x);
  traced.set(a, { x, product });
  return product;
}
