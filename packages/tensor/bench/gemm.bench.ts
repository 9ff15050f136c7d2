/**
 * Throughput and latency of the dense `gemm` kernel.
 *
 * Vitest's own table reports calls per second of `gemm` and of the naive i-p-j loop it replaced
 * (the "before"). Because calls per second are hard to compare across shapes, each shape is also
 * timed directly and reported in GFLOP/s (2·m·n·k flops per call) in one table printed at the
 * end. The direct timing repeats fixed batches of calls until a time budget is spent and keeps
 * the median batch, which is steadier than a single long run when the machine is shared.
 *
 * Run: `pnpm exec vitest bench --run` in `packages/tensor`.
 */
import { afterAll, bench, describe } from "vitest";
import { gemm } from "../src/kernels/gemm.js";
import { Random } from "../src/random.js";

interface Shape {
  readonly label: string;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

const shape = (m: number, k: number, n: number, transA: boolean, transB: boolean): Shape => ({
  label: `${m}×${k}×${n} (m×k×n)${transA ? " Aᵀ" : ""}${transB ? " Bᵀ" : ""}`,
  transA,
  transB,
  m,
  n,
  k,
});

const SHAPES: readonly Shape[] = [
  shape(512, 512, 512, false, false),
  shape(512, 512, 512, false, true),
  shape(512, 512, 512, true, false),
  shape(512, 512, 512, true, true),
  // The NMF workload: W (87×9) · H (9×90) and the two gradient products.
  shape(87, 9, 90, false, false),
  shape(9, 87, 90, true, false),
  shape(87, 90, 9, false, true),
  shape(1000, 20, 1000, false, false),
];

function operands(s: Shape): { a: Float64Array; b: Float64Array; c: Float64Array } {
  const rng = new Random(s.m * 1_000_003 + s.n * 1009 + s.k);
  const a = new Float64Array(s.m * s.k);
  const b = new Float64Array(s.k * s.n);
  for (let i = 0; i < a.length; i++) a[i] = rng.uniform() - 0.5;
  for (let i = 0; i < b.length; i++) b[i] = rng.uniform() - 0.5;
  return { a, b, c: new Float64Array(s.m * s.n) };
}

type Kernel = typeof gemm;

/**
 * The i-p-j triple loop that `gemm` replaced, kept as the "before" column: same signature and
 * semantics, one row of C updated by an axpy per entry of A.
 */
const naiveGemm: Kernel = (transA, transB, m, n, k, a, b, c, accumulate = false) => {
  if (!accumulate) c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = transA ? a[p * m + i]! : a[i * k + p]!;
      if (aip === 0) continue;
      if (transB) {
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[j * k + p]!;
      } else {
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
      }
    }
  }
};

/** Median time per call over batches of calls, after a warm-up that lets V8 optimise the kernel. */
function msPerCall(kernel: Kernel, s: Shape, budgetMs: number): number {
  const { a, b, c } = operands(s);
  const call = (): void => kernel(s.transA, s.transB, s.m, s.n, s.k, a, b, c);
  // Batches of at least 20 ms so the timer resolution and loop overhead do not matter.
  let calls = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < calls; r++) call();
    if (performance.now() - t0 >= 20) break;
    calls *= 2;
  }
  const perBatch: number[] = [];
  const start = performance.now();
  while (perBatch.length < 5 || performance.now() - start < budgetMs) {
    const t0 = performance.now();
    for (let r = 0; r < calls; r++) call();
    perBatch.push((performance.now() - t0) / calls);
  }
  perBatch.sort((x, y) => x - y);
  return perBatch[perBatch.length >> 1] as number;
}

const report: string[] = [
  `  ${"shape".padEnd(30)} ${"gemm".padEnd(25)} ${"naive i-p-j loop (before)".padEnd(25)} speed-up`,
];

afterAll(() => {
  console.log(
    `\ngemm throughput and latency (median of timed batches, one core)\n${report.join("\n")}\n`,
  );
});

const cell = (ms: number, flops: number): string => {
  const time = ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(1)} µs`;
  return `${(flops / (ms * 1e6)).toFixed(2).padStart(5)} GFLOP/s (${time.padStart(8)})`;
};

for (const s of SHAPES) {
  describe(`gemm ${s.label}`, () => {
    const { a, b, c } = operands(s);
    bench(
      "gemm",
      () => {
        gemm(s.transA, s.transB, s.m, s.n, s.k, a, b, c);
      },
      {
        time: 500,
        // Vitest runs no suite hooks in bench mode, but tinybench calls this after the timed run.
        // Both kernels are timed here, each warmed up by msPerCall's calibration loop first.
        teardown: (_task, mode) => {
          if (mode !== "run") return;
          const flops = 2 * s.m * s.n * s.k;
          const fast = msPerCall(gemm, s, 1000);
          const slow = msPerCall(naiveGemm, s, 1000);
          report.push(
            `  ${s.label.padEnd(30)} ${cell(fast, flops)} ${cell(slow, flops)}  ${(slow / fast).toFixed(2)}×`,
          );
        },
      },
    );
    bench(
      "naive i-p-j loop (before)",
      () => {
        naiveGemm(s.transA, s.transB, s.m, s.n, s.k, a, b, c);
      },
      { time: 500 },
    );
  });
}
