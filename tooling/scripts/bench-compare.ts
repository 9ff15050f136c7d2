// `pnpm bench:compare`: milliseconds per epoch of this library against the reference-like Python
// baseline (../shared/baselines/reference_like.py), measured side by side in one run, on the
// synthetic data (1, 2, 3 layers; unsupervised and supervised) and the 20 Newsgroups subsample
// (2 layers). "Same work" rows run our training with the reference's losses, schedule and plain
// projected gradient steps (one forward + backward per epoch, 30 classifier steps per epoch when
// supervised); "default" rows run our default trainer (SPG). Also measures the wall time for each
// synthetic unsupervised model to come within 1% of its SVD bound, and the peak memory of a
// 20 Newsgroups fit. Writes docs/public/results/bench-compare.json.
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  classificationL2Loss,
  combine,
  energyLoss,
  reconstructionLoss,
  weighted,
} from "@neural-nmf/losses";
import { type Data, type FitOptions, NeuralNMF } from "neural-nmf";
import { singleThreadEnv, writeResults } from "./lib/results.js";
import {
  dataDir,
  hasSharedData,
  load20News,
  loadSyntheticHierarchy,
  repoRoot,
  sharedDir,
} from "./lib/shared-data.js";

if (!hasSharedData()) {
  console.log("bench:compare: ../shared/data is absent; nothing to compare");
  process.exit(0);
}

interface Config {
  name: string;
  data: "synthetic" | "20news";
  ranks: number[];
  mode: "unsup" | "sup";
  referenceEpochs: number;
  ourEpochs: number;
}
const configs: Config[] = [
  {
    name: "synthetic unsup 1 layer",
    data: "synthetic",
    ranks: [9],
    mode: "unsup",
    referenceEpochs: 200,
    ourEpochs: 2000,
  },
  {
    name: "synthetic unsup 2 layers",
    data: "synthetic",
    ranks: [9, 4],
    mode: "unsup",
    referenceEpochs: 200,
    ourEpochs: 2000,
  },
  {
    name: "synthetic unsup 3 layers",
    data: "synthetic",
    ranks: [9, 4, 2],
    mode: "unsup",
    referenceEpochs: 200,
    ourEpochs: 2000,
  },
  {
    name: "synthetic sup 1 layer",
    data: "synthetic",
    ranks: [9],
    mode: "sup",
    referenceEpochs: 10,
    ourEpochs: 500,
  },
  {
    name: "synthetic sup 2 layers",
    data: "synthetic",
    ranks: [9, 4],
    mode: "sup",
    referenceEpochs: 5,
    ourEpochs: 500,
  },
  {
    name: "synthetic sup 3 layers",
    data: "synthetic",
    ranks: [9, 4, 2],
    mode: "sup",
    referenceEpochs: 5,
    ourEpochs: 500,
  },
  {
    name: "20news unsup 2 layers",
    data: "20news",
    ranks: [10, 6],
    mode: "unsup",
    referenceEpochs: 2,
    ourEpochs: 50,
  },
];

const syn = loadSyntheticHierarchy();
const news = load20News();
const python = process.env.PYTHON ?? "python3";
const baseline = join(sharedDir, "baselines", "reference_like.py");

function reference(c: Config): { msPerEpoch: number; relError: number } {
  const dir = join(dataDir, c.data === "synthetic" ? "synthetic-hierarchy" : "20news-subsample");
  const out = execFileSync(
    python,
    [
      baseline,
      "--data",
      dir,
      "--ranks",
      c.ranks.join(","),
      "--epochs",
      String(c.referenceEpochs),
      "--mode",
      c.mode,
    ],
    {
      encoding: "utf8",
      env: singleThreadEnv,
    },
  );
  const r = JSON.parse(out.trim().split("\n").at(-1) as string);
  return { msPerEpoch: r.ms_per_epoch, relError: r.rel_error };
}

/** Our training doing the reference's work per epoch (its losses, mean reduction, lr, schedule). */
function ours(
  c: Config,
  variant: "same" | "default",
): { msPerEpoch: number; evaluationsPerEpoch: number } {
  const x: Data = c.data === "synthetic" ? syn.X : news.X;
  const model = new NeuralNMF({ ranks: c.ranks, seed: 0, init: "random" });
  const top = c.ranks.at(-1) as number;
  const opts: FitOptions = { maxEpochs: c.ourEpochs, tolerance: 0 };
  if (variant === "same") {
    opts.optimizer = "pgd";
    opts.learningRate = c.data === "synthetic" ? 1 : 1e10;
    if (c.mode === "unsup") opts.loss = reconstructionLoss({ reduction: "mean" });
  }
  if (c.mode === "sup") {
    opts.supervision = { labels: syn.labels[top as 9 | 4 | 2], classes: top };
    if (variant === "same") {
      opts.loss = combine(
        energyLoss({ reduction: "mean" }),
        weighted(classificationL2Loss({ reduction: "mean" }), 1e-4),
      );
      opts.classifierSteps = 30;
      opts.classifierLearningRate = 0.01;
    }
  }
  // Warm-up (JIT) on a short run, then the timed run.
  new NeuralNMF({ ranks: c.ranks, seed: 1, init: "random" }).fit(x, {
    ...opts,
    maxEpochs: Math.min(20, c.ourEpochs),
  });
  const h = model.fit(x, opts);
  return {
    msPerEpoch: h.elapsedMs / h.epochs.length,
    evaluationsPerEpoch: h.evaluations / h.epochs.length,
  };
}

const rows: Record<string, unknown>[] = [];
console.log(
  "configuration              | reference ms/epoch | ours (same work) ms/epoch | ratio | ours (default SPG) ms/epoch | evals/epoch",
);
for (const c of configs) {
  const ref = reference(c);
  const same = ours(c, "same");
  const def = ours(c, "default");
  const ratio = ref.msPerEpoch / same.msPerEpoch;
  rows.push({
    ...c,
    referenceMsPerEpoch: ref.msPerEpoch,
    oursSameWorkMsPerEpoch: same.msPerEpoch,
    ratio,
    oursDefaultMsPerEpoch: def.msPerEpoch,
    defaultEvaluationsPerEpoch: def.evaluationsPerEpoch,
  });
  console.log(
    `${c.name.padEnd(26)} | ${ref.msPerEpoch.toFixed(3).padStart(18)} | ${same.msPerEpoch.toFixed(3).padStart(25)} | ${ratio.toFixed(1).padStart(5)}× | ${def.msPerEpoch.toFixed(3).padStart(26)} | ${def.evaluationsPerEpoch.toFixed(2)}`,
  );
}

// Wall time (initialisation included) until the top level is within 1% of its SVD bound.
const BOUND = [0.0236, 0.2816, 0.4676];
const normX = syn.X.data.reduce((s, v) => s + v * v, 0);
const timeToTarget: Record<string, unknown>[] = [];
console.log(
  "\ntime for each synthetic unsupervised model to come within 1% of its SVD bound (default trainer)",
);
for (const ranks of [[9], [9, 4], [9, 4, 2]]) {
  const L = ranks.length;
  const target = (BOUND[L - 1] as number) * 1.01;
  const t0 = performance.now();
  const model = new NeuralNMF({ ranks, seed: 1 });
  let reached = Number.NaN;
  model.fit(syn.X, {
    maxEpochs: 5000,
    onEpoch: (e) => {
      const term = e.terms[L === 1 ? "reconstruction" : `reconstruction[${L}]`] ?? e.loss;
      if (Math.sqrt(term / normX) <= target) {
        reached = performance.now() - t0;
        return false;
      }
      return undefined;
    },
  });
  const rel = model.relativeError(syn.X)[L - 1] as number;
  timeToTarget.push({ ranks, seconds: reached / 1000, relativeError: rel, target });
  console.log(
    `ranks ${JSON.stringify(ranks).padEnd(9)}: ${(reached / 1000).toFixed(3)} s (relative error ${rel.toFixed(4)}, target ≤ ${target.toFixed(4)})`,
  );
}

// Peak memory of a 20 Newsgroups fit, in a fresh process so nothing else counts.
const memScript = `
import { NeuralNMF } from "neural-nmf";
import { load20News } from "./lib/shared-data.js";
const news = load20News();
const m = new NeuralNMF({ ranks: [10, 6], seed: 1 });
m.fit(news.X, { maxEpochs: 100 });
console.log(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, relativeError: m.relativeError(news.X) }));
`;
const memFile = join(repoRoot, "tooling", "scripts", ".mem-probe.ts");
writeFileSync(memFile, memScript);
const mem = spawnSync(process.execPath, ["--import", "tsx", memFile], {
  encoding: "utf8",
  cwd: repoRoot,
});
const memResult = JSON.parse(mem.stdout.trim().split("\n").at(-1) ?? "{}");
console.log(
  `\npeak memory of a 20 Newsgroups fit (100 epochs, whole process): ${Number(memResult.maxRssMB).toFixed(0)} MB`,
);

console.log(
  `wrote ${writeResults("bench-compare", { generated: new Date().toISOString(), rows, timeToTarget, peakMemoryMB: memResult.maxRssMB })}`,
);
