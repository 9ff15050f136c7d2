import { customOp } from "../custom-op.js";
import { formatShape, ShapeError } from "../errors.js";
import { gemm } from "../kernels/gemm.js";
import { gram } from "../kernels/gram.js";
import { allocateFloat64 } from "../parallel/executor.js";
import { assertMatrix, assertTensor, Tensor } from "../tensor.js";

/** Options of {@link matmul}: use a transposed operand without copying it. */
export interface MatmulOptions {
  /** Multiply by `aᵀ` instead of `a`. */
  transA?: boolean;
  /** Multiply by `bᵀ` instead of `b`. */
  transB?: boolean;
}

interface Flags {
  transA: boolean;
  transB: boolean;
  /** Both operands are the same tensor (AᵀA or AAᵀ): one fused cotangent. */
  same: boolean;
}

/** Raw product of two untraced matrices with the given flags. */
function product(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const n = transB ? b.rows : b.cols;
  const out = allocateFloat64(m * n);
  // AᵀA of one matrix is symmetric: half the work (the Gram matrices of NMF are all of this kind).
  if (a.data === b.data && transA && !transB) gram(a.data, k, m, out);
  else gemm(transA, transB, m, n, k, a.data, b.data, out);
  return new Tensor(out, [m, n]);
}

const matmulOp = customOp<[Tensor, Tensor], Flags>({
  name: "matmul",
  forward: ([a, b], { transA, transB }) => ({
    output: product(a, b, transA, transB),
    saved: undefined,
  }),
  backward: ({ gradOutput: g, inputs: [a, b], params: { transA, transB, same }, needsGrad }) => {
    if (same && transA !== transB) {
      // C = AᵀA (or AAᵀ): dA = A(G + Gᵀ) (or (G + Gᵀ)A), one product instead of two.
      const sym = symmetrised(g);
      return [transA ? product(a, sym, false, false) : product(sym, a, false, false), null];
    }
    // C = op(A) op(B):  d op(A) = G op(B)ᵀ,  d op(B) = op(A)ᵀ G, then undo the op on each side.
    const dA = needsGrad[0]
      ? transA
        ? product(b, g, transB, true)
        : product(g, b, false, !transB)
      : null;
    const dB = needsGrad[1]
      ? transB
        ? product(g, a, true, transA)
        : product(a, g, !transA, false)
      : null;
    return [dA, dB];
  },
});

/**
 * Matrix product `op(a) · op(b)` where `op` optionally transposes (read in place, no copy).
 * @throws {@link ShapeError} when the inner sizes differ.
 * @example
 * ```ts
 * matmul(A, X, { transA: true }); // AᵀX without forming Aᵀ
 * ```
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  assertTensor(a, "a", "matmul");
  assertTensor(b, "b", "matmul");
  assertMatrix(a, "a", "matmul");
  assertMatrix(b, "b", "matmul");
  const transA = options.transA === true;
  const transB = options.transB === true;
  const ka = transA ? a.rows : a.cols;
  const kb = transB ? b.cols : b.rows;
  if (ka !== kb) {
    throw new ShapeError(
      `matmul: inner sizes differ: op(a) from ${formatShape(a.shape)}${transA ? "ᵀ" : ""} has ${ka} columns, op(b) from ${formatShape(b.shape)}${transB ? "ᵀ" : ""} has ${kb} rows`,
      "b",
    );
  }
  const same = a === b;
  if (!same || a.node === null || transA === transB) {
    return matmulOp([a, b], { transA, transB, same });
  }
  // AᵀA (or AAᵀ) of a traced tensor: one node per evaluation, shared by every use (the NNLS layer
  // and each reconstruction loss all need the Gram matrix of A⁽¹⁾), so its m×k² forward and
  // backward products run once.
  const cache = transA ? gramsOf : outerGramsOf;
  const hit = cache.get(a);
  if (hit) return hit;
  const product = matmulOp([a, b], { transA, transB, same });
  cache.set(a, product);
  return product;
}

/** Gram products AᵀA / AAᵀ of traced tensors, alive only as long as the tensor (one evaluation). */
const gramsOf = new WeakMap<Tensor, Tensor>();
const outerGramsOf = new WeakMap<Tensor, Tensor>();

/** G + Gᵀ of a square cotangent. */
function symmetrised(g: Tensor): Tensor {
  const n = g.rows;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      out[i * n + j] = (g.data[i * n + j] as number) + (g.data[j * n + i] as number);
  }
  return new Tensor(out, [n, n]);
}

/** @internal Transposes row-major `src` (m×n) into `dst` (n×m), in cache-friendly tiles. */
export function transposeInto(src: Float64Array, m: number, n: number, dst: Float64Array): void {
  const T = 32;
  for (let i0 = 0; i0 < m; i0 += T) {
    const i1 = Math.min(m, i0 + T);
    for (let j0 = 0; j0 < n; j0 += T) {
      const j1 = Math.min(n, j0 + T);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) dst[j * m + i] = src[i * n + j] as number;
      }
    }
  }
}

function transposed(a: Tensor): Tensor {
  if (a.shape.length === 0) return a;
  const out = new Float64Array(a.data.length);
  transposeInto(a.data, a.rows, a.cols, out);
  return new Tensor(out, [a.cols, a.rows]);
}

const transposeOp = customOp<[Tensor]>({
  name: "transpose",
  forward: ([a]) => ({ output: transposed(a), saved: undefined }),
  backward: ({ gradOutput }) => [transposed(gradOutput)],
});

/** The transpose `aᵀ` (a copy; prefer {@link matmul}'s `transA`/`transB` inside products). */
export function transpose(a: Tensor): Tensor {
  assertTensor(a, "a", "transpose");
  return transposeOp([a], undefined);
}
