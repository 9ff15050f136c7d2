import { customOp } from "../custom-op.js";
import { type Shape, Tensor } from "../tensor.js";
import { broadcastShape, type Operand, reduceToShape, toTensor } from "./broadcast.js";

type Kernel = (x: number, y: number) => number;

/** Applies `f` elementwise with broadcasting; fast path when the shapes are equal. */
function apply2(a: Tensor, b: Tensor, shape: Shape, f: Kernel): Float64Array {
  const ad = a.data;
  const bd = b.data;
  const size = shape.length === 0 ? 1 : shape[0] * shape[1];
  const out = new Float64Array(size);
  if (ad.length === size && bd.length === size) {
    for (let i = 0; i < size; i++) out[i] = f(ad[i] as number, bd[i] as number);
    return out;
  }
  const [m, n] = shape.length === 0 ? [1, 1] : shape;
  // Strides of 0 along broadcast dimensions.
  const ars = a.rows === 1 ? 0 : a.cols;
  const acs = a.cols === 1 ? 0 : 1;
  const brs = b.rows === 1 ? 0 : b.cols;
  const bcs = b.cols === 1 ? 0 : 1;
  for (let i = 0; i < m; i++) {
    const ao = i * ars;
    const bo = i * brs;
    const oo = i * n;
    for (let j = 0; j < n; j++)
      out[oo + j] = f(ad[ao + j * acs] as number, bd[bo + j * bcs] as number);
  }
  return out;
}

interface BinaryDefinition {
  name: string;
  f: Kernel;
  /** ∂f/∂x and ∂f/∂y at (x, y), given the output value z. */
  dfdx: (x: number, y: number, z: number) => number;
  dfdy: (x: number, y: number, z: number) => number;
  /**
   * Optional fast paths for equal shapes: a monomorphic forward loop, and cotangents that are a
   * fixed multiple of the output cotangent (add: 1 and 1, sub: 1 and −1), so the hot ops of
   * every loss avoid a closure call per element.
   */
  sameShape?: (x: Float64Array, y: Float64Array, out: Float64Array) => void;
  linear?: readonly [number, number];
}

function scaled(g: Float64Array, factor: number): Float64Array {
  if (factor === 1) return g;
  const out = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = factor * (g[i] as number);
  return out;
}

function binaryOp(def: BinaryDefinition): (a: Operand, b: Operand) => Tensor {
  const op = customOp<[Tensor, Tensor], Shape>({
    name: def.name,
    forward: ([a, b], shape) => {
      if (def.sameShape && a.data.length === b.data.length && a.rows === b.rows) {
        const out = new Float64Array(a.data.length);
        def.sameShape(a.data, b.data, out);
        return { output: new Tensor(out, shape), saved: undefined };
      }
      return { output: new Tensor(apply2(a, b, shape, def.f), shape), saved: undefined };
    },
    backward: ({ gradOutput, inputs: [a, b], output, needsGrad }) => {
      const shape = output.shape;
      const z = output.data;
      const g = gradOutput.data;
      if (def.linear) {
        const [fa, fb] = def.linear;
        return [
          needsGrad[0] ? reduceToShape(new Tensor(scaled(g, fa), shape), a.shape) : null,
          needsGrad[1] ? reduceToShape(new Tensor(scaled(g, fb), shape), b.shape) : null,
        ];
      }
      const grad = (d: BinaryDefinition["dfdx"], target: Tensor): Tensor => {
        let i = 0;
        const full = apply2(a, b, shape, (x, y) => {
          const v = (g[i] as number) * d(x, y, z[i] as number);
          i++;
          return v;
        });
        return reduceToShape(new Tensor(full, shape), target.shape);
      };
      return [needsGrad[0] ? grad(def.dfdx, a) : null, needsGrad[1] ? grad(def.dfdy, b) : null];
    },
  });
  return (a: Operand, b: Operand): Tensor => {
    const ta = toTensor(a, "a", def.name);
    const tb = toTensor(b, "b", def.name);
    return op([ta, tb], broadcastShape(ta.shape, tb.shape, def.name));
  };
}

/** Elementwise `a + b` with scalar / row / column broadcasting. */
export const add = binaryOp({
  name: "add",
  f: (x, y) => x + y,
  dfdx: () => 1,
  dfdy: () => 1,
  sameShape: (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) + (y[i] as number);
  },
  linear: [1, 1],
});

/** Elementwise `a − b` with broadcasting. */
export const sub = binaryOp({
  name: "sub",
  f: (x, y) => x - y,
  dfdx: () => 1,
  dfdy: () => -1,
  sameShape: (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) - (y[i] as number);
  },
  linear: [1, -1],
});

/** Elementwise (Hadamard) product with broadcasting. */
export const mul = binaryOp({
  name: "mul",
  f: (x, y) => x * y,
  dfdx: (_x, y) => y,
  dfdy: (x) => x,
  sameShape: (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) * (y[i] as number);
  },
});

/** Elementwise quotient with broadcasting. Division by zero follows IEEE rules (±Infinity). */
export const div = binaryOp({
  name: "div",
  f: (x, y) => x / y,
  dfdx: (_x, y) => 1 / y,
  dfdy: (_x, y, z) => -z / y,
});

/** Elementwise maximum; at ties the gradient goes to `a`. */
export const maximum = binaryOp({
  name: "maximum",
  f: (x, y) => (x >= y ? x : y),
  dfdx: (x, y) => (x >= y ? 1 : 0),
  dfdy: (x, y) => (x >= y ? 0 : 1),
});

/** Elementwise minimum; at ties the gradient goes to `a`. */
export const minimum = binaryOp({
  name: "minimum",
  f: (x, y) => (x <= y ? x : y),
  dfdx: (x, y) => (x <= y ? 1 : 0),
  dfdy: (x, y) => (x <= y ? 0 : 1),
});
