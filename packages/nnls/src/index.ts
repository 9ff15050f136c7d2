/**
 * `@neural-nmf/nnls`: a fast multi-column nonnegative least-squares solver and the
 * differentiable NNLS layer `q(X, A) = argmin_{S ≥ 0} ‖X − A S‖²_F` of Neural NMF.
 * @packageDocumentation
 */

export { nnlsKernels } from "./kernels.js";
export * from "./op/index.js";
export * from "./solver/index.js";
