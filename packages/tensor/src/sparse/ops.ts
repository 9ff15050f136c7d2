import { customOp } from "../custom-op.js";
import { ArgumentTypeError, formatShape, ShapeError } from "../errors.js";
import { assertMatrix, assertTensor, Tensor } from "../tensor.js";
import { CscMatrix } from "./csc.js";

const sparseTransposeMatmulOp = customOp<CscMatrix, undefined>({
  name: "sparseTransposeMatmul",
  forward: ([a], x) => ({
    output: new Tensor(x.transposeMatmul(a!.data, a!.cols), [a!.cols, x.cols]),
    saved: undefined,
  }),
  // d(AᵀX)/dA applied to G (k×n) is X Gᵀ (m×k): again one pass over the nonzeros.
  backward: ({ gradOutput, inputs: [a], params: x }) => [
    new Tensor(x.matmulTransposed(gradOutput.data, a!.cols), a!.shape),
  ],
});

/**
 * `AᵀX` for a dense (differentiable) A (m×k) and a constant sparse X (m×n), in O(nnz·k) for
 * both the value and the gradient; X is never densified.
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
  return sparseTransposeMatmulOp([a], x);
}
