import { randomizedSvd, Tensor } from "@neural-nmf/tensor";
import type { Data } from "../data.js";

/** Options of {@link nndsvd}. */
export interface NndsvdOptions {
  /** `"mean"` (NNDSVDa, default) fills zeros with the mean of X; `"zero"` keeps them. */
  fill?: "zero" | "mean";
  /** Seed of the randomised SVD's test matrix (default 0). */
  seed?: number;
  /** Power iterations of the randomised SVD (default 2). */
  powerIterations?: number;
}

/**
 * NNDSVD initialisation of `X ≈ W H` (Boutsidis & Gallopoulos 2008): each leading singular pair
 * is split into its positive and negative parts and the dominant part kept, so W is
 * nonnegative. The singular pairs come from the seeded randomised SVD of `@neural-nmf/tensor`
 * (O(nnz·k) time, O((m + n)·k) memory, X never densified), so the start is the same for the same
 * seed and differs, slightly, between seeds. With `fill: "mean"` (NNDSVDa) the zeros are replaced
 * by the mean of X so that gradient steps can move every entry.
 * Returns W (m×k).
 */
export function nndsvd(x: Data, k: number, options: NndsvdOptions = {}): Tensor {
  const fill = options.fill ?? "mean";
  const m = x.rows;
  const svd = randomizedSvd(x, k, {
    seed: options.seed ?? 0,
    powerIterations: options.powerIterations ?? 2,
  });
  const { u, s, rank } = svd;
  const v = svd.vt; // row j of vt is the j-th right singular vector
  const w = new Float64Array(m * k);
  const n = x.cols;
  for (let j = 0; j < rank; j++) {
    const sj = s[j] as number;
    if (!(sj > 0)) continue;
    let upn = 0;
    let unn = 0;
    let vpn = 0;
    let vnn = 0;
    for (let i = 0; i < m; i++) {
      const val = u[i * rank + j] as number;
      if (val > 0) upn += val * val;
      else unn += val * val;
    }
    for (let i = 0; i < n; i++) {
      const val = v[j * n + i] as number;
      if (val > 0) vpn += val * val;
      else vnn += val * val;
    }
    const mp = Math.sqrt(upn * vpn);
    const mn = Math.sqrt(unn * vnn);
    const positive = j === 0 ? sumOf(u, rank, j, m) >= 0 : mp >= mn;
    const norm = Math.sqrt(positive ? upn : unn);
    const scaleFactor = j === 0 ? Math.sqrt(sj) : Math.sqrt(sj * (positive ? mp : mn));
    if (norm === 0) continue;
    for (let i = 0; i < m; i++) {
      const val = u[i * rank + j] as number;
      const part = positive ? Math.max(val, 0) : Math.max(-val, 0);
      // The first pair is all one sign (Perron–Frobenius): |u₁| scaled by √σ₁.
      w[i * k + j] = j === 0 ? Math.abs(val) * scaleFactor : (scaleFactor * part) / norm;
    }
  }
  if (fill === "mean") {
    let total = 0;
    if ("values" in x) for (let t = 0; t < x.values.length; t++) total += x.values[t] as number;
    else for (let t = 0; t < x.data.length; t++) total += x.data[t] as number;
    const avg = total / Math.max(1, m * n);
    for (let t = 0; t < w.length; t++) if (w[t] === 0) w[t] = avg;
  }
  return new Tensor(w, [m, k]);
}

function sumOf(u: Float64Array, rank: number, j: number, m: number): number {
  let s = 0;
  for (let i = 0; i < m; i++) s += u[i * rank + j] as number;
  return s;
}
