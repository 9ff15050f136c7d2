/**
 * Micro-benchmarks of the multi-column NNLS solver (`pnpm bench` in this package). The
 * side-by-side comparison with scipy is `tooling/scripts/bench-nnls-forward.ts`.
 */
import { gemm, Random, Tensor } from "@neural-nmf/tensor";
import { bench, describe } from "vitest";
import { nnls, nnlsGram } from "../src/index.js";

function problem(m: number, k: number, n: number, seed: number) {
  const rng = new Random(seed);
  const A = rng.fillUniform(new Float64Array(m * k));
  const S0 = new Float64Array(k * n);
  for (let t = 0; t < S0.length; t++) S0[t] = rng.uniform() < 0.2 ? rng.uniform() : 0;
  const X = new Float64Array(m * n);
  gemm(false, false, m, n, k, A, S0, X);
  for (let t = 0; t < X.length; t++) X[t] = X[t]! + 0.01 * rng.normal();
  const G = new Float64Array(k * k);
  const C = new Float64Array(k * n);
  gemm(true, false, k, k, m, A, A, G);
  gemm(true, false, k, n, m, A, X, C);
  return { A: new Tensor(A, [m, k]), X: new Tensor(X, [m, n]), G, C, k, n };
}

describe("nnls end to end, 87×9 A, 90 columns (the synthetic Neural NMF layer)", () => {
  const p = problem(87, 9, 90, 1);
  bench("block principal pivoting", () => {
    nnls(p.A, p.X, { method: "bpp" });
  });
  bench("active set", () => {
    nnls(p.A, p.X, { method: "active-set" });
  });
});

for (const [k, n] of [
  [20, 1000],
  [50, 2000],
] as const) {
  describe(`k-space solve (nnlsGram), k = ${k}, n = ${n}`, () => {
    const p = problem(4 * k, k, n, 2);
    const previous = nnlsGram(p.G, p.C, k, n).S;
    bench("block principal pivoting, cold", () => {
      nnlsGram(p.G, p.C, k, n, { method: "bpp" });
    });
    bench("block principal pivoting, warm (exact previous support)", () => {
      nnlsGram(p.G, p.C, k, n, { method: "bpp", initial: previous });
    });
    bench("active set, cold", () => {
      nnlsGram(p.G, p.C, k, n, { method: "active-set" });
    });
  });
}
