import { evaluateLoss, type Supervision, supervisionFromLabels } from "@neural-nmf/losses";
import { createWarmStart, type WarmStart } from "@neural-nmf/nnls";
import { CscMatrix, Random, selectColumns, type Tensor, ValueError } from "@neural-nmf/tensor";
import type { Data } from "./data.js";
import { forwardPass } from "./forward.js";
import type {
  EpochInfo,
  TrainingHistory,
  TrainingOutcome,
  TrainingProblem,
  TrainOptions,
} from "./train.js";
import { modelState, train } from "./train.js";

/** Options of {@link trainMiniBatch}: those of `train` plus the batch settings. */
export interface MiniBatchOptions extends TrainOptions {
  /** Columns (documents) per batch. */
  batchSize: number;
  /** Seed of the column order, drawn afresh every epoch. */
  seed: number;
}

/**
 * Mini-batch training: every epoch visits the columns once, in a seeded random order, in batches
 * of `batchSize`; each batch takes one optimiser step on the loss of its columns only (the loss
 * is a sum over documents, so a batch's loss is the same function restricted to its columns).
 * Each step is a full `train` step of one epoch on the batch (SPG: a fresh Barzilai–Borwein start
 * and a monotone line search on that batch), so no step size needs tuning. The NNLS warm starts
 * are kept per column across batches and epochs. After every epoch the loss of all the data is
 * evaluated (a forward pass, no gradient) and reported, and the stopping rules (`tolerance`,
 * `patience`, `timeBudgetMs`, `onEpoch`) apply to it as in full-batch training. A supervised batch
 * without a labelled column is skipped.
 */
export function trainMiniBatch(
  problem: TrainingProblem,
  options: MiniBatchOptions,
): TrainingOutcome {
  const { batchSize, seed } = options;
  const n = problem.x.cols;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ValueError(
      `fit: option \`batchSize\` must be a positive integer, got ${String(batchSize)}`,
      "batchSize",
    );
  }
  const maxEpochs = options.maxEpochs ?? 1000;
  const tolerance = options.tolerance ?? 1e-6;
  const patience = options.patience ?? 10;
  const rng = new Random(seed);
  // Warm starts of every column, kept across batches: k_l × n per layer.
  const memory = problem.layers.map((a) => new Float64Array(a.cols * n));
  let layers = problem.layers;
  let classifiers = problem.classifiers.map((c) => c.B);
  const start = now();
  const history: TrainingHistory = {
    epochs: [],
    stopReason: "maxEpochs",
    initialLoss: fullLoss(problem, layers, classifiers),
    evaluations: 1,
    elapsedMs: 0,
  };
  const losses = [history.initialLoss];
  const order = Array.from({ length: n }, (_, j) => j);
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    rng.shuffle(order);
    let lastStep = 0;
    for (let b0 = 0; b0 < n; b0 += batchSize) {
      const columns = order.slice(b0, b0 + batchSize).sort((p, q) => p - q);
      const batchLabels = problem.classifiers.map((c) => batchSupervision(c.supervision, columns));
      if (batchLabels.some((b) => b === undefined)) continue;
      const warm = layers.map((a, l) => warmFor(memory[l] as Float64Array, a.cols, n, columns));
      const outcome = train(
        {
          ...problem,
          x: selectData(problem.x, columns),
          layers,
          classifiers: problem.classifiers.map((c, i) => ({
            level: c.level,
            B: classifiers[i] as Tensor,
            supervision: batchLabels[i] as Supervision,
          })),
          warmStarts: warm,
        },
        { ...options, maxEpochs: 1, tolerance: 0, timeBudgetMs: undefined, onEpoch: undefined },
      );
      history.evaluations += outcome.history.evaluations;
      lastStep = outcome.history.epochs[0]?.stepSize ?? lastStep;
      layers = outcome.layers;
      classifiers = outcome.classifiers;
      for (let l = 0; l < warm.length; l++) {
        storeWarm(memory[l] as Float64Array, layers[l]!.cols, n, columns, warm[l] as WarmStart);
      }
    }
    const loss = fullLoss(problem, layers, classifiers);
    history.evaluations++;
    const info: EpochInfo = {
      epoch,
      loss,
      terms: {},
      elapsedMs: now() - start,
      stepSize: lastStep,
    };
    history.epochs.push(info);
    losses.push(loss);
    if (!Number.isFinite(loss)) break;
    if (options.onEpoch?.(info) === false) {
      history.stopReason = "callback";
      break;
    }
    if (options.timeBudgetMs !== undefined && info.elapsedMs >= options.timeBudgetMs) {
      history.stopReason = "timeBudget";
      break;
    }
    if (tolerance > 0 && losses.length > patience) {
      const before = Math.min(...losses.slice(0, losses.length - patience));
      const recent = Math.min(...losses.slice(losses.length - patience));
      if (before - recent <= tolerance * Math.abs(recent)) {
        history.stopReason = "tolerance";
        break;
      }
    }
  }
  history.elapsedMs = now() - start;
  return { layers, classifiers, history };
}

/** The loss of all the data at the given parameters (forward pass only). */
function fullLoss(problem: TrainingProblem, layers: Tensor[], classifiers: Tensor[]): number {
  const s = forwardPass(problem.x, layers, null, problem.solver);
  return evaluateLoss(problem.loss, modelState(problem, layers, classifiers, s)).total.item();
}

function selectData(x: Data, columns: number[]): Data {
  return x instanceof CscMatrix ? x.selectColumns(columns) : selectColumns(x, columns);
}

/** The labels of a batch, or undefined when none of its columns is labelled. */
function batchSupervision(sup: Supervision, columns: number[]): Supervision | undefined {
  const labels = columns.map((j) => sup.labels[j] as number);
  if (!labels.some((c) => c >= 0)) return undefined;
  return supervisionFromLabels(labels, { classes: sup.classes });
}

/**
 * A warm start for a batch from the stored solutions of its columns (all zero, i.e. a cold
 * start, for a column not solved yet).
 */
function warmFor(store: Float64Array, k: number, n: number, columns: number[]): WarmStart {
  const warm = createWarmStart();
  const b = columns.length;
  const previous = new Float64Array(k * b);
  for (let i = 0; i < k; i++) {
    for (let t = 0; t < b; t++)
      previous[i * b + t] = store[i * n + (columns[t] as number)] as number;
  }
  warm.previous = previous;
  return warm;
}

function storeWarm(store: Float64Array, k: number, n: number, columns: number[], warm: WarmStart) {
  const s = warm.previous;
  if (s === null) return;
  const b = columns.length;
  for (let i = 0; i < k; i++) {
    for (let t = 0; t < b; t++) store[i * n + (columns[t] as number)] = s[i * b + t] as number;
  }
}

function now(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}
