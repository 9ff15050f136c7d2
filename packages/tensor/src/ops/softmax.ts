import { customOp } from "../custom-op.js";
import { ValueError } from "../errors.js";
import { assertMatrix, assertTensor, Tensor } from "../tensor.js";
import type { Axis } from "./reduce.js";

/**
 * Visits every slice of `a` along `axis` (axis 0: each column, axis 1: each row) as
 * (offset, stride, length) into the row-major data.
 */
function forEachSlice(
  a: Tensor,
  axis: Axis,
  fn: (slice: number, offset: number, stride: number, len: number) => void,
) {
  const m = a.rows;
  const n = a.cols;
  if (axis === 0) for (let j = 0; j < n; j++) fn(j, j, n, m);
  else for (let i = 0; i < m; i++) fn(i, i * n, 1, n);
}

function reducedShape(a: Tensor, axis: Axis): readonly [number, number] {
  return axis === 0 ? [1, a.cols] : [a.rows, 1];
}

/** Stable log Σ exp over one slice (shifted by its maximum). */
function sliceLogSumExp(d: Float64Array, o: number, s: number, len: number): number {
  let mx = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < len; t++) mx = Math.max(mx, d[o + t * s] as number);
  if (mx === Number.NEGATIVE_INFINITY) return mx;
  let acc = 0;
  for (let t = 0; t < len; t++) acc += Math.exp((d[o + t * s] as number) - mx);
  return mx + Math.log(acc);
}

const logSumExpOp = customOp<[Tensor], Axis>({
  name: "logSumExp",
  forward: ([a], axis) => {
    const out = new Float64Array(axis === 0 ? a.cols : a.rows);
    forEachSlice(a, axis, (k, o, s, len) => {
      out[k] = sliceLogSumExp(a.data, o, s, len);
    });
    return { output: new Tensor(out, reducedShape(a, axis)), saved: undefined };
  },
  backward: ({ gradOutput, inputs: [a], output, params: axis }) => {
    // ∂/∂a = g · softmax(a) along the axis.
    const d = a.data;
    const out = new Float64Array(d.length);
    forEachSlice(a, axis, (k, o, s, len) => {
      const lse = output.data[k] as number;
      const g = gradOutput.data[k] as number;
      for (let t = 0; t < len; t++) out[o + t * s] = g * Math.exp((d[o + t * s] as number) - lse);
    });
    return [new Tensor(out, a.shape)];
  },
});

/** Numerically stable `log Σ exp(a)` along `axis` (0: per column → 1×n, 1: per row → m×1). */
export function logSumExp(a: Tensor, axis: Axis): Tensor {
  check(a, axis, "logSumExp");
  return logSumExpOp([a], axis);
}

const logSoftmaxOp = customOp<[Tensor], Axis>({
  name: "logSoftmax",
  forward: ([a], axis) => {
    const d = a.data;
    const out = new Float64Array(d.length);
    forEachSlice(a, axis, (_k, o, s, len) => {
      const lse = sliceLogSumExp(d, o, s, len);
      for (let t = 0; t < len; t++) out[o + t * s] = (d[o + t * s] as number) - lse;
    });
    return { output: new Tensor(out, a.shape), saved: undefined };
  },
  backward: ({ gradOutput, output, params: axis }) => {
    // y = a − lse(a):  ∂/∂a = g − softmax · Σ g.
    const y = output.data;
    const g = gradOutput.data;
    const out = new Float64Array(y.length);
    forEachSlice(output, axis, (_k, o, s, len) => {
      let gs = 0;
      for (let t = 0; t < len; t++) gs += g[o + t * s] as number;
      for (let t = 0; t < len; t++) {
        const idx = o + t * s;
        out[idx] = (g[idx] as number) - Math.exp(y[idx] as number) * gs;
      }
    });
    return [new Tensor(out, output.shape)];
  },
});

/** Numerically stable `log softmax(a)` along `axis`. */
export function logSoftmax(a: Tensor, axis: Axis): Tensor {
  check(a, axis, "logSoftmax");
  return logSoftmaxOp([a], axis);
}

const softmaxOp = customOp<[Tensor], Axis>({
  name: "softmax",
  forward: ([a], axis) => {
    const d = a.data;
    const out = new Float64Array(d.length);
    forEachSlice(a, axis, (_k, o, s, len) => {
      const lse = sliceLogSumExp(d, o, s, len);
      for (let t = 0; t < len; t++) out[o + t * s] = Math.exp((d[o + t * s] as number) - lse);
    });
    return { output: new Tensor(out, a.shape), saved: undefined };
  },
  backward: ({ gradOutput, output, params: axis }) => {
    // ∂/∂a = y ⊙ (g − ⟨g, y⟩) along the axis.
    const y = output.data;
    const g = gradOutput.data;
    const out = new Float64Array(y.length);
    forEachSlice(output, axis, (_k, o, s, len) => {
      let dot = 0;
      for (let t = 0; t < len; t++) dot += (g[o + t * s] as number) * (y[o + t * s] as number);
      for (let t = 0; t < len; t++) {
        const idx = o + t * s;
        out[idx] = (y[idx] as number) * ((g[idx] as number) - dot);
      }
    });
    return [new Tensor(out, output.shape)];
  },
});

/** Softmax along `axis` (0: each column sums to 1, 1: each row sums to 1). */
export function softmax(a: Tensor, axis: Axis): Tensor {
  check(a, axis, "softmax");
  return softmaxOp([a], axis);
}

function check(a: Tensor, axis: unknown, where: string): void {
  assertTensor(a, "a", where);
  assertMatrix(a, "a", where);
  if (axis !== 0 && axis !== 1) {
    throw new ValueError(`${where}: argument \`axis\` must be 0 or 1, got ${String(axis)}`, "axis");
  }
}
