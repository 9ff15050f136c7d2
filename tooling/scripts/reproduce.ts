// Reproduces the paper's experiments (`pnpm reproduce`): the synthetic hierarchy (ranks 9, 4, 2;
// 1/2/3 layers × unsupervised / semi-supervised (mask "40") / supervised; 5 seeds) and the
// 20 Newsgroups subsample (ranks 10, 6; labels of known60 known; Neural NMF against hierarchical
// NMF). Prints the tables next to the paper's and the reference's numbers and writes them as JSON
// to docs/public/results/reproduce.json.
import { type Data, fitHierarchicalNmf, NeuralNMF } from "neural-nmf";
import { writeResults } from "./lib/results.js";
import { hasSharedData, load20News, loadSyntheticHierarchy } from "./lib/shared-data.js";

if (!hasSharedData()) {
  console.log("reproduce: ../shared/data is absent; nothing to reproduce");
  process.exit(0);
}

const seeds = (process.env.SEEDS ?? "1,2,3,4,5").split(",").map(Number);
const SVD_BOUND = [0.0236, 0.2816, 0.4676];
const SLIDES: Record<string, [number, number][]> = {
  unsupervised: [
    [0.029, Number.NaN],
    [0.31, Number.NaN],
    [0.492, Number.NaN],
  ],
  semi: [
    [0.042, 1],
    [0.305, 1],
    [0.496, 0.99],
  ],
  supervised: [
    [0.042, 1],
    [0.307, 1],
    [0.498, 1],
  ],
};
const REFERENCE: Record<string, [number, number][]> = {
  unsupervised: [
    [0.0236, 1],
    [0.2816, 1],
    [0.4676, 1],
  ],
  semi: [
    [0.0236, 1],
    [0.3398, 1],
    [0.6093, 1],
  ],
  supervised: [
    [0.0237, 1],
    [0.3378, 1],
    [0.6163, 0.722],
  ],
};

const syn = loadSyntheticHierarchy();
const ranksAll = [9, 4, 2] as const;
const labelsOf = (k: number) => syn.labels[k as 9 | 4 | 2];
const n = syn.X.cols;
const known40 = syn.masks["40"] as number[];
const unknown40 = Array.from({ length: n }, (_, j) => j).filter((j) => !known40.includes(j));

interface SynRow {
  mode: string;
  layers: number;
  seed: number;
  relativeError: number[];
  accuracy: number[];
  topAccuracy: number;
  epochs: number;
  seconds: number;
}
const rows: SynRow[] = [];
for (const mode of ["unsupervised", "semi", "supervised"] as const) {
  for (let L = 1; L <= 3; L++) {
    const ranks = ranksAll.slice(0, L);
    const top = ranks[L - 1] as number;
    for (const seed of seeds) {
      const model = new NeuralNMF({ ranks, seed });
      const t0 = performance.now();
      const supervision =
        mode === "unsupervised"
          ? undefined
          : { labels: labelsOf(top), classes: top, ...(mode === "semi" ? { known: known40 } : {}) };
      const h = model.fit(syn.X, { maxEpochs: 3000, ...(supervision ? { supervision } : {}) });
      const seconds = (performance.now() - t0) / 1000;
      const rel = model.relativeError(syn.X);
      // Post-hoc accuracy as the authors: fitted and scored on all columns (synthetic data);
      // semi-supervised: fitted on the known columns, scored on the unknown ones.
      const accuracy = ranks.map((k, l) =>
        model.accuracy(syn.X, labelsOf(k), {
          level: l + 1,
          ...(mode === "semi" ? { fitOn: known40, scoreOn: unknown40 } : {}),
        }),
      );
      rows.push({
        mode,
        layers: L,
        seed,
        relativeError: rel,
        accuracy,
        topAccuracy: accuracy[L - 1] as number,
        epochs: h.epochs.length,
        seconds,
      });
    }
  }
}

const fmt = (v: number) => (Number.isNaN(v) ? "  –  " : v.toFixed(4));
console.log(
  "\nSynthetic hierarchy (87×90), top level of each model; worst over seeds",
  seeds.join(","),
);
console.log(
  "mode          L | rel.err (worst/best) | SVD bound | slides NNMF | reference | acc (worst) | slides acc | ref acc | epochs | s (max)",
);
const summary: Record<string, unknown>[] = [];
for (const mode of ["unsupervised", "semi", "supervised"]) {
  for (let L = 1; L <= 3; L++) {
    const rs = rows.filter((r) => r.mode === mode && r.layers === L);
    const errs = rs.map((r) => r.relativeError[L - 1] as number);
    const accs = rs.map((r) => r.topAccuracy);
    const worst = Math.max(...errs);
    const best = Math.min(...errs);
    const slide = (SLIDES[mode] as [number, number][])[L - 1] as [number, number];
    const ref = (REFERENCE[mode] as [number, number][])[L - 1] as [number, number];
    const line = {
      mode,
      layers: L,
      worstError: worst,
      bestError: best,
      svdBound: SVD_BOUND[L - 1],
      slidesError: slide[0],
      referenceError: ref[0],
      worstAccuracy: Math.min(...accs),
      slidesAccuracy: slide[1],
      referenceAccuracy: ref[1],
      maxEpochs: Math.max(...rs.map((r) => r.epochs)),
      maxSeconds: Math.max(...rs.map((r) => r.seconds)),
    };
    summary.push(line);
    console.log(
      `${mode.padEnd(13)} ${L} | ${fmt(worst)} / ${fmt(best)}      | ${fmt(SVD_BOUND[L - 1] as number)}    | ${fmt(slide[0])}      | ${fmt(ref[0])}    | ${fmt(Math.min(...accs))}      | ${fmt(slide[1])}     | ${fmt(ref[1])}  | ${String(line.maxEpochs).padStart(6)} | ${line.maxSeconds.toFixed(2)}`,
    );
  }
}

// 20 Newsgroups: ranks 10 → 6, labels of known60 known (super-groups supervise the top layer).
const news = load20News();
const N = news.X.cols;
const known = Array.from(news.known);
const unknown = Array.from({ length: N }, (_, j) => j).filter((j) => !known.includes(j));
const newsRows: Record<string, unknown>[] = [];
const score = (name: string, model: NeuralNMF, x: Data, seconds: number, seed: number) => {
  const acc1 = model.accuracy(x, news.labelsSub, { level: 1, fitOn: known, scoreOn: unknown });
  const acc2 = model.accuracy(x, news.labelsSuper, { level: 2, fitOn: known, scoreOn: unknown });
  const rel = model.relativeError(x);
  newsRows.push({
    method: name,
    seed,
    accuracyLayer1: acc1,
    accuracyLayer2: acc2,
    relativeError: rel,
    seconds,
  });
};
for (const seed of seeds) {
  let t0 = performance.now();
  const h = fitHierarchicalNmf(news.X, { ranks: [10, 6], seed });
  score("hierarchical NMF", h, news.X, (performance.now() - t0) / 1000, seed);
  t0 = performance.now();
  const u = new NeuralNMF({ ranks: [10, 6], seed });
  u.fit(news.X, { maxEpochs: 1000 });
  score("Neural NMF unsupervised", u, news.X, (performance.now() - t0) / 1000, seed);
  t0 = performance.now();
  const s = new NeuralNMF({ ranks: [10, 6], seed });
  s.fit(news.X, { maxEpochs: 1000, supervision: { labels: news.labelsSuper, classes: 6, known } });
  score("Neural NMF semi-supervised", s, news.X, (performance.now() - t0) / 1000, seed);
}
const PAPER_NEWS: Record<string, [number, number]> = {
  "hierarchical NMF": [0.593, 0.507],
  "Neural NMF unsupervised": [0.598, 0.554],
  "Neural NMF semi-supervised": [0.698, 0.668],
};
console.log(
  "\n20 Newsgroups subsample (37 693 × 200, ranks 10 → 6), accuracy on the 80 unlabelled documents, mean over seeds",
);
console.log(
  "method                      | layer 1 (10 groups) | layer 2 (6 super) | paper (1000 docs) | rel.err | s",
);
const newsSummary: Record<string, unknown>[] = [];
for (const method of Object.keys(PAPER_NEWS)) {
  const rs = newsRows.filter((r) => r.method === method) as {
    accuracyLayer1: number;
    accuracyLayer2: number;
    relativeError: number[];
    seconds: number;
  }[];
  const mean = (f: (r: (typeof rs)[number]) => number) =>
    rs.reduce((s, r) => s + f(r), 0) / rs.length;
  const line = {
    method,
    accuracyLayer1: mean((r) => r.accuracyLayer1),
    accuracyLayer2: mean((r) => r.accuracyLayer2),
    relativeError: mean((r) => r.relativeError[1] as number),
    seconds: mean((r) => r.seconds),
    paper: PAPER_NEWS[method],
  };
  newsSummary.push(line);
  const p = PAPER_NEWS[method] as [number, number];
  console.log(
    `${method.padEnd(27)} | ${line.accuracyLayer1.toFixed(3).padStart(19)} | ${line.accuracyLayer2.toFixed(3).padStart(17)} | ${p[0].toFixed(3)} / ${p[1].toFixed(3)}     | ${line.relativeError.toFixed(4)}  | ${line.seconds.toFixed(2)}`,
  );
}

console.log(
  `\nwrote ${writeResults("reproduce", { generated: new Date().toISOString(), seeds, synthetic: { summary, runs: rows }, news: { summary: newsSummary, runs: newsRows } })}`,
);
