/**
 * `@neural-nmf/tensor`: a minimal float64 reverse-mode autodiff tensor with a public custom-op
 * API, fast matmul kernels, small dense linear algebra and a sparse column matrix.
 * @packageDocumentation
 */

export {
  detach,
  grad,
  stopGradient,
  type ValueAndGrad,
  type ValueAndGradOptions,
  valueAndGrad,
  vjp,
  type WithAux,
} from "./autodiff.js";
export { BRAND } from "./brand.js";
export {
  type BackwardContext,
  type CustomOp,
  type CustomOpDefinition,
  customOp,
  type InputGradients,
  type OpInputs,
  type PerInput,
} from "./custom-op.js";
export {
  ArgumentTypeError,
  formatShape,
  GradientShapeError,
  NeuralNmfError,
  type NeuralNmfErrorOptions,
  NonFiniteError,
  NotFittedError,
  ShapeError,
  ValueError,
} from "./errors.js";
export { gemm } from "./kernels/gemm.js";
export { gram } from "./kernels/gram.js";
export { smallTimesWide, tallTimesSmall, wideTimesWideTransposed } from "./kernels/wide.js";
export * from "./linalg/index.js";
export type { Operand } from "./ops/broadcast.js";
export { add, div, maximum, minimum, mul, sub } from "./ops/elementwise-binary.js";
export {
  abs,
  clamp,
  exp,
  log,
  neg,
  pow,
  relu,
  scale,
  sqrt,
  square,
} from "./ops/elementwise-unary.js";
export { type MatmulOptions, matmul, transpose } from "./ops/matmul.js";
export {
  type Axis,
  frobeniusNorm,
  inner,
  mean,
  squaredDistance,
  sum,
  sumSquares,
} from "./ops/reduce.js";
export { mask, selectColumns, selectRows } from "./ops/select.js";
export { logSoftmax, logSumExp, softmax } from "./ops/softmax.js";
export {
  allocateFloat64,
  currentExecutor,
  type Executor,
  evenBounds,
  inThreadExecutor,
  type Kernel,
  type KernelArray,
  type KernelFunction,
  type KernelTask,
  weightedBounds,
  withExecutor,
} from "./parallel/executor.js";
export { tensorKernels } from "./parallel/kernels.js";
export { Random } from "./random.js";
export { CscMatrix } from "./sparse/csc.js";
export { sparseTransposeMatmul } from "./sparse/ops.js";
export {
  assertFinite,
  assertMatrix,
  eye,
  type FromDataOptions,
  full,
  ones,
  type RandomOptions,
  randNormal,
  randUniform,
  type Shape,
  scalar,
  Tensor,
  type TensorLike,
  tensor,
  zeros,
} from "./tensor.js";
export { describeValue } from "./validation/describe.js";
export {
  checkOptions,
  keysOnlySpec,
  type OptionConstraint,
  type OptionSpec,
  satisfies,
} from "./validation/options.js";
