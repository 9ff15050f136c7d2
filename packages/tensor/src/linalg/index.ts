/**
 * Small dense linear algebra on raw row-major `Float64Array`s: a rank-tolerant Cholesky
 * factorisation and its solve, strict triangular solves, a one-sided Jacobi SVD, minimum-norm
 * least squares, the pseudo-inverse, a Householder QR and a randomised truncated SVD for
 * large dense or sparse matrices.
 * @module
 */
export {
  CHOLESKY_DEFAULT_TOLERANCE,
  type CholeskyOptions,
  type CholeskyResult,
  cholesky,
} from "./cholesky.js";
export { type CholeskySolveOptions, choleskySolve } from "./cholesky-solve.js";
export { type LstsqOptions, type LstsqResult, lstsq } from "./lstsq.js";
export { type PinvOptions, pinv } from "./pinv.js";
export { type QrResult, qr } from "./qr.js";
export {
  type RandomizedSvdOptions,
  type RandomizedSvdResult,
  randomizedSvd,
} from "./randomized-svd.js";
export { type SvdResult, svd } from "./svd.js";
export {
  solveLowerTriangular,
  solveUpperTriangular,
  type TriangularSolveOptions,
} from "./triangular.js";
