import { stopGradient } from "../autodiff.js";
import { customOp } from "../custom-op.js";
import { ArgumentTypeError, formatShape, ShapeError, ValueError } from "../errors.js";
import { assertMatrix, assertTensor, Tensor } from "../tensor.js";
import { mul } from "./elementwise-binary.js";

function checkIndices(indices: unknown, limit: number, where: string): Int32Array {
  if (
    !Array.isArray(indices) &&
    !(indices instanceof Int32Array) &&
    !(indices instanceof Uint32Array)
  ) {
    throw new ArgumentTypeError(
      `${where}: argument \`indices\` must be an array of integers`,
      "indices",
    );
  }
  const out = new Int32Array(indices.length);
  for (let t = 0; t < indices.length; t++) {
    const v = (indices as ArrayLike<number>)[t] as number;
    if (!Number.isInteger(v) || v < 0 || v >= limit) {
      throw new ValueError(
        `${where}: index ${v} at position ${t} is out of range [0, ${limit})`,
        "indices",
      );
    }
    out[t] = v;
  }
  return out;
}

const selectColumnsOp = customOp<[Tensor], Int32Array>({
  name: "selectColumns",
  forward: ([a], idx) => {
    const m = a.rows;
    const n = a.cols;
    const p = idx.length;
    const out = new Float64Array(m * p);
    for (let i = 0; i < m; i++)
      for (let t = 0; t < p; t++) out[i * p + t] = a.data[i * n + (idx[t] as number)] as number;
    return { output: new Tensor(out, [m, p]), saved: undefined };
  },
  backward: ({ gradOutput: g, inputs: [a], params: idx }) => {
    const m = a.rows;
    const n = a.cols;
    const p = idx.length;
    const out = new Float64Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let t = 0; t < p; t++) {
        const o = i * n + (idx[t] as number);
        out[o] = (out[o] as number) + (g.data[i * p + t] as number);
      }
    }
    return [new Tensor(out, a.shape)];
  },
});

/** Columns `indices` of `a` (in that order; repeats allowed, their gradients add up). */
export function selectColumns(a: Tensor, indices: readonly number[] | Int32Array): Tensor {
  assertTensor(a, "a", "selectColumns");
  assertMatrix(a, "a", "selectColumns");
  return selectColumnsOp([a], checkIndices(indices, a.cols, "selectColumns"));
}

const selectRowsOp = customOp<[Tensor], Int32Array>({
  name: "selectRows",
  forward: ([a], idx) => {
    const n = a.cols;
    const out = new Float64Array(idx.length * n);
    idx.forEach((r, t) => {
      out.set(a.data.subarray(r * n, (r + 1) * n), t * n);
    });
    return { output: new Tensor(out, [idx.length, n]), saved: undefined };
  },
  backward: ({ gradOutput: g, inputs: [a], params: idx }) => {
    const n = a.cols;
    const out = new Float64Array(a.data.length);
    idx.forEach((r, t) => {
      for (let j = 0; j < n; j++)
        out[r * n + j] = (out[r * n + j] as number) + (g.data[t * n + j] as number);
    });
    return [new Tensor(out, a.shape)];
  },
});

/** Rows `indices` of `a` (in that order; repeats allowed). */
export function selectRows(a: Tensor, indices: readonly number[] | Int32Array): Tensor {
  assertTensor(a, "a", "selectRows");
  assertMatrix(a, "a", "selectRows");
  return selectRowsOp([a], checkIndices(indices, a.rows, "selectRows"));
}

/**
 * `a ⊙ m` where the mask `m` is a constant (no gradient flows into it); `m` may be a full mask,
 * a row (1×n, e.g. "which columns are labelled") or a column (m×1).
 */
export function mask(a: Tensor, m: Tensor): Tensor {
  assertTensor(a, "a", "mask");
  assertTensor(m, "m", "mask");
  if (m.shape.length === 2 && a.shape.length === 2) {
    const okRows = m.rows === a.rows || m.rows === 1;
    const okCols = m.cols === a.cols || m.cols === 1;
    if (!okRows || !okCols) {
      throw new ShapeError(
        `mask: mask of shape ${formatShape(m.shape)} does not fit ${formatShape(a.shape)}`,
        "m",
      );
    }
  }
  return mul(a, stopGradient(m));
}
