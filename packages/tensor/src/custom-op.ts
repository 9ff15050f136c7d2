import { ArgumentTypeError, formatShape, GradientShapeError } from "./errors.js";
import type { GraphNode } from "./graph.js";
import { Tensor } from "./tensor.js";

/**
 * The inputs of a custom op: a tuple of tensors, one type per position (`[Tensor, Tensor]` for a
 * binary op), or `Tensor[]` for an op that takes any number of inputs.
 */
export type OpInputs = readonly Tensor[];

/**
 * One `T` per input of a custom op, position by position: `PerInput<[Tensor, Tensor], boolean>`
 * is `readonly [boolean, boolean]`.
 */
export type PerInput<Inputs extends OpInputs, T> = { readonly [K in keyof Inputs]: T };

/**
 * What `backward` returns: one cotangent per input, position by position — a tensor of that
 * input's shape, or `null` for an input that is not differentiable or not needed.
 */
export type InputGradients<Inputs extends OpInputs> = PerInput<Inputs, Tensor | null>;

/** What a custom op's `backward` receives. */
export interface BackwardContext<Inputs extends OpInputs, Params, Saved> {
  /** Cotangent of the op's output (same shape as the output), never traced. */
  readonly gradOutput: Tensor;
  /** Whatever `forward` chose to save. */
  readonly saved: Saved;
  /** The op's inputs (untraced views), typed per position. */
  readonly inputs: Readonly<Inputs>;
  /** The op's output (untraced). */
  readonly output: Tensor;
  /** The non-differentiable parameters the op was called with. */
  readonly params: Params;
  /** `needsGrad[i]` is false when input i's cotangent is not wanted; return `null` there to save work. */
  readonly needsGrad: PerInput<Inputs, boolean>;
}

/** Definition of a differentiable op (PyTorch `autograd.Function` / JAX `custom_vjp` style). */
export interface CustomOpDefinition<Inputs extends OpInputs, Params, Saved> {
  /** Name used in error messages. */
  readonly name: string;
  /**
   * Computes the output from untraced inputs and saves residuals for the backward pass.
   * Must not write into its inputs.
   */
  forward(inputs: Readonly<Inputs>, params: Params): { output: Tensor; saved: Saved };
  /**
   * Maps the output cotangent to one cotangent per input: a tensor of the input's shape, or
   * `null` for an input that is not differentiable or not needed. The engine checks the shapes.
   */
  backward(context: BackwardContext<Inputs, Params, Saved>): InputGradients<Inputs>;
}

/** A differentiable function built by {@link customOp}. */
export type CustomOp<Inputs extends OpInputs, Params> = (
  inputs: Readonly<Inputs>,
  params: Params,
) => Tensor;

/**
 * Builds a differentiable op from a forward and a backward function. This is the public API the
 * library's own ops (including the NNLS layer) are built on.
 *
 * The type parameters are the tuple of the op's inputs, its non-differentiable parameters and
 * what `forward` saves for `backward`. With a tuple such as `[Tensor, Tensor]`, `forward` and
 * `backward` see each input as a `Tensor` (no `inputs[0]!`), `needsGrad` has one boolean per
 * input, `backward` must return exactly one gradient (or `null`) per input, and the op only
 * accepts that many inputs.
 *
 * @typeParam Inputs - the inputs, a tuple of tensors (default `readonly Tensor[]`: any number).
 * @typeParam Params - the non-differentiable parameters passed with every call.
 * @typeParam Saved - what `forward` saves for `backward`.
 *
 * @example
 * ```ts
 * const cube = customOp<[Tensor], undefined, Tensor>({
 *   name: "cube",
 *   forward: ([x]) => ({ output: mul(mul(x, x), x), saved: x }),
 *   backward: ({ gradOutput, saved }) => [mul(gradOutput, scale(square(saved), 3))],
 * });
 * const y = cube([x], undefined);
 * ```
 */
export function customOp<Inputs extends OpInputs = OpInputs, Params = undefined, Saved = undefined>(
  definition: CustomOpDefinition<Inputs, Params, Saved>,
): CustomOp<Inputs, Params> {
  const { name } = definition;
  return (typedInputs: Readonly<Inputs>, params: Params): Tensor => {
    const inputs: readonly Tensor[] = typedInputs;
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
    // The engine works on plain arrays; the tuple types only describe them to the definition.
    const result = definition.forward(plain as unknown as Readonly<Inputs>, params);
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
        const grads: readonly (Tensor | null)[] = definition.backward({
          gradOutput,
          saved,
          inputs: plain as unknown as Readonly<Inputs>,
          output,
          params,
          needsGrad: needsGrad as unknown as PerInput<Inputs, boolean>,
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
