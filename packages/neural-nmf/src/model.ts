import type { Loss } from "@neural-nmf/losses";
import {
  checkOptions,
  type Executor,
  gemm,
  inThreadExecutor,
  ShapeError,
  type Tensor,
  ValueError,
  withExecutor,
} from "@neural-nmf/tensor";
import { sharedThreadPool } from "@neural-nmf/threads";
import {
  askedClassificationWeights,
  chooseWeightsByCrossValidation,
} from "./classification-weight.js";
import { fitClassifierOnCodes } from "./classifier-start.js";
import { type Data, validateData } from "./data.js";
import { normalisedData, rescaleHistory, scaleTensor } from "./data-scale.js";
import { trainingLoss } from "./default-loss.js";
import {
  type DocumentTopics,
  documentTopicsOf,
  type RepresentativeDocument,
  representativeDocumentsOf,
} from "./document-topics.js";
import { NotFittedError, TrainingError } from "./errors.js";
import {
  type AccuracyOptions,
  accuracyOf,
  argmaxColumns,
  posthocPredict,
  relativeErrorOf,
} from "./evaluate.js";
import { FIT_OPTION_SPEC, type FitOptions } from "./fit-options.js";
import { forwardPass, topicProducts } from "./forward.js";
import { initialLayers } from "./init/initial-layers.js";
import {
  type HierarchyLevel,
  hierarchyOf,
  rowSums,
  topWordsOf,
  type WordWeight,
} from "./interpret.js";
import { modelDocument, type NeuralNMFJSON, validateModelJson } from "./model-json.js";
import { type InitMethod, type NeuralNMFOptions, resolveOptions } from "./options.js";
import { crossValidationSeed, heldOutLabelsSeed, miniBatchSeed } from "./seeds.js";
import { resolveSupervisedLevels, type SupervisedLevel } from "./supervised-levels.js";
import {
  type TrainingHistory,
  type TrainingMonitor,
  type TrainingProblem,
  train,
} from "./train.js";
import { trainMiniBatch } from "./train-minibatch.js";
import { earlyStoppingMonitor, earlyStoppingSplit } from "./validation.js";

/**
 * A Neural NMF model: L stacked NNLS layers `S⁽ˡ⁾ = argmin_{S≥0} ‖S⁽ˡ⁻¹⁾ − A⁽ˡ⁾S‖` trained by
 * backpropagation, giving topics at L levels — and optionally a classifier on any level.
 *
 * @example
 * ```ts
 * const { X, labels } = syntheticHierarchy({ seed: 1 });
 * const model = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
 * model.fit(X);
 * model.relativeError(X); // one per level, each near the SVD bound of its rank
 * model.hierarchy();      // which of the 9 topics form each of the 4, and the 4 the 2
 * ```
 */
export class NeuralNMF {
  /** The resolved options. */
  readonly options: ReturnType<typeof resolveOptions>;
  private layerMatrices: Tensor[] | null = null;
  /** Classifier of each supervised level (level → c×k_l). */
  private classifierMatrices = new Map<number, Tensor>();
  private usageTotals: Float64Array[] = [];
  private lastHistory: TrainingHistory | null = null;

  constructor(options: NeuralNMFOptions) {
    this.options = resolveOptions(options);
  }

  /** Ranks k₁ … k_L. */
  get ranks(): readonly number[] {
    return this.options.ranks;
  }

  /** Whether the model has parameters (after `fit` or `fromJSON`). */
  get isFitted(): boolean {
    return this.layerMatrices !== null;
  }

  /** The layer matrices A⁽¹⁾ … A⁽ᴸ⁾ (A⁽ˡ⁾ is k_{l−1}×k_l). */
  get layers(): readonly Tensor[] {
    return this.fitted("layers");
  }

  /** The classifier of the top-most supervised level (c×k_l), or null for an unsupervised model. */
  get classifier(): Tensor | null {
    const levels = [...this.classifierMatrices.keys()];
    return levels.length === 0
      ? null
      : (this.classifierMatrices.get(Math.max(...levels)) as Tensor);
  }

  /** The classifier of a level (c×k_l), or null when that level is not supervised. */
  classifierOf(level: number): Tensor | null {
    this.checkLevel(level, "classifierOf");
    return this.classifierMatrices.get(level) ?? null;
  }

  /** The supervised levels, increasing. */
  get supervisedLevels(): number[] {
    return [...this.classifierMatrices.keys()].sort((a, b) => a - b);
  }

  /** History of the last `fit`. */
  get history(): TrainingHistory | null {
    return this.lastHistory;
  }

  /**
   * Trains the model on X (m×n, dense or sparse, nonnegative). The first call initialises the
   * layers (see the `init` option); later calls continue from the current parameters.
   * @returns the training history (loss terms per epoch, stop reason, timings).
   */
  fit(x: Data, options: FitOptions = {}): TrainingHistory {
    return withExecutor(this.executor(), () => this.fitOnExecutor(x, options));
  }

  /**
   * Threads the model's work runs on: `options.threads`, or 1 where workers cannot be used (see
   * {@link NeuralNMFOptions.threads}).
   */
  get threadsUsed(): number {
    return this.executor().threads;
  }

  private executor(): Executor {
    return this.options.threads > 1 ? sharedThreadPool(this.options.threads) : inThreadExecutor;
  }

  private fitOnExecutor(x: Data, options: FitOptions): TrainingHistory {
    checkOptions<FitOptions>(options, FIT_OPTION_SPEC, "fit");
    const original = validateData(x, "fit");
    // Data of extreme scale is fitted scaled by a power of two (see normalisedData), unless a
    // custom loss, which may hold constants in the data's own units, is given.
    const { x: data, exponent } =
      options.loss === undefined ? normalisedData(original) : { x: original, exponent: 0 };
    this.rescaleClassifiers(exponent);
    try {
      const history = this.fitScaled(data, original, options);
      if (exponent !== 0) rescaleHistory(history, exponent);
      return history;
    } finally {
      this.rescaleClassifiers(-exponent);
    }
  }

  /** Classifiers to (e > 0) or from (e < 0) the units of data scaled by 2^−e: B·2^e. */
  private rescaleClassifiers(e: number): void {
    if (e === 0) return;
    for (const [level, b] of this.classifierMatrices)
      this.classifierMatrices.set(level, scaleTensor(b, e));
  }

  /** The fit proper, on data whose scale is safe; `original` is the caller's X. */
  private fitScaled(data: Data, original: Data, options: FitOptions): TrainingHistory {
    const L = this.options.ranks.length;
    const supervised = resolveSupervisedLevels(options.supervision, data.cols, L);
    for (const { level, supervision } of supervised) {
      const b = this.classifierMatrices.get(level);
      if (b !== undefined && b.rows !== supervision.classes) {
        throw new ShapeError(
          `fit: level ${level} has ${supervision.classes} classes, the model's classifier ${b.rows}`,
          "supervision",
        );
      }
    }
    if (this.layerMatrices === null) {
      this.checkRanksFit(data);
      this.layerMatrices = initialLayers(data, this.options);
    } else if ((this.layerMatrices[0] as Tensor).rows !== data.rows) {
      throw new ShapeError(
        `fit: X has ${data.rows} rows but the model was fitted on ${(this.layerMatrices[0] as Tensor).rows}`,
        "X",
      );
    }
    const layers = this.layerMatrices;
    // Early stopping holds some known labels out of everything below, the classifiers' start
    // included, so the held-out score is an honest one.
    const split = earlyStoppingSplit(supervised, options, heldOutLabelsSeed(this.options.seed));
    const trained = split?.train ?? supervised;
    const monitor = split
      ? earlyStoppingMonitor(data, supervised, split.validation, this.options.solver)
      : undefined;
    if (trained.some((s) => !this.classifierMatrices.has(s.level))) {
      const codes = forwardPass(data, layers, null, this.options.solver);
      for (const { level, supervision } of trained) {
        if (this.classifierMatrices.has(level)) continue;
        this.classifierMatrices.set(
          level,
          fitClassifierOnCodes(codes[level - 1] as Tensor, supervision),
        );
      }
    }
    const weights = this.classificationWeights(data, trained, options);
    const classification = trained.map((s, i) => ({
      level: s.level,
      weight: weights[i] as number,
    }));
    const loss = trainingLoss(options.loss, this.options.ranks.length, classification);
    let outcome: ReturnType<typeof train>;
    try {
      outcome = this.trainOn(
        data,
        layers,
        trained,
        loss,
        options,
        this.classifierMatrices,
        monitor,
      );
    } catch (e) {
      if (e instanceof TrainingError && e.lastGood) {
        this.layerMatrices = e.lastGood.layers;
        e.lastGood.classifiers.forEach((b, i) => {
          this.classifierMatrices.set((supervised[i] as SupervisedLevel).level, b);
        });
      }
      throw e;
    }
    this.layerMatrices = outcome.layers;
    outcome.classifiers.forEach((b, i) => {
      this.classifierMatrices.set((supervised[i] as SupervisedLevel).level, b);
    });
    this.usageTotals = this.transform(original).map(rowSums);
    if (classification.length > 0) {
      outcome.history.classificationWeights = Object.fromEntries(
        classification.map((c) => [c.level, c.weight]),
      );
    }
    this.lastHistory = outcome.history;
    return outcome.history;
  }

  /** One training run from the given parameters (full-batch or mini-batch). */
  private trainOn(
    data: Data,
    layers: Tensor[],
    supervised: readonly SupervisedLevel[],
    loss: Loss,
    options: FitOptions,
    classifiers: ReadonlyMap<number, Tensor> = this.classifierMatrices,
    monitor?: TrainingMonitor,
  ): ReturnType<typeof train> {
    const problem: TrainingProblem = {
      x: data,
      layers,
      classifiers: supervised.map((s) => ({
        level: s.level,
        B: classifiers.get(s.level) as Tensor,
        supervision: s.supervision,
      })),
      loss,
      solver: this.options.solver,
    };
    // What is left are the training options proper (train() refuses anything else).
    const {
      batchSize,
      loss: _loss,
      supervision: _supervision,
      classificationWeight: _weight,
      validation: _validation,
      ...rest
    } = options;
    if (monitor !== undefined && (batchSize === undefined || batchSize >= data.cols)) {
      return train({ ...problem, monitor }, rest);
    }
    return batchSize === undefined || batchSize >= data.cols
      ? train(problem, rest)
      : trainMiniBatch(problem, { ...rest, batchSize, seed: miniBatchSeed(this.options.seed) });
  }

  /** The weight of each supervised level's classification term (see FitOptions). */
  private classificationWeights(
    data: Data,
    supervised: readonly SupervisedLevel[],
    options: FitOptions,
  ): number[] {
    const { weights, auto } = askedClassificationWeights(data, supervised, options);
    if (!auto.includes(true)) return weights;
    return chooseWeightsByCrossValidation({
      supervised,
      weights,
      auto,
      seed: crossValidationSeed(this.options.seed),
      evaluate: (trainOn, weightsTried, scoreOn) => {
        const loss = trainingLoss(
          options.loss,
          this.options.ranks.length,
          trainOn.map((s, i) => ({ level: s.level, weight: weightsTried[i] as number })),
        );
        const start = new Map(this.classifierMatrices);
        const outcome = this.trainOn(
          data,
          this.layerMatrices as Tensor[],
          trainOn,
          loss,
          options,
          start,
        );
        const codes = forwardPass(data, outcome.layers, null, this.options.solver);
        return trainOn.map((s, i) => {
          const b = outcome.classifiers[i] as Tensor;
          const s2 = codes[s.level - 1] as Tensor;
          const scores = new Float64Array(b.rows * s2.cols);
          gemm(false, false, b.rows, s2.cols, b.cols, b.data, s2.data, scores);
          const predicted = argmaxColumns(scores, b.rows, s2.cols);
          const truth = (supervised[i] as SupervisedLevel).supervision.labels;
          return accuracyOf(predicted, truth, scoreOn[i] as Int32Array);
        });
      },
    });
  }

  /** The representations S⁽¹⁾ … S⁽ᴸ⁾ of (new) data X: the forward pass. */
  transform(x: Data): Tensor[] {
    const layers = this.fitted("transform");
    const data = validateData(x, "transform");
    if (data.rows !== (layers[0] as Tensor).rows) {
      throw new ShapeError(
        `transform: X has ${data.rows} rows, the model expects ${(layers[0] as Tensor).rows}`,
        "X",
      );
    }
    return withExecutor(this.executor(), () =>
      forwardPass(data, layers, null, this.options.solver),
    );
  }

  /**
   * Class of every column of X by a trained classifier: `argmax(B_l S⁽ˡ⁾)` for `level` (default:
   * the top-most supervised level).
   */
  predict(x: Data, options: { level?: number } = {}): Int32Array {
    const supervisedLevels = this.supervisedLevels;
    if (supervisedLevels.length === 0) {
      throw new NotFittedError("predict: the model has no classifier; fit it with `supervision`");
    }
    const level = options.level ?? (supervisedLevels.at(-1) as number);
    this.checkLevel(level, "predict");
    const b = this.classifierMatrices.get(level);
    if (b === undefined) {
      throw new ValueError(
        `predict: level ${level} has no classifier (supervised levels: ${supervisedLevels.join(", ")})`,
        "level",
      );
    }
    const s = this.transform(x)[level - 1] as Tensor;
    const scores = new Float64Array(b.rows * s.cols);
    gemm(false, false, b.rows, s.cols, b.cols, b.data, s.data, scores);
    return argmaxColumns(scores, b.rows, s.cols);
  }

  /** Topic matrices in input space `A⁽¹⁾⋯A⁽ˡ⁾` (m×k_l), one per level. */
  topicMatrices(): Tensor[] {
    return topicProducts(this.fitted("topicMatrices"));
  }

  /** The topic matrix of one level (1-based). */
  topics(level: number): Tensor {
    this.checkLevel(level, "topics");
    return this.topicMatrices()[level - 1] as Tensor;
  }

  /** The topic tree: how the topics of each level are made of those of the level below. */
  hierarchy(options: { minWeight?: number } = {}): HierarchyLevel[] {
    return hierarchyOf(
      this.topicMatrices(),
      this.fitted("hierarchy"),
      this.usageTotals,
      options.minWeight ?? 0,
    );
  }

  /**
   * The topics of every document of X at every level: each topic's share of the document (its
   * codes S⁽ˡ⁾ normalised to sum to 1 per document) and the strongest topic.
   */
  documentTopics(x: Data): DocumentTopics[] {
    return this.transform(x).map((s, l) => documentTopicsOf(l + 1, s));
  }

  /**
   * The `n` documents of X that represent each topic of a level best: those whose strongest
   * topic it is, by decreasing share (see {@link representativeDocumentsOf}). One list per topic.
   */
  representativeDocuments(x: Data, level: number, n = 5): RepresentativeDocument[][] {
    this.checkLevel(level, "representativeDocuments");
    if (!Number.isInteger(n) || n < 1) {
      throw new ValueError(`representativeDocuments: n must be a positive integer, got ${n}`, "n");
    }
    const s = this.transform(x)[level - 1] as Tensor;
    return representativeDocumentsOf(documentTopicsOf(level, s), n);
  }

  /** The `n` top words of every topic of a level, with their weights. */
  topWords(level: number, vocabulary: readonly string[], n = 10): WordWeight[][] {
    this.checkLevel(level, "topWords");
    return topWordsOf(this.topics(level), vocabulary, n);
  }

  /** Relative error `‖X − A⁽¹⁾⋯A⁽ˡ⁾S⁽ˡ⁾‖_F / ‖X‖_F` at every level l. */
  relativeError(x: Data): number[] {
    const s = this.transform(x);
    const p = this.topicMatrices();
    return s.map((sl, l) => relativeErrorOf(x, p[l] as Tensor, sl));
  }

  /** Accuracy of the labels of X at one level (see {@link AccuracyOptions}). */
  accuracy(x: Data, labels: ArrayLike<number>, options: AccuracyOptions = {}): number {
    const level = options.level ?? this.options.ranks.length;
    this.checkLevel(level, "accuracy");
    if (labels.length !== x.cols) {
      throw new ShapeError(`accuracy: ${labels.length} labels for ${x.cols} columns`, "labels");
    }
    if ((options.method ?? "posthoc") === "classifier") {
      if (!this.classifierMatrices.has(level)) {
        throw new ValueError(`accuracy: level ${level} has no trained classifier`, "level");
      }
      return accuracyOf(this.predict(x, { level }), labels, options.scoreOn);
    }
    const s = this.transform(x)[level - 1] as Tensor;
    let classes = 0;
    for (let j = 0; j < labels.length; j++) classes = Math.max(classes, (labels[j] as number) + 1);
    const fitOn = options.fitOn ?? Array.from({ length: x.cols }, (_, j) => j);
    return accuracyOf(posthocPredict(s, labels, classes, fitOn), labels, options.scoreOn);
  }

  /** A versioned, JSON-safe snapshot; {@link NeuralNMF.fromJSON} restores an identical model. */
  toJSON(): NeuralNMFJSON {
    return modelDocument({
      options: this.options,
      layers: this.fitted("toJSON"),
      classifiers: this.supervisedLevels.map((level) => ({
        level,
        B: this.classifierMatrices.get(level) as Tensor,
      })),
      usage: this.usageTotals,
    });
  }

  /**
   * Restores a model saved with {@link NeuralNMF.toJSON} (a JSON string or the parsed object).
   * `runtime.threads` sets the threads of the restored model (not part of the saved model; default
   * every core).
   */
  static fromJSON(json: string | NeuralNMFJSON, runtime: { threads?: number } = {}): NeuralNMF {
    const saved = validateModelJson(json);
    const o = saved.options;
    const model = new NeuralNMF({
      ranks: o.ranks,
      seed: o.seed,
      init: o.init as InitMethod,
      pretrainIterations: o.pretrainIterations,
      solver: o.solver,
      ...(runtime.threads === undefined ? {} : { threads: runtime.threads }),
    });
    model.layerMatrices = saved.layers;
    for (const { level, B } of saved.classifiers) model.classifierMatrices.set(level, B);
    model.usageTotals = saved.usage;
    return model;
  }

  private fitted(where: string): Tensor[] {
    if (this.layerMatrices === null) {
      throw new NotFittedError(`${where}: the model is not fitted yet; call fit(X) first`);
    }
    return this.layerMatrices;
  }

  private checkLevel(level: number, where: string): void {
    const L = this.options.ranks.length;
    if (!Number.isInteger(level) || level < 1 || level > L) {
      throw new ValueError(
        `${where}: level must be an integer from 1 to ${L}, got ${level}`,
        "level",
      );
    }
  }

  private checkRanksFit(x: Data): void {
    const k1 = this.options.ranks[0] as number;
    const limit = Math.min(x.rows, x.cols);
    if (k1 > limit) {
      throw new ValueError(
        `fit: rank ${k1} is larger than the data allows (X is ${x.rows}×${x.cols}, so at most ${limit})`,
        "ranks",
      );
    }
  }
}
