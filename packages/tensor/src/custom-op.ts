import { ArgumentTypeError, formatShape, GradientShapeError } from "./errors.js";
import type { GraphNode } from "./graph.js";
import { Tensor } from "./tensor.js";

/** What a custom op's `backward` receives. */
export interface BackwardContext<Params, Saved> {
  /** Cotangent of the op's output (same shape as the output), never traced. */
  readonly gradOutput: Tensor;
  /** Whatever `forward` chose to save. */
  readonly saved: Saved;
  /** The op's inputs (untraced views). */
  readonly inputs: readonly Tensor[];
  /** The op's output (untraced). */
  readonly output: Tensor;
  /** The non-differentiable parameters the op was called with. */
  readonly params: Params;
  /** `needsGrad[i]` is false when input i's cotangent is not wanted; return `null` there to save work. */
  readonly needsGrad: readonly boolean[];
}

/** Definition of a differentiable op (PyTorch `autograd.Function` / JAX `custom_vjp` style). */
export interface CustomOpDefinition<Params, Saved> {
  /** Name used in error messages. */
  readonly name: string;
  /**
   * Computes the output from untraced inputs and saves residuals for the backward pass.
   * Must not write into its inputs.
   */
  forward(inputs: readonly Tensor[], params: Params): { output: Tensor; saved: Saved };
  /**
   * Maps the output cotangent to one cotangent per input: a tensor of the input's shape, or
   * `null` for an input that is not differentiable or not needed. The engine checks the shapes.
   */
  backward(context: BackwardContext<Params, Saved>): readonly (Tensor | null)[];
}

/** A differentiable function built by {@link customOp}. */
export type CustomOp<Params> = (inputs: readonly Tensor[], params: Params) => Tensor;

/**
 * Builds a differentiable op from a forward and a backward function. This is the public API the
 * library's own ops (including the NNLS layer) are built on.
 *
 * @example
 * ```ts
 * const cube = customOp<void, Tensor>({
 *   name: "cube",
 *   forward: ([x]) => ({ output: mul(mul(x!, x!), x!), saved: x! }),
 *   backward: ({ gradOutput, saved }) => [mul(gradOutput, scale(square(saved), 3))],
 * });
 * const y = cube([x], undefined);
 * ```
 */
export function customOp<Params = undefined, Saved = undefined>(
  definition: CustomOpDefinition<Params, Saved>,
): CustomOp<Params> {
  const { name } = definition;
  return (inputs: readonly Tensor[], params: Params): Tensor => {
    if (!Array.isArray(inputs)) {
      throw new ArgumentTypeError(
        `${name}: argument \`inputs\` must be an array of tensors`,
        "inputs",
      );
    }
    let traced = false;
    const plain: Tensor[] = inputs.map((t, i) => {
      if (!(t instanceof Tensor)) {
        throw new ArgumentTypeError(`${name}: input ${i} must be a Tensor`, `inputs[${i}]`);
      }
      if (t.node !== null) traced = true;
      return t.node === null ? t : new Tensor(t.data, t.shape);
    });
    const result = definition.forward(plain, params);
    if (!result || !(result.output instanceof Tensor)) {
      throw new ArgumentTypeError(
        `${name}: forward must return { output: Tensor, saved }`,
        "forward",
      );
    }
    const output =
      result.output.node === null
        ? result.output
        : new Tensor(result.output.data, result.output.shape);
    if (!traced) return output;
    const saved = result.saved;
    const needsGrad = inputs.map((t) => t.node !== null);
    const node: GraphNode = {
      op: name,
      inputs,
      vjp: (gradOutput) => {
        const grads = definition.backward({
          gradOutput,
          saved,
          inputs: plain,
          output,
          params,
          needsGrad,
        });
        if (!Array.isArray(grads) || grads.length !== inputs.length) {
          throw new GradientShapeError(
            name,
            `${name}: backward returned ${Array.isArray(grads) ? grads.length : typeof grads} gradients for ${inputs.length} inputs`,
          );
        }
        return grads.map((g, i) => {
          if (!needsGrad[i] || g === null) return null;
          const input = inputs[i] as Tensor;
          if (!(g instanceof Tensor)) {
            throw new GradientShapeError(
              name,
              `${name}: backward returned a non-tensor gradient for input ${i}`,
              `inputs[${i}]`,
            );
          }
          if (!sameShape(g.shape, input.shape)) {
            throw new GradientShapeError(
              name,
              `${name}: backward returned a gradient of shape ${formatShape(g.shape)} for input ${i} of shape ${formatShape(input.shape)}`,
              `inputs[${i}]`,
            );
          }
          return g;
        });
      },
    };
    return new Tensor(output.data, output.shape, node);
  };
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
