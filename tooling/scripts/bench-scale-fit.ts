// Child process of `pnpm bench:scale` (one per measurement, so peak memory is this fit's alone).
//   fit <X.mtx> <subtopics.txt> <groups.txt> <model.json>   default fit, phase times, quality
//     (also writes <model.json>.init.json: the model after initialisation, before training)
//   epochs <X.mtx> <model.json> <threads> <epochs>          milliseconds per training epoch
//   minibatch <X.mtx> <model.json> <batchSize|full> <seconds>  loss against time
// Prints one JSON line.
import { readFileSync, writeFileSync } from "node:fs";
import { readMatrixMarketFile } from "@neural-nmf/cli";
import type { CscMatrix } from "@neural-nmf/tensor";
import { NeuralNMF } from "neural-nmf";

const [mode, mtx, ...rest] = process.argv.slice(2);

/** Read as `neural-nmf fit` reads it: line by line, never the whole file as one string. */
function readMatrix(path: string): CscMatrix {
  return readMatrixMarketFile(path) as CscMatrix;
}

function readLabels(path: string): Int32Array {
  return Int32Array.from(readFileSync(path, "utf8").trim().split("\n").map(Number));
}

const peakMB = () => process.resourceUsage().maxRSS / 1024;
const seconds = (t0: number) => (performance.now() - t0) / 1000;

if (mode === "fit") {
  const [subPath, grpPath, modelPath] = rest as [string, string, string];
  let t = performance.now();
  const X = readMatrix(mtx as string);
  const readSeconds = seconds(t);
  t = performance.now();
  const model = new NeuralNMF({ ranks: [20, 4], seed: 1 });
  // The default fit, in two calls so the initialised model can be saved between them: the first
  // initialises (and trains no epoch), the second continues from there, as one call would.
  model.fit(X, { maxEpochs: 0 });
  const initSeconds = seconds(t);
  const initialised = JSON.stringify(model.toJSON());
  const history = model.fit(X);
  const fitSeconds = seconds(t);
  const peak = peakMB();
  writeFileSync(`${modelPath}.init.json`, initialised);
  const subtopics = readLabels(subPath);
  const groups = readLabels(grpPath);
  writeFileSync(modelPath, JSON.stringify(model.toJSON()));
  console.log(
    JSON.stringify({
      readSeconds,
      fitSeconds,
      initSeconds,
      trainSeconds: history.elapsedMs / 1000,
      epochs: history.epochs.length,
      stopReason: history.stopReason,
      threads: model.threadsUsed,
      peakMB: peak,
      relativeError: model.relativeError(X),
      accuracySubtopics: model.accuracy(X, subtopics, { level: 1 }),
      accuracyGroups: model.accuracy(X, groups, { level: 2 }),
    }),
  );
} else if (mode === "epochs") {
  const [modelPath, threads, epochs] = rest as [string, string, string];
  const X = readMatrix(mtx as string);
  const trained = NeuralNMF.fromJSON(readFileSync(modelPath, "utf8"), {
    threads: Number(threads),
  });
  const times: number[] = [];
  let last = 0;
  trained.fit(X, {
    maxEpochs: Number(epochs),
    tolerance: 0,
    onEpoch: (e) => {
      times.push(e.elapsedMs - last);
      last = e.elapsedMs;
      return undefined;
    },
  });
  // The first epoch starts the NNLS warm starts from nothing: the steady state is what repeats.
  const steady = times.slice(1).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      threads: trained.threadsUsed,
      msPerEpoch: steady[Math.floor(steady.length / 2)],
      firstEpochMs: times[0],
    }),
  );
} else if (mode === "minibatch") {
  const [modelPath, batch, budget] = rest as [string, string, string];
  const X = readMatrix(mtx as string);
  const model = NeuralNMF.fromJSON(readFileSync(modelPath, "utf8"));
  const batchSize = batch === "full" ? undefined : Number(batch);
  const history = model.fit(X, {
    maxEpochs: 1000,
    timeBudgetMs: Number(budget) * 1000,
    ...(batchSize === undefined ? {} : { batchSize }),
  });
  console.log(
    JSON.stringify({
      batchSize: batch,
      initialLoss: history.initialLoss,
      points: history.epochs.map((e) => [e.elapsedMs / 1000, e.loss]),
      stopReason: history.stopReason,
    }),
  );
} else {
  console.error(`bench-scale-fit: unknown mode ${mode}`);
  process.exit(2);
}
