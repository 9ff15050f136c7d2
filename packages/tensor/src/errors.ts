/**
 * Typed errors shared by every package of the monorepo. Each names the argument at fault so a
 * message reads like "matmul: argument `b` has shape [3, 4], expected 5 rows".
 */

/** Base class of every error thrown on purpose by `@neural-nmf/*` packages. */
export class NeuralNmfError extends Error {
  /** Name of the offending argument (or option), when there is one. */
  readonly argument: string | undefined;
  constructor(message: string, argument?: string) {
    super(message);
    this.name = new.target.name;
    this.argument = argument;
  }
}

/** Shapes that do not fit together (matmul inner sizes, broadcasting, masks, labels). */
export class ShapeError extends NeuralNmfError {}

/** NaN or ±Infinity where only finite numbers make sense. */
export class NonFiniteError extends NeuralNmfError {}

/** A value of the right type and shape that is out of range (negative data, rank too large, bad axis...). */
export class ValueError extends NeuralNmfError {}

/** An argument of the wrong type altogether (a string where a tensor was expected, ...). */
export class ArgumentTypeError extends NeuralNmfError {}

/** A custom op's backward returned a gradient whose shape differs from its input's. */
export class GradientShapeError extends NeuralNmfError {
  /** Name of the op whose backward misbehaved. */
  readonly op: string;
  constructor(op: string, message: string, argument?: string) {
    super(message, argument);
    this.op = op;
  }
}

/** Formats a shape for messages: `[3, 4]` or `[]` for a scalar. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
