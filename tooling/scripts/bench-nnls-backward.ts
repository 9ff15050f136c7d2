// Side-by-side benchmark of the NNLS layer's backward pass: our batched closed form (one Cholesky
// per distinct support, then a few matrix products) against the reference's per-column
// pseudo-inverse of the m×|P| matrix (nnls_backward of ../shared/baselines/reference_like.py),
// on the same matrices, with a check that both give the same gradients.
//   node --import tsx tooling/scripts/bench-nnls-backward.ts
// Writes docs/public/results/bench-nnls-backward.json.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nnlsBackward, nnlsGram } from "@neural-nmf/nnls";
import { gemm, Random } from "@neural-nmf/tensor";
import { singleThreadEnv, writeResults } from "./lib/results.js";
import { repoRoot, sharedDir } from "./lib/shared-data.js";

if (!existsSync(join(sharedDir, "baselines", "reference_like.py"))) {
  console.log("bench-nnls-backward: ../shared/baselines is absent; nothing to compare");
  process.exit(0);
}
const shapes = [
  { m: 87, k: 9, n: 90, runs: 200, pyRepeats: 5 },
  { m: 1000, k: 20, n: 1000, runs: 10, pyRepeats: 2 },
  { m: 5000, k: 50, n: 2000, runs: 3, pyRepeats: 1 },
];
const rows: Record<string, number | string>[] = [];
console.log(
  "shape (m, k, n)     | ours ms | per-column pinv ms | ratio | max rel. diff of gradients",
);
for (const { m, k, n, runs, pyRepeats } of shapes) {
  const rng = new Random(7);
  const a = rng.fillUniform(new Float64Array(m * k));
  const s0 = new Float64Array(k * n);
  for (let t = 0; t < s0.length; t++) s0[t] = rng.uniform() < 0.2 ? rng.uniform() : 0;
  const x = new Float64Array(m * n);
  gemm(false, false, m, n, k, a, s0, x);
  for (let t = 0; t < x.length; t++) x[t] = Math.max(0, (x[t] as number) + 0.01 * rng.normal());
  const g = rng.fillNormal(new Float64Array(k * n));
  const gram = new Float64Array(k * k);
  gemm(true, false, k, k, m, a, a, gram);
  const c = new Float64Array(k * n);
  gemm(true, false, k, n, m, a, x, c);
  const s = nnlsGram(gram, c, k, n).S;
  const run = () => nnlsBackward({ a, x, s, gram, gradS: g, m, k, n, needX: true, needA: true });
  run();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  const out = run();
  const dir = mkdtempSync(join(tmpdir(), "nnls-bwd-"));
  const save = (name: string, arr: Float64Array) =>
    writeFileSync(join(dir, name), Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
  save("A.bin", a);
  save("X.bin", x);
  save("S.bin", s);
  save("G.bin", g);
  save("gX.bin", out.gradX as Float64Array);
  save("gA.bin", out.gradA as Float64Array);
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ m, k, n }));
  const py = spawnSync(
    "python3",
    [join(repoRoot, "tooling", "scripts", "nnls_backward_bench.py"), dir, String(pyRepeats)],
    {
      encoding: "utf8",
      env: singleThreadEnv,
    },
  );
  rmSync(dir, { recursive: true, force: true });
  if (py.status !== 0) throw new Error(`python failed: ${py.stderr}`);
  const ref = JSON.parse(py.stdout.trim().split("\n").at(-1) as string);
  const ratio = ref.ms / best;
  const diff = Math.max(ref.relDiffX, ref.relDiffA);
  rows.push({
    shape: `${m}x${k}x${n}`,
    oursMs: best,
    referenceMs: ref.ms,
    ratio,
    maxRelativeDifference: diff,
    factorizations: out.factorizations,
  });
  console.log(
    `${`(${m}, ${k}, ${n})`.padEnd(19)} | ${best.toFixed(2).padStart(7)} | ${ref.ms.toFixed(1).padStart(18)} | ${ratio.toFixed(0).padStart(4)}× | ${diff.toExponential(1)}`,
  );
}
console.log(
  `wrote ${writeResults("bench-nnls-backward", { generated: new Date().toISOString(), rows })}`,
);
