import { ArgumentTypeError, formatShape, ShapeError } from "./errors.js";
import { type GraphNode, leafNode } from "./graph.js";
import { Tensor } from "./tensor.js";

/** Result of a function differentiated by {@link valueAndGrad}. */
export interface ValueAndGrad<Aux> {
  /** The scalar value of the function. */
  value: number;
  /** One gradient per differentiated argument, each of that argument's shape. */
  grads: Tensor[];
  /** The auxiliary data returned by the function (see {@link WithAux}). */
  aux: Aux;
}

/** A function may return its scalar loss together with auxiliary data (loss terms, predictions). */
export interface WithAux<Aux> {
  value: Tensor;
  aux: Aux;
}

/** Options of {@link valueAndGrad}. */
export interface ValueAndGradOptions {
  /** Indices of the arguments to differentiate (default: all). */
  argnums?: readonly number[];
}

/**
 * Transforms `fn` into a function that returns its value and its gradient with respect to its
 * arguments (JAX style). The graph lives only while the call runs: nothing is retained afterwards,
 * and the caller's tensors are never marked or modified.
 *
 * @param fn - takes tensors and returns a scalar tensor, or `{ value, aux }`.
 * @example
 * ```ts
 * const f = valueAndGrad((A: Tensor) => sum(square(sub(X, matmul(A, S)))));
 * const { value, grads: [dA] } = f(A);
 * ```
 */
export function valueAndGrad<Args extends Tensor[], Aux = undefined>(
  fn: (...args: Args) => Tensor | WithAux<Aux>,
  options: ValueAndGradOptions = {},
): (...args: Args) => ValueAndGrad<Aux> {
  return (...args: Args): ValueAndGrad<Aux> => {
    const argnums = options.argnums ?? args.map((_, i) => i);
    const traced = args.map((a, i) => {
      if (!(a instanceof Tensor)) {
        throw new ArgumentTypeError(`valueAndGrad: argument ${i} must be a Tensor`, `args[${i}]`);
      }
      return argnums.includes(i) ? new Tensor(a.data, a.shape, leafNode()) : stopGradient(a);
    }) as unknown as Args;
    const result = fn(...traced);
    const out = result instanceof Tensor ? result : result?.value;
    if (!(out instanceof Tensor)) {
      throw new ArgumentTypeError(
        "valueAndGrad: the function must return a Tensor or { value: Tensor, aux }",
        "fn",
      );
    }
    if (out.data.length !== 1) {
      throw new ShapeError(
        `valueAndGrad: the function must return a scalar, got shape ${formatShape(out.shape)}; use vjp for other outputs`,
        "fn",
      );
    }
    const wrt = argnums.map((i) => traced[i] as Tensor);
    const grads = backpropagate(out, wrt, new Tensor(Float64Array.of(1), out.shape));
    return {
      value: out.data[0] as number,
      grads,
      aux: (result instanceof Tensor ? undefined : result.aux) as Aux,
    };
  };
}

/** Like {@link valueAndGrad} but returns only the gradients. */
export function grad<Args extends Tensor[]>(
  fn: (...args: Args) => Tensor,
  options: ValueAndGradOptions = {},
): (...args: Args) => Tensor[] {
  const vg = valueAndGrad(fn, options);
  return (...args: Args) => vg(...args).grads;
}

/**
 * Vector–Jacobian product: the value of `fn(...inputs)` and the gradients of
 * `⟨cotangent, fn(...inputs)⟩` with respect to every input. Works for outputs of any shape.
 */
export function vjp(
  fn: (...args: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  cotangent: Tensor,
): { value: Tensor; grads: Tensor[] } {
  const traced = inputs.map((a, i) => {
    if (!(a instanceof Tensor))
      throw new ArgumentTypeError(`vjp: input ${i} must be a Tensor`, `inputs[${i}]`);
    return new Tensor(a.data, a.shape, leafNode());
  });
  const out = fn(...traced);
  if (!(out instanceof Tensor))
    throw new ArgumentTypeError("vjp: the function must return a Tensor", "fn");
  if (!(cotangent instanceof Tensor) || cotangent.data.length !== out.data.length) {
    throw new ShapeError(
      `vjp: argument \`cotangent\` must have the output's shape ${formatShape(out.shape)}`,
      "cotangent",
    );
  }
  const grads = backpropagate(out, traced, cotangent);
  return { value: stopGradient(out), grads };
}

/** The same values with no graph node: gradients do not flow through the result. */
export function stopGradient(t: Tensor): Tensor {
  return t.node === null ? t : new Tensor(t.data, t.shape);
}

/** Alias of {@link stopGradient} for PyTorch users. */
export const detach = stopGradient;

/** Accumulated cotangent of one node; `owned` says whether the buffer may be added into. */
interface Cotangent {
  data: Float64Array;
  shape: Tensor["shape"];
  owned: boolean;
}

/**
 * Reverse pass from `output` with seed `seed`, returning the gradient of every tensor in `wrt`
 * (zeros where the output does not depend on it). Shared subexpressions accumulate.
 */
function backpropagate(output: Tensor, wrt: readonly Tensor[], seed: Tensor): Tensor[] {
  const grads = new Map<GraphNode, Cotangent>();
  if (output.node !== null) {
    grads.set(output.node, { data: seed.data, shape: output.shape, owned: false });
    for (const node of reverseTopologicalOrder(output.node)) {
      const g = grads.get(node);
      if (g === undefined || node.vjp === null) continue;
      grads.delete(node); // free each cotangent as soon as it has been propagated
      const inputGrads = node.vjp(new Tensor(g.data, g.shape));
      node.inputs.forEach((input, i) => {
        const gi = inputGrads[i];
        if (input.node === null || gi === null || gi === undefined) return;
        const acc = grads.get(input.node);
        if (acc === undefined) {
          grads.set(input.node, { data: gi.data, shape: input.shape, owned: false });
        } else if (acc.owned) {
          const a = acc.data;
          const b = gi.data;
          for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) + (b[k] as number);
        } else {
          // The first cotangent may be shared with the op that produced it: sum into a new buffer
          // in one pass instead of copying it and then adding.
          const a = acc.data;
          const b = gi.data;
          const sumBuffer = new Float64Array(a.length);
          for (let k = 0; k < a.length; k++) sumBuffer[k] = (a[k] as number) + (b[k] as number);
          acc.data = sumBuffer;
          acc.owned = true;
        }
      });
    }
  }
  return wrt.map((w) => {
    const g = w.node === null ? undefined : grads.get(w.node);
    if (g === undefined) return new Tensor(new Float64Array(w.data.length), w.shape);
    return new Tensor(g.owned ? g.data : g.data.slice(), w.shape);
  });
}

/** Nodes reachable from `root`, each after every node that consumes it (iterative DFS, no recursion limit). */
function reverseTopologicalOrder(root: GraphNode): GraphNode[] {
  const order: GraphNode[] = [];
  const visited = new Set<GraphNode>([root]);
  const stack: { node: GraphNode; next: number }[] = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: GraphNode; next: number };
    const inputs = top.node.inputs;
    let pushed = false;
    while (top.next < inputs.length) {
      const child = (inputs[top.next++] as Tensor).node;
      if (child !== null && !visited.has(child)) {
        visited.add(child);
        stack.push({ node: child, next: 0 });
        pushed = true;
        break;
      }
    }
    if (!pushed && top.next >= inputs.length) {
      order.push(top.node);
      stack.pop();
    }
  }
  return order.reverse();
}
