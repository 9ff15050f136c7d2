import type { Tensor } from "./tensor.js";

/**
 * @internal A node of the define-by-run graph. It is created by a traced op, holds its inputs
 * and a closure mapping the output cotangent to one cotangent per input, and is garbage once the
 * tensors that reference it are.
 */
export interface GraphNode {
  /** Op name, for error messages. */
  readonly op: string;
  /** Inputs of the op (traced or not). Empty for a leaf. */
  readonly inputs: readonly Tensor[];
  /** Maps the output cotangent to one cotangent (or null) per input. */
  readonly vjp: ((gradOutput: Tensor) => readonly (Tensor | null)[]) | null;
}

/** @internal A leaf node: an input that gradients are taken with respect to. */
export function leafNode(): GraphNode {
  return { op: "input", inputs: [], vjp: null };
}
