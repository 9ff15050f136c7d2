import { customOp } from "../custom-op.js";
import { formatShape, ShapeError, ValueError } from "../errors.js";
import { assertTensor, Tensor } from "../tensor.js";

/** Axis of a reduction: 0 reduces over rows (one value per column), 1 over columns (one per row). */
export type Axis = 0 | 1;

function checkAxis(axis: unknown, where: string): asserts axis is Axis | undefined {
  if (axis !== undefined && axis !== 0 && axis !== 1) {
    throw new ValueError(
      `${where}: argument \`axis\` must be 0, 1 or undefined, got ${String(axis)}`,
      "axis",
    );
  }
}

/** Sums of `a` over `axis` (undefined: everything → scalar; 0 → 1×n; 1 → m×1). */
function reduceSum(a: Tensor, axis: Axis | undefined): Tensor {
  const d = a.data;
  const m = a.rows;
  const n = a.cols;
  if (axis === undefined) {
    let s = 0;
    for (let i = 0; i < d.length; i++) s += d[i] as number;
    return new Tensor(Float64Array.of(s), []);
  }
  if (axis === 0) {
    const out = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      const o = i * n;
      for (let j = 0; j < n; j++) out[j] = (out[j] as number) + (d[o + j] as number);
    }
    return new Tensor(out, [1, n]);
  }
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    const o = i * n;
    for (let j = 0; j < n; j++) s += d[o + j] as number;
    out[i] = s;
  }
  return new Tensor(out, [m, 1]);
}

/** @internal Spreads a reduced cotangent back over `shape`, times `factor`. */
export function expandReduced(g: Tensor, shape: Tensor["shape"], factor: number): Tensor {
  const m = shape.length === 0 ? 1 : shape[0];
  const n = shape.length === 0 ? 1 : shape[1];
  const out = new Float64Array(m * n);
  const gd = g.data;
  const rowStride = g.rows === 1 ? 0 : g.cols;
  const colStride = g.cols === 1 ? 0 : 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++)
      out[i * n + j] = factor * (gd[i * rowStride + j * colStride] as number);
  }
  return new Tensor(out, shape);
}

const sumOp = customOp<[Tensor], { axis: Axis | undefined; mean: boolean }>({
  name: "sum",
  forward: ([a], { axis, mean }) => {
    const s = reduceSum(a, axis);
    if (mean) {
      const count = axis === undefined ? a.size : axis === 0 ? a.rows : a.cols;
      const sd = s.data;
      for (let i = 0; i < sd.length; i++) sd[i] = (sd[i] as number) / count;
    }
    return { output: s, saved: undefined };
  },
  backward: ({ gradOutput, inputs: [a], params: { axis, mean } }) => {
    const count = axis === undefined ? a.size : axis === 0 ? a.rows : a.cols;
    return [expandReduced(gradOutput, a.shape, mean ? 1 / count : 1)];
  },
});

/** Sum of all entries (scalar), or along `axis` (0: 1×n column sums, 1: m×1 row sums). */
export function sum(a: Tensor, axis?: Axis): Tensor {
  assertTensor(a, "a", "sum");
  checkAxis(axis, "sum");
  return sumOp([a], { axis, mean: false });
}

/** Mean of all entries, or along `axis`. An empty reduction throws {@link ShapeError}. */
export function mean(a: Tensor, axis?: Axis): Tensor {
  assertTensor(a, "a", "mean");
  checkAxis(axis, "mean");
  const count = axis === undefined ? a.size : axis === 0 ? a.rows : a.cols;
  if (count === 0)
    throw new ShapeError(
      `mean: reduction over an empty axis of shape ${formatShape(a.shape)}`,
      "a",
    );
  return sumOp([a], { axis, mean: true });
}

const sumSquaresOp = customOp<[Tensor]>({
  name: "sumSquares",
  forward: ([a]) => {
    const d = a.data;
    let s = 0;
    for (let i = 0; i < d.length; i++) s += (d[i] as number) * (d[i] as number);
    return { output: new Tensor(Float64Array.of(s), []), saved: undefined };
  },
  backward: ({ gradOutput, inputs: [a] }) => {
    const g = 2 * (gradOutput.data[0] as number);
    const d = a.data;
    const out = new Float64Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = g * (d[i] as number);
    return [new Tensor(out, a.shape)];
  },
});

/** `Σ aᵢⱼ²` (the squared Frobenius norm) as one fused op. */
export function sumSquares(a: Tensor): Tensor {
  assertTensor(a, "a", "sumSquares");
  return sumSquaresOp([a], undefined);
}

const frobeniusOp = customOp<[Tensor]>({
  name: "frobeniusNorm",
  forward: ([a]) => {
    const d = a.data;
    let s = 0;
    for (let i = 0; i < d.length; i++) s += (d[i] as number) * (d[i] as number);
    return { output: new Tensor(Float64Array.of(Math.sqrt(s)), []), saved: undefined };
  },
  backward: ({ gradOutput, inputs: [a], output }) => {
    const nrm = output.data[0] as number;
    const d = a.data;
    const out = new Float64Array(d.length);
    // At 0 the norm is not differentiable; 0 is a subgradient and keeps everything finite.
    if (nrm > 0) {
      const f = (gradOutput.data[0] as number) / nrm;
      for (let i = 0; i < d.length; i++) out[i] = f * (d[i] as number);
    }
    return [new Tensor(out, a.shape)];
  },
});

/** Frobenius norm `‖a‖_F` (subgradient 0 at a = 0). */
export function frobeniusNorm(a: Tensor): Tensor {
  assertTensor(a, "a", "frobeniusNorm");
  return frobeniusOp([a], undefined);
}

const innerOp = customOp<[Tensor, Tensor]>({
  name: "inner",
  forward: ([a, b]) => {
    const x = a.data;
    const y = b.data;
    let s = 0;
    for (let i = 0; i < x.length; i++) s += (x[i] as number) * (y[i] as number);
    return { output: new Tensor(Float64Array.of(s), []), saved: undefined };
  },
  backward: ({ gradOutput, inputs: [a, b], needsGrad }) => {
    const g = gradOutput.data[0] as number;
    const scaled = (t: Tensor): Tensor => {
      const out = new Float64Array(t.data.length);
      for (let i = 0; i < out.length; i++) out[i] = g * (t.data[i] as number);
      return new Tensor(out, t.shape);
    };
    return [needsGrad[0] ? scaled(b) : null, needsGrad[1] ? scaled(a) : null];
  },
});

/** Frobenius inner product `⟨a, b⟩ = Σ aᵢⱼ bᵢⱼ` of two tensors of the same shape (scalar). */
export function inner(a: Tensor, b: Tensor): Tensor {
  assertTensor(a, "a", "inner");
  assertTensor(b, "b", "inner");
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(
      `inner: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} differ`,
      "b",
    );
  }
  return innerOp([a, b], undefined);
}

const squaredDistanceOp = customOp<[Tensor, Tensor]>({
  name: "squaredDistance",
  forward: ([a, b]) => {
    const x = a.data;
    const y = b.data;
    let s = 0;
    for (let i = 0; i < x.length; i++) {
      const d = (x[i] as number) - (y[i] as number);
      s += d * d;
    }
    return { output: new Tensor(Float64Array.of(s), []), saved: undefined };
  },
  backward: ({ gradOutput, inputs: [a, b], needsGrad }) => {
    const g = 2 * (gradOutput.data[0] as number);
    const x = a.data;
    const y = b.data;
    const grad = (sign: number): Tensor => {
      const out = new Float64Array(x.length);
      const f = sign * g;
      for (let i = 0; i < x.length; i++) out[i] = f * ((x[i] as number) - (y[i] as number));
      return new Tensor(out, a.shape);
    };
    return [needsGrad[0] ? grad(1) : null, needsGrad[1] ? grad(-1) : null];
  },
});

/**
 * `‖a − b‖²_F = Σ (aᵢⱼ − bᵢⱼ)²` of two tensors of the same shape as one fused op: no residual
 * tensor is allocated in the forward pass, and each gradient is one pass (the least-squares
 * losses of NMF are all of this form).
 */
export function squaredDistance(a: Tensor, b: Tensor): Tensor {
  assertTensor(a, "a", "squaredDistance");
  assertTensor(b, "b", "squaredDistance");
  if (a.rows !== b.rows || a.cols !== b.cols || a.shape.length !== b.shape.length) {
    throw new ShapeError(
      `squaredDistance: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} differ`,
      "b",
    );
  }
  return squaredDistanceOp([a, b], undefined);
}
