import { ArgumentTypeError, formatShape, ShapeError } from "../errors.js";
import { type Shape, Tensor } from "../tensor.js";
import { describeValue } from "../validation/describe.js";

/** An operand of an elementwise op: a tensor or a plain number (a constant scalar). */
export type Operand = Tensor | number;

/** @internal Turns a number into a constant scalar tensor and checks the type of anything else. */
export function toTensor(x: Operand, argument: string, where: string): Tensor {
  if (typeof x === "number") return new Tensor(Float64Array.of(x), []);
  if (!(x instanceof Tensor)) {
    throw new ArgumentTypeError(
      `${where}: argument \`${argument}\` must be a Tensor or a number, got ${describeValue(x)}`,
      argument,
    );
  }
  return x;
}

/**
 * @internal Output shape of an elementwise op on `a` and `b`. Each dimension must be equal or 1
 * in one operand (a scalar counts as 1×1), so scalars, row vectors (1×n) and column vectors (m×1)
 * broadcast against m×n matrices.
 */
export function broadcastShape(a: Shape, b: Shape, where: string): Shape {
  if (a.length === 0 && b.length === 0) return [];
  const [am, an] = a.length === 0 ? [1, 1] : a;
  const [bm, bn] = b.length === 0 ? [1, 1] : b;
  if ((am !== bm && am !== 1 && bm !== 1) || (an !== bn && an !== 1 && bn !== 1)) {
    throw new ShapeError(
      `${where}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast`,
      "b",
    );
  }
  return [Math.max(am, bm), Math.max(an, bn)];
}

/** @internal Sums a cotangent of shape `from` down to the (broadcast) shape `to`. */
export function reduceToShape(g: Tensor, to: Shape): Tensor {
  if (g.shape.length === to.length && g.shape.every((d, i) => d === to[i])) return g;
  const [gm, gn] = g.shape.length === 0 ? [1, 1] : g.shape;
  const [tm, tn] = to.length === 0 ? [1, 1] : to;
  const out = new Float64Array(tm * tn);
  const d = g.data;
  for (let i = 0; i < gm; i++) {
    const oi = tm === 1 ? 0 : i * tn;
    const gi = i * gn;
    if (tn === 1) {
      let s = 0;
      for (let j = 0; j < gn; j++) s += d[gi + j] as number;
      out[oi] = (out[oi] as number) + s;
    } else {
      for (let j = 0; j < gn; j++) out[oi + j] = (out[oi + j] as number) + (d[gi + j] as number);
    }
  }
  return new Tensor(out, to);
}
