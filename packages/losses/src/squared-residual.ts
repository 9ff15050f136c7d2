import {
  ArgumentTypeError,
  CscMatrix,
  formatShape,
  matmul,
  ShapeError,
  sparseTransposeMatmul,
  squaredDistance,
  Tensor,
} from "@neural-nmf/tensor";
import { expandedResidual } from "./expanded-residual.js";
import { factorProduct } from "./factor-product.js";

/**
 * ‖X − P S‖²_F for an m×n input X (dense or sparse), a k-column basis P (m×k) and codes S (k×n),
 * differentiable in P and S.
 *
 * - Dense X: the residual X − PS is formed and squared. This is the accurate form.
 * - Sparse X (`CscMatrix`): the m×n residual is never formed (it is dense even when X is not).
 *   The value is expanded as ‖X‖² − 2⟨PᵀX, S⟩ + ⟨(PᵀP)S, S⟩, where PᵀX costs O(nnz·k) through
 *   `sparseTransposeMatmul` and the rest O((m + n)·k²). Gradients follow by autodiff
 *   (∂/∂S = 2(PᵀP S − PᵀX), ∂/∂P = 2(P S Sᵀ − X Sᵀ), X Sᵀ again in O(nnz·k)).
 *   The expansion cancels: its absolute error is about ε·‖X‖², so a residual below ~1e-8·‖X‖²
 *   is resolved less precisely than by the dense form (it may even come out slightly negative).
 *
 * @throws {@link ShapeError} when the shapes do not chain, {@link ArgumentTypeError} for inputs of
 *   the wrong type.
 */
export function squaredResidual(X: Tensor | CscMatrix, P: Tensor, S: Tensor): Tensor {
  const where = "squaredResidual";
  if (!(X instanceof Tensor) && !(X instanceof CscMatrix)) {
    throw new ArgumentTypeError(`${where}: \`X\` must be a Tensor or a CscMatrix`, "X");
  }
  if (!(P instanceof Tensor) || !(S instanceof Tensor)) {
    throw new ArgumentTypeError(
      `${where}: \`P\` and \`S\` must be Tensors`,
      P instanceof Tensor ? "S" : "P",
    );
  }
  const [m, n] = X.shape;
  if (P.shape.length !== 2 || P.rows !== m) {
    throw new ShapeError(
      `${where}: \`P\` has shape ${formatShape(P.shape)}, expected ${m} rows (the rows of X)`,
      "P",
    );
  }
  if (S.shape.length !== 2 || S.rows !== P.cols || S.cols !== n) {
    throw new ShapeError(
      `${where}: \`S\` has shape ${formatShape(S.shape)}, expected [${P.cols}, ${n}]`,
      "S",
    );
  }
  if (X instanceof Tensor) return squaredDistance(X, matmul(P, S));
  const gram = matmul(P, P, { transA: true });
  const ptx = sparseTransposeMatmul(P, X);
  return expandedResidual(gram, ptx, S, X.frobeniusNormSquared());
}

/**
 * `‖X − A⁽¹⁾⋯A⁽ˡ⁾ S‖²_F` for a chain of factors, differentiable in every factor and in S.
 *
 * Dense X: the product P = A⁽¹⁾⋯A⁽ˡ⁾ is formed and {@link squaredResidual} applies. Sparse X: the
 * expansion ‖X‖² − 2⟨PᵀX, S⟩ + ⟨(PᵀP)S, S⟩ is evaluated without P, through
 * `PᵀX = A⁽ˡ⁾ᵀ⋯(A⁽¹⁾ᵀX)` and `PᵀP = A⁽ˡ⁾ᵀ⋯(A⁽¹⁾ᵀA⁽¹⁾)⋯A⁽ˡ⁾`: the only products with m rows are
 * the O(nnz·k₁) sparse one and the Gram matrix of A⁽¹⁾, so no m×k_l matrix is formed either.
 */
export function squaredResidualOfFactors(
  X: Tensor | CscMatrix,
  factors: readonly Tensor[],
  S: Tensor,
): Tensor {
  const first = factors[0];
  if (!(X instanceof CscMatrix) || factors.length === 1 || !(first instanceof Tensor)) {
    return squaredResidual(X, factorProduct(factors, factors.length), S);
  }
  if (first.rows !== X.rows) {
    throw new ShapeError(
      `squaredResidualOfFactors: A⁽¹⁾ has ${first.rows} rows, X has ${X.rows}`,
      "A",
    );
  }
  let ptx = sparseTransposeMatmul(first, X);
  let gram = matmul(first, first, { transA: true });
  for (let l = 1; l < factors.length; l++) {
    const a = factors[l] as Tensor;
    ptx = matmul(a, ptx, { transA: true });
    gram = matmul(a, matmul(gram, a), { transA: true });
  }
  if (S.rows !== ptx.rows || S.cols !== ptx.cols) {
    throw new ShapeError(
      `squaredResidualOfFactors: \`S\` has shape ${formatShape(S.shape)}, expected [${ptx.rows}, ${ptx.cols}]`,
      "S",
    );
  }
  return expandedResidual(gram, ptx, S, X.frobeniusNormSquared());
}
