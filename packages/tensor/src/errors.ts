/**
 * Typed errors shared by every package of the monorepo. Each names the argument at fault so a
 * message reads like "matmul: argument `b` has shape [3, 4], expected 5 rows".
 */
import { BRAND, isBrandedInstance } from "./brand.js";

/** Options of every error here: `cause` keeps the error that led to this one. */
export interface NeuralNmfErrorOptions {
  /** The underlying error (a parse failure, a file-system error, a caller's exception). */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown on purpose by `@neural-nmf/*` packages. `instanceof` works
 * across two installed copies of this package (see the brand in `brand.ts`).
 */
export class NeuralNmfError extends Error {
  static readonly [BRAND]: string = "@neural-nmf/tensor:NeuralNmfError";
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass asked about, not this class.
    return isBrandedInstance(this, value);
  }
  /** Name of the offending argument (or option), when there is one. */
  readonly argument: string | undefined;
  constructor(message: string, argument?: string, options?: NeuralNmfErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.argument = argument;
  }
}

/** Shapes that do not fit together (matmul inner sizes, broadcasting, masks, labels). */
export class ShapeError extends NeuralNmfError {
  static override readonly [BRAND]: string = "@neural-nmf/tensor:ShapeError";
}

/** NaN or ±Infinity where only finite numbers make sense. */
export class NonFiniteError extends NeuralNmfError {
  static override readonly [BRAND]: string = "@neural-nmf/tensor:NonFiniteError";
}

/**
 * A value of the right type and shape that is out of range (negative data, rank too large, bad
 * axis, an unknown option): every configuration mistake.
 */
export class ValueError extends NeuralNmfError {
  static override readonly [BRAND]: string = "@neural-nmf/tensor:ValueError";
}

/** An argument of the wrong type altogether (a string where a tensor was expected, ...). */
export class ArgumentTypeError extends NeuralNmfError {
  static override readonly [BRAND]: string = "@neural-nmf/tensor:ArgumentTypeError";
}

/**
 * A method that needs a fitted estimator (a model, a vectoriser) was called before `fit` (or
 * before loading a fitted state). One class for every package, as scikit-learn has one.
 */
export class NotFittedError extends NeuralNmfError {
  static override readonly [BRAND]: string = "@neural-nmf/tensor:NotFittedError";
}

/** A custom op's backward returned a gradient whose shape differs from its input's. */
export class GradientShapeError extends NeuralNmfError {
  static override readonly [BRAND]: string = "@neural-nmf/tensor:GradientShapeError";
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
