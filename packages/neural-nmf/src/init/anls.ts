import { nnlsGram, normalEquations } from "@neural-nmf/nnls";
import { CscMatrix, gemm, gram as gramOf, Tensor } from "@neural-nmf/tensor";
import type { Data } from "../data.js";

/** Options of {@link alternatingNnls}. */
export interface AnlsOptions {
  /** Most alternations. Default 100. */
  iterations?: number;
  /** Stop when the relative error improves by less than this between alternations. Default 1e-6. */
  tolerance?: number;
}

/**
 * One-layer NMF `X ≈ A S` by alternating nonnegative least squares from the start `a0`:
 * `S ← q(X, A)`, then `Aᵀ ← q(Xᵀ, Sᵀ)`, both with the multi-column solver on the normal equations
 * (`G = SSᵀ`, `C = S Xᵀ`; for sparse X, `X Sᵀ` costs O(nnz·k)). Used for layer-wise pre-training
 * and by the hierarchical NMF baseline. Returns the factors and the final relative error.
 */
export function alternatingNnls(
  x: Data,
  a0: Tensor,
  options: AnlsOptions = {},
): { A: Tensor; S: Tensor; relativeError: number } {
  const iterations = options.iterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const m = x.rows;
  const n = x.cols;
  const k = a0.cols;
  const xx = x.frobeniusNormSquared();
  let a = a0.data.slice();
  let s: Float64Array = new Float64Array(k * n);
  const gram = new Float64Array(k * k);
  const cross = new Float64Array(k * Math.max(m, n));
  let previous = Number.POSITIVE_INFINITY;
  let rel = Number.POSITIVE_INFINITY;
  let sInit: Float64Array | undefined;
  let aInit: Float64Array | undefined;
  for (let it = 0; it < iterations; it++) {
    // S-step: G = AᵀA, C = AᵀX.
    const { C: c } = normalEquations(a, m, k, x, gram, cross.subarray(0, k * n));
    s = nnlsGram(gram, c, k, n, { initial: sInit }).S;
    sInit = s;
    // A-step: G = SSᵀ, C = S Xᵀ (k×m), solve for Aᵀ (k×m).
    gemm(false, true, k, k, n, s, s, gram);
    let cT: Float64Array;
    if (x instanceof CscMatrix) {
      const xs = x.rightMultiplyTransposed(s, k); // X Sᵀ, m×k
      cT = cross.subarray(0, k * m);
      for (let i = 0; i < m; i++)
        for (let r = 0; r < k; r++) cT[r * m + i] = xs[i * k + r] as number;
    } else {
      cT = cross.subarray(0, k * m);
      gemm(false, true, k, m, n, s, x.data, cT);
    }
    const at = nnlsGram(gram, cT, k, m, { initial: aInit }).S; // k×m
    aInit = at;
    a = new Float64Array(m * k);
    for (let r = 0; r < k; r++) for (let i = 0; i < m; i++) a[i * k + r] = at[r * m + i] as number;
    // ‖X − AS‖² = ‖X‖² − 2⟨SXᵀ, Aᵀ⟩ + ⟨SSᵀ, AᵀA⟩ (no m×n residual).
    let cross2 = 0;
    for (let t = 0; t < k * m; t++) cross2 += (cT[t] as number) * (at[t] as number);
    const ata = gramOf(a, m, k);
    let quad = 0;
    for (let t = 0; t < k * k; t++) quad += (ata[t] as number) * (gram[t] as number);
    rel = Math.sqrt(Math.max(0, xx - 2 * cross2 + quad) / Math.max(xx, Number.MIN_VALUE));
    if (previous - rel < tolerance * Math.max(rel, 1e-12)) break;
    previous = rel;
  }
  // Final S consistent with the returned A (the model's forward map).
  const { C: c } = normalEquations(a, m, k, x, gram, cross.subarray(0, k * n));
  s = nnlsGram(gram, c, k, n, { initial: sInit }).S;
  return { A: new Tensor(a, [m, k]), S: new Tensor(s, [k, n]), relativeError: rel };
}
