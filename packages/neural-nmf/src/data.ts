import {
  ArgumentTypeError,
  CscMatrix,
  formatShape,
  NonFiniteError,
  ShapeError,
  Tensor,
  ValueError,
} from "@neural-nmf/tensor";

/** Data a model accepts: a dense m×n tensor or a sparse `CscMatrix`, one column per sample. */
export type Data = Tensor | CscMatrix;

/**
 * Checks that `x` is nonnegative, finite data with at least one column, and returns it
 * unchanged. Every public entry of the model calls it first.
 */
export function validateData(x: unknown, where: string, argument = "X"): Data {
  if (x instanceof CscMatrix) {
    if (x.minValue() < 0) {
      throw new ValueError(
        `${where}: argument \`${argument}\` has negative entries; NMF needs nonnegative data`,
        argument,
      );
    }
    return x;
  }
  if (!(x instanceof Tensor)) {
    throw new ArgumentTypeError(
      `${where}: argument \`${argument}\` must be a Tensor or a CscMatrix`,
      argument,
    );
  }
  if (x.shape.length !== 2) {
    throw new ShapeError(
      `${where}: argument \`${argument}\` must be a matrix, got shape ${formatShape(x.shape)}`,
      argument,
    );
  }
  const d = x.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number;
    if (!Number.isFinite(v)) {
      throw new NonFiniteError(
        `${where}: argument \`${argument}\` holds ${v} at row ${Math.floor(i / x.cols)}, column ${i % x.cols}`,
        argument,
      );
    }
    if (v < 0) {
      throw new ValueError(
        `${where}: argument \`${argument}\` has a negative entry ${v} at row ${Math.floor(i / x.cols)}, column ${i % x.cols}; NMF needs nonnegative data`,
        argument,
      );
    }
  }
  return x;
}
