/**
 * `@neural-nmf/tensor`: a minimal float64 reverse-mode autodiff tensor with a public custom-op
 * API, fast matmul kernels, small dense linear algebra and a sparse column matrix.
 * @packageDocumentation
 */
export {
  ArgumentTypeError,
  GradientShapeError,
  NeuralNmfError,
  NonFiniteError,
  ShapeError,
  ValueError,
  formatShape,
} from "./errors.js";
export { Random } from "./random.js";
export {
  type FromDataOptions,
  type RandomOptions,
  type Shape,
  Tensor,
  type TensorLike,
  assertFinite,
  assertMatrix,
  assertTensor,
  eye,
  full,
  ones,
  randNormal,
  randUniform,
  scalar,
  tensor,
  toRandom,
  zeros,
} from "./tensor.js";
export {
  type ValueAndGrad,
  type ValueAndGradOptions,
  type WithAux,
  detach,
  grad,
  stopGradient,
  valueAndGrad,
  vjp,
} from "./autodiff.js";
export { type BackwardContext, type CustomOp, type CustomOpDefinition, customOp } from "./custom-op.js";
export { type Operand } from "./ops/broadcast.js";
export { add, div, maximum, minimum, mul, sub } from "./ops/elementwise-binary.js";
export { abs, clamp, exp, log, neg, pow, relu, scale, sqrt, square } from "./ops/elementwise-unary.js";
export { type MatmulOptions, matmul, transpose } from "./ops/matmul.js";
export { type Axis, frobeniusNorm, inner, mean, sum, sumSquares } from "./ops/reduce.js";
export { logSoftmax, logSumExp, softmax } from "./ops/softmax.js";
export { mask, selectColumns, selectRows } from "./ops/select.js";
export { gemm } from "./kernels/gemm.js";
export { CscMatrix } from "./sparse/csc.js";
export { sparseTransposeMatmul } from "./sparse/ops.js";
export * from "./linalg/index.js";
