import { ArgumentTypeError, matmul, ShapeError, Tensor } from "@neural-nmf/tensor";
import { checkLayerInRange, checkLayerNumber } from "./checks.js";

/**
 * The product A⁽¹⁾A⁽²⁾⋯A⁽ˡ⁾ (m×k_l): the level-l topics expressed in input space, so that
 * X ≈ factorProduct(A, l)·S⁽ˡ⁾. Differentiable in every factor.
 *
 * Multiplied left to right because the ranks decrease: each step costs m·k_{i−1}·k_i, far less
 * than carrying an m×n or k×n product through the chain.
 *
 * @param level - 1..L (default L, the top).
 * @throws {@link ValueError} for a level outside 1..L, {@link ShapeError} for factors that do
 *   not chain.
 */
export function factorProduct(A: readonly Tensor[], level: number = A.length): Tensor {
  const where = "factorProduct";
  if (!Array.isArray(A) || A.length === 0 || !A.every((a) => a instanceof Tensor)) {
    throw new ArgumentTypeError(`${where}: \`A\` must be a non-empty array of Tensors`, "A");
  }
  checkLayerNumber(level, "level", where);
  checkLayerInRange(level, A.length, "level", where);
  let product = A[0] as Tensor;
  for (let l = 1; l < level; l++) {
    const next = A[l] as Tensor;
    if (product.cols !== next.rows) {
      throw new ShapeError(
        `${where}: A⁽${l + 1}⁾ has ${next.rows} rows but A⁽${l}⁾ has ${product.cols} columns`,
        `A[${l}]`,
      );
    }
    product = matmul(product, next);
  }
  return product;
}
