import { evaluateLoss, type LevelClassifier, type Loss, type ModelState } from "@neural-nmf/losses";
import { createWarmStart, type WarmStart } from "@neural-nmf/nnls";
import {
  checkOptions,
  NonFiniteError,
  type OptionSpec,
  stopGradient,
  Tensor,
  ValueError,
  valueAndGrad,
} from "@neural-nmf/tensor";
import type { Data } from "./data.js";
import { TrainingError } from "./errors.js";
import { forwardPass, type SolverOptions } from "./forward.js";
import { adam, type LearningRate, projectedGradient, spg } from "./optim/index.js";
import type { Evaluation, Objective, Optimizer } from "./optim/types.js";

/** What {@link train} reports after every epoch (and passes to `onEpoch`). */
export interface EpochInfo {
  /** 1-based epoch number. */
  epoch: number;
  /** Total loss after the epoch's step. */
  loss: number;
  /** Value of each named loss term. */
  terms: Record<string, number>;
  /** Milliseconds since training started. */
  elapsedMs: number;
  /** Step size the optimiser used. */
  stepSize: number;
}

/** Why training stopped. */
export type StopReason = "maxEpochs" | "tolerance" | "timeBudget" | "callback" | "validation";

/** The record of a training run. */
export interface TrainingHistory {
  /** One entry per epoch. */
  epochs: EpochInfo[];
  stopReason: StopReason;
  /** Loss before the first step. */
  initialLoss: number;
  /** Total objective evaluations (forward + backward passes), line-search trials included. */
  evaluations: number;
  /**
   * The weight of each supervised level's classification term in the default loss, by level
   * (set by `NeuralNMF.fit`; absent when unsupervised).
   */
  classificationWeights?: Record<number, number>;
  elapsedMs: number;
}

/** Training settings shared by {@link train} and `NeuralNMF.fit`. */
export interface TrainOptions {
  /**
   * Optimiser of the A's (and B): `"spg"` (default: projected gradient with Barzilai–Borwein steps
   * and a nonmonotone line search — no step size to tune), `"adam"` or `"pgd"` (plain projected
   * gradient descent, as the reference). The projection A ≥ 0 is applied in every case.
   */
  optimizer?: "spg" | "adam" | "pgd";
  /** Step size of `"adam"` / `"pgd"` (a number or a schedule such as `stepDecay`). */
  learningRate?: LearningRate;
  /**
   * The reference's schedule for supervised training: after each step on the A's, this many
   * gradient steps on B alone (with the S's fixed, which is what the reference's fresh forward
   * passes compute). 0 (default) trains A's and B jointly.
   */
  classifierSteps?: number;
  /**
   * Step size of those classifier steps (default 0.01, as the reference). A fixed step is not
   * scale-free: use it with a classification weight on the reference's scale (e.g. 1e-4), not
   * the default weight, which grows with ‖X‖².
   */
  classifierLearningRate?: number;
  /** Most epochs (default 1000). */
  maxEpochs?: number;
  /**
   * Stop when the loss improved by less than `tolerance` (relative) over the last `patience`
   * epochs (defaults 1e-6 and 20). 0 disables it.
   */
  tolerance?: number;
  patience?: number;
  /** Stop after this many milliseconds. */
  timeBudgetMs?: number;
  /** Called after every epoch; return `false` to stop (any other result, or none, goes on). */
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback that returns nothing must be accepted.
  onEpoch?: (info: EpochInfo) => void | boolean;
  /** Warm-start each layer's NNLS from the previous epoch (default true; same answers, faster). */
  warmStart?: boolean;
}

/** What {@link train} needs besides the options. */
export interface TrainingProblem {
  x: Data;
  layers: Tensor[];
  /**
   * The supervised levels: each level's classifier (trained with the A's) and labels; empty for
   * an unsupervised model. The loss sees them as `state.classifiers`, and the top-most one also as
   * `state.B` / `state.supervision`.
   */
  classifiers: readonly LevelClassifier[];
  loss: Loss;
  solver: SolverOptions;
  /**
   * Early stopping on held-out labels: every `every` epochs `score` (lower is better) is taken at
   * the current parameters; training stops after `patience` checks without improvement and
   * returns the parameters of the best check.
   */
  monitor?: TrainingMonitor;
  /**
   * NNLS warm-start caches, one per layer, carried in from outside (mini-batch training keeps
   * them per column); by default each call makes fresh ones.
   */
  warmStarts?: WarmStart[];
}

/** Early stopping of {@link TrainingProblem.monitor}. */
export interface TrainingMonitor {
  readonly every: number;
  readonly patience: number;
  /** A score of the parameters, lower is better (e.g. the cross-entropy of held-out labels). */
  score(layers: Tensor[], classifiers: Tensor[]): number;
}

/** Parameters after training, and the history. */
export interface TrainingOutcome {
  layers: Tensor[];
  /** The trained classifiers, in the order of `problem.classifiers`. */
  classifiers: Tensor[];
  history: TrainingHistory;
}

/**
 * Trains the layer matrices (and the classifier) of a Neural NMF model by backpropagation
 * through the NNLS layers. Throws {@link TrainingError} when the loss or a gradient stops being
 * finite (after the line search failed to find a finite point); the error's `lastGood` holds the
 * parameters of the last finite epoch.
 */
export function train(problem: TrainingProblem, options: TrainOptions = {}): TrainingOutcome {
  const {
    maxEpochs,
    tolerance,
    patience,
    classifierLearningRate: bLr,
  } = checkTrainOptions(options);
  const L = problem.layers.length;
  const supervised = problem.classifiers;
  const hasB = supervised.length > 0;
  const warm: WarmStart[] | null =
    options.warmStart === false
      ? null
      : (problem.warmStarts ?? problem.layers.map(() => createWarmStart()));
  const classifierSteps = options.classifierSteps ?? 0;
  const jointB = hasB && classifierSteps === 0;
  const nonnegative = [
    ...problem.layers.map(() => true),
    ...(jointB ? supervised.map(() => false) : []),
  ];
  const stateOf = (layers: Tensor[], bs: Tensor[], s: Tensor[]): ModelState =>
    modelState(problem, layers, bs, s);

  let fixedB: Tensor[] = supervised.map((c) => c.B);
  const lossOf = valueAndGrad((...params: Tensor[]) => {
    const layers = params.slice(0, L);
    const bs = jointB ? params.slice(L) : fixedB;
    const s = forwardPass(problem.x, layers, warm, problem.solver);
    const { total, terms } = evaluateLoss(problem.loss, stateOf(layers, bs, s));
    const termValues: Record<string, number> = {};
    for (const [name, t] of Object.entries(terms)) termValues[name] = t.item();
    return { value: total, aux: termValues };
  });
  const objective: Objective = (params) => {
    try {
      const r = lossOf(...params);
      return { value: r.value, grads: r.grads, terms: r.aux };
    } catch (e) {
      // A non-finite loss at a trial point is a signal for the line search, not a crash.
      if (e instanceof NonFiniteError) {
        return {
          value: Number.NaN,
          grads: params.map((p) => new Tensor(new Float64Array(p.size), p.shape)),
          terms: {},
        };
      }
      throw e;
    }
  };

  const optimizer = makeOptimizer(options, nonnegative);
  let params = [...problem.layers, ...(jointB ? supervised.map((c) => c.B) : [])];
  const start = now();
  let current = checkFinite(objective(params), 0);
  const history: TrainingHistory = {
    epochs: [],
    stopReason: "maxEpochs",
    initialLoss: current.value,
    evaluations: 1,
    elapsedMs: 0,
  };
  const losses: number[] = [current.value];
  // Smallest loss up to `patience` epochs ago, kept incrementally (no rescans of the history).
  let bestBefore = Number.POSITIVE_INFINITY;
  const monitor = problem.monitor;
  let best = monitor
    ? {
        score: monitor.score(params.slice(0, L), jointB ? params.slice(L) : fixedB),
        params: [...params],
        fixedB,
      }
    : null;
  let checksWithoutGain = 0;

  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    const step = optimizer.step(params, current, objective, epoch - 1);
    history.evaluations += step.evaluations;
    try {
      current = checkFinite(step.evaluation, epoch);
    } catch (e) {
      if (e instanceof TrainingError) {
        const layers = params.slice(0, L);
        const bs = jointB ? params.slice(L) : fixedB;
        throw new TrainingError(e.message, epoch, { layers, classifiers: bs }, { cause: e });
      }
      throw e;
    }
    params = step.params;
    if (hasB && !jointB) {
      fixedB = classifierOnlySteps(
        problem,
        stateOf,
        params.slice(0, L),
        fixedB,
        classifierSteps,
        bLr,
        warm,
      );
      current = checkFinite(objective(params), epoch);
      history.evaluations++;
    }
    const info: EpochInfo = {
      epoch,
      loss: current.value,
      terms: current.terms,
      elapsedMs: now() - start,
      stepSize: step.stepSize,
    };
    history.epochs.push(info);
    losses.push(current.value);
    if (options.onEpoch?.(info) === false) {
      history.stopReason = "callback";
      break;
    }
    if (options.timeBudgetMs !== undefined && info.elapsedMs >= options.timeBudgetMs) {
      history.stopReason = "timeBudget";
      break;
    }
    if (monitor && best && epoch % monitor.every === 0) {
      const score = monitor.score(params.slice(0, L), jointB ? params.slice(L) : fixedB);
      if (score < best.score) {
        best = { score, params: [...params], fixedB };
        checksWithoutGain = 0;
      } else if (++checksWithoutGain >= monitor.patience) {
        history.stopReason = "validation";
        break;
      }
    }
    if (tolerance > 0 && losses.length > patience) {
      bestBefore = Math.min(bestBefore, losses[losses.length - 1 - patience] as number);
      let recent = Number.POSITIVE_INFINITY;
      for (let t = losses.length - patience; t < losses.length; t++)
        recent = Math.min(recent, losses[t] as number);
      if (bestBefore - recent <= tolerance * Math.abs(recent)) {
        history.stopReason = "tolerance";
        break;
      }
    }
  }
  history.elapsedMs = now() - start;
  if (best) {
    // The held-out score may still have improved after the last check: take it now.
    const score = monitor?.score(params.slice(0, L), jointB ? params.slice(L) : fixedB) ?? Infinity;
    if (score < best.score) best = { score, params: [...params], fixedB };
    params = best.params;
    fixedB = best.fixedB;
  }
  return {
    layers: params.slice(0, L),
    classifiers: jointB ? params.slice(L) : fixedB,
    history,
  };
}

/** The constraints of every training option (see {@link TrainOptions}). */
export const TRAIN_OPTION_SPEC: OptionSpec = {
  optimizer: { kind: "enum", values: ["spg", "adam", "pgd"] },
  learningRate: {
    kind: "oneOf",
    options: [{ kind: "number", min: 0, exclusiveMin: true }, { kind: "any" }],
  },
  classifierSteps: { kind: "integer", min: 0, max: 1_000_000 },
  classifierLearningRate: { kind: "number", min: 0 },
  maxEpochs: { kind: "integer", min: 0 },
  tolerance: { kind: "number", min: 0 },
  patience: { kind: "integer", min: 1 },
  timeBudgetMs: { kind: "number", min: 0 },
  onEpoch: { kind: "any" },
  warmStart: { kind: "boolean" },
};

/** Validates the training options (unknown keys too) and fills in their defaults. */
function checkTrainOptions(options: TrainOptions): {
  maxEpochs: number;
  tolerance: number;
  patience: number;
  classifierLearningRate: number;
} {
  checkOptions<TrainOptions>(options, TRAIN_OPTION_SPEC, "fit");
  const lr = options.learningRate;
  if (lr !== undefined && typeof lr !== "number" && typeof lr !== "function") {
    throw new ValueError(
      `fit: option \`learningRate\` must be a positive number or a schedule (epoch → number), got ${String(lr)}`,
      "learningRate",
    );
  }
  if (options.onEpoch !== undefined && typeof options.onEpoch !== "function") {
    throw new ValueError("fit: option `onEpoch` must be a function", "onEpoch");
  }
  const kind = options.optimizer ?? "spg";
  if (kind !== "spg" && lr === undefined) {
    throw new ValueError(
      `fit: optimizer "${kind}" needs option \`learningRate\` (a step size, or a schedule such as stepDecay)`,
      "learningRate",
    );
  }
  return {
    maxEpochs: options.maxEpochs ?? 1000,
    tolerance: options.tolerance ?? 1e-6,
    patience: options.patience ?? 10,
    classifierLearningRate: options.classifierLearningRate ?? 0.01,
  };
}

function makeOptimizer(options: TrainOptions, nonnegative: boolean[]): Optimizer {
  const kind = options.optimizer ?? "spg";
  if (kind === "spg") return spg(nonnegative);
  const lr = options.learningRate as LearningRate;
  return kind === "adam"
    ? adam(nonnegative, { learningRate: lr })
    : projectedGradient(nonnegative, lr);
}

/**
 * The state a loss sees: X, the A's, the S's, every supervised level's classifier and labels,
 * and the top-most of them also as `B` / `supervision`.
 */
export function modelState(
  problem: Pick<TrainingProblem, "x" | "classifiers">,
  layers: Tensor[],
  bs: readonly Tensor[],
  s: Tensor[],
): ModelState {
  const classifiers = problem.classifiers.map((c, i) => ({
    level: c.level,
    B: bs[i] as Tensor,
    supervision: c.supervision,
  }));
  const top = classifiers.reduce<(typeof classifiers)[number] | null>(
    (best, c) => (best === null || c.level > best.level ? c : best),
    null,
  );
  return {
    X: problem.x,
    A: layers,
    S: s,
    ...(top ? { B: top.B, supervision: top.supervision, classifiers } : {}),
  };
}

/** Gradient steps on the classifiers alone with the S's of the current A's held fixed. */
function classifierOnlySteps(
  problem: TrainingProblem,
  stateOf: (layers: Tensor[], bs: Tensor[], s: Tensor[]) => ModelState,
  layers: Tensor[],
  bs: Tensor[],
  steps: number,
  lr: number,
  warm: WarmStart[] | null,
): Tensor[] {
  const fixedLayers = layers.map(stopGradient);
  const s = forwardPass(problem.x, fixedLayers, warm, problem.solver);
  const f = valueAndGrad(
    (...b: Tensor[]) => evaluateLoss(problem.loss, stateOf(fixedLayers, b, s)).total,
  );
  let cur = bs;
  for (let t = 0; t < steps; t++) {
    const grads = f(...cur).grads;
    cur = cur.map((b, i) => {
      const g = grads[i] as Tensor;
      const out = new Float64Array(b.data.length);
      for (let q = 0; q < out.length; q++)
        out[q] = (b.data[q] as number) - lr * (g.data[q] as number);
      return new Tensor(out, b.shape);
    });
  }
  return cur;
}

function checkFinite(e: Evaluation, epoch: number): Evaluation {
  if (!Number.isFinite(e.value)) {
    throw new TrainingError(
      `fit: the loss became ${e.value} at epoch ${epoch}; the last finite parameters are kept`,
      epoch,
    );
  }
  for (const g of e.grads) {
    for (let i = 0; i < g.data.length; i++) {
      if (!Number.isFinite(g.data[i] as number)) {
        throw new TrainingError(
          `fit: a gradient became ${g.data[i]} at epoch ${epoch}; the last finite parameters are kept`,
          epoch,
        );
      }
    }
  }
  return e;
}

function now(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}
