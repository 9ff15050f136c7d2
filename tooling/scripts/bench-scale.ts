// `pnpm bench:scale`: Neural NMF on corpora of real size. For 20 000 and 100 000 documents of a
// seeded hierarchical bag-of-words corpus (20 000 words, ~80 tokens per document, 4 groups × 5
// subtopics, `@neural-nmf/datasets`), in one run:
//   - the default fit (ranks 20,4, every core): read, initialisation and training times, peak
//     memory, relative error per level, accuracy against the planted subtopics (level 1) and
//     groups (level 2) — each fit in its own process, so its peak memory is its own;
//   - scikit-learn's NMF (k = 20) and MiniBatchNMF on the same matrix, one thread, when python3
//     with scikit-learn is present (skipped with the reason otherwise);
//   - milliseconds per training epoch on one thread and on every core;
//   - (100 000 documents) loss against time of full-batch and mini-batch training from the same
//     initialisation.
// Writes docs/public/results/bench-scale.json. `--sizes 20000` runs one size only.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { hierarchicalCorpus } from "@neural-nmf/datasets";
import type { CscMatrix } from "@neural-nmf/tensor";
import { singleThreadEnv, writeResults } from "./lib/results.js";
import { repoRoot } from "./lib/shared-data.js";

const argSizes = process.argv.indexOf("--sizes");
const sizes =
  argSizes > 0 ? (process.argv[argSizes + 1] ?? "").split(",").map(Number) : [20_000, 100_000];
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), "bench-scale-"));
const child = join(repoRoot, "tooling", "scripts", "bench-scale-fit.ts");
const sklearnScript = join(repoRoot, "tooling", "scripts", "bench_scale_sklearn.py");

function writeMatrixMarket(path: string, x: CscMatrix): void {
  const lines: string[] = [
    "%%MatrixMarket matrix coordinate integer general",
    `${x.rows} ${x.cols} ${x.nnz}`,
  ];
  for (let j = 0; j < x.cols; j++) {
    for (let p = x.colPtr[j]!; p < x.colPtr[j + 1]!; p++) {
      lines.push(`${x.rowIndices[p]! + 1} ${j + 1} ${x.values[p]}`);
    }
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

function runNode(args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, ["--import", "tsx", child, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`bench-scale-fit ${args[0]} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) as string);
}

function sklearnAvailable(): string | null {
  const r = spawnSync("python3", ["-c", "import sklearn, scipy, numpy"], { encoding: "utf8" });
  if (r.error) return `python3 not found (${r.error.message})`;
  return r.status === 0 ? null : "python3 has no scikit-learn/scipy/numpy";
}

const fmt = (v: unknown, d = 2) => (typeof v === "number" ? v.toFixed(d) : String(v));
const skip = sklearnAvailable();
if (skip) console.log(`scikit-learn rows skipped: ${skip}`);
const results: Record<string, unknown>[] = [];

for (const n of sizes) {
  const corpus = hierarchicalCorpus({ documents: n, seed: 1 });
  const mtx = join(dir, `X${n}.mtx`);
  const sub = join(dir, `sub${n}.txt`);
  const grp = join(dir, `grp${n}.txt`);
  const model = join(dir, `model${n}.json`);
  writeMatrixMarket(mtx, corpus.X);
  writeFileSync(sub, `${Array.from(corpus.subtopics).join("\n")}\n`);
  writeFileSync(grp, `${Array.from(corpus.groups).join("\n")}\n`);
  console.log(
    `\n## ${n} documents: ${corpus.X.rows} words, ${corpus.X.nnz} nonzeros (${(corpus.X.nnz / n).toFixed(1)} per document)`,
  );
  const ours = runNode(["fit", mtx, sub, grp, model]);
  const rel = ours.relativeError as number[];
  console.log(
    `neural-nmf default fit (${ours.threads} threads): ${fmt(ours.fitSeconds)} s (init ${fmt(ours.initSeconds)} s, ${ours.epochs} epochs ${fmt(ours.trainSeconds)} s; reading ${fmt(ours.readSeconds)} s), peak ${fmt(ours.peakMB, 0)} MB, relative error ${rel.map((e) => fmt(e, 4)).join(" / ")}, accuracy subtopics ${fmt(ours.accuracySubtopics, 4)} (level 1), groups ${fmt(ours.accuracyGroups, 4)} (level 2)`,
  );
  let sklearn: Record<string, unknown>[] = [];
  if (skip === null) {
    const r = spawnSync("python3", [sklearnScript, mtx, sub, grp], {
      encoding: "utf8",
      env: singleThreadEnv,
    });
    if (r.status !== 0) throw new Error(`scikit-learn baseline failed:\n${r.stderr}`);
    sklearn = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const s of sklearn) {
      console.log(
        `scikit-learn ${s.model} (k = 20, 1 thread): ${fmt(s.seconds)} s, peak ${fmt(s.peakMB, 0)} MB, relative error ${fmt(s.relativeError, 4)}, accuracy subtopics ${fmt(s.accuracySubtopics, 4)}, groups ${fmt(s.accuracyGroups, 4)}`,
      );
    }
  }
  // Two alternating runs per thread count, the faster kept: this machine's memory bandwidth varies
  // with its neighbours, and the sparse products feel it.
  const epochMs = (t: number) =>
    runNode(["epochs", mtx, model, String(t), "8"]).msPerEpoch as number;
  const runs = [epochMs(1), epochMs(cores), epochMs(1), epochMs(cores)];
  const e1 = Math.min(runs[0]!, runs[2]!);
  const eAll = Math.min(runs[1]!, runs[3]!);
  console.log(
    `epoch: ${fmt(e1, 0)} ms on 1 thread, ${fmt(eAll, 0)} ms on ${cores}: ${fmt(e1 / eAll)}×`,
  );
  let minibatch: Record<string, unknown>[] = [];
  if (n >= 100_000) {
    const budget = "60";
    // From the same initialised model (before any end-to-end training).
    minibatch = ["full", String(n / 10), String(n / 4)].map((b) =>
      runNode(["minibatch", mtx, `${model}.init.json`, b, budget]),
    );
    for (const m of minibatch) {
      const pts = m.points as [number, number][];
      console.log(
        `loss vs time, batch ${m.batchSize}: start ${(m.initialLoss as number).toExponential(6)}; ${pts
          .filter((_, i) => i % 3 === 0 || i === pts.length - 1)
          .map(([t, l]) => `${t.toFixed(1)} s ${l.toExponential(6)}`)
          .join(", ")}`,
      );
    }
  }
  results.push({
    documents: n,
    words: corpus.X.rows,
    nonzeros: corpus.X.nnz,
    neuralNmf: ours,
    sklearn,
    sklearnSkipped: skip,
    epochMs: { oneThread: e1, allThreads: eAll, threads: cores, speedup: e1 / eAll, runs },
    minibatch,
  });
}
rmSync(dir, { recursive: true, force: true });
const file = writeResults("bench-scale", { cores, results });
console.log(`\nwrote ${file}`);
