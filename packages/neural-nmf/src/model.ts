import { combine, type Loss } from "@neural-nmf/losses";
import {
  checkOptions,
  type Executor,
  gemm,
  inThreadExecutor,
  type OptionSpec,
  Random,
  ShapeError,
  Tensor,
  ValueError,
  withExecutor,
} from "@neural-nmf/tensor";
import { sharedThreadPool } from "@neural-nmf/threads";
import { chooseWeightsByCrossValidation } from "./classification-weight.js";
import { fitClassifierOnCodes } from "./classifier-start.js";
import { type Data, validateData } from "./data.js";
import { normalisedData, scaleTensor } from "./data-scale.js";
import { defaultClassificationWeight, defaultLoss } from "./default-loss.js";
import {
  type DocumentTopics,
  documentTopicsOf,
  type RepresentativeDocument,
  representativeDocumentsOf,
} from "./document-topics.js";
import { NotFittedError, TrainingError } from "./errors.js";
import { accuracyOf, argmaxColumns, posthocPredict, relativeErrorOf } from "./evaluate.js";
import { forwardPass, topicProducts } from "./forward.js";
import { nndsvd } from "./init/nndsvd.js";
import { pretrainLayer, unitColumns } from "./init/pretrain.js";
import {
  type HierarchyLevel,
  hierarchyOf,
  rowSums,
  topWordsOf,
  type WordWeight,
} from "./interpret.js";
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type NeuralNMFJSON,
  validateModelJson,
} from "./model-json.js";
import { type NeuralNMFOptions, resolveOptions } from "./options.js";
import {
  resolveSupervisedLevels,
  type SupervisedLevel,
  type SupervisionInput,
} from "./supervised-levels.js";
import {
  TRAIN_OPTION_SPEC,
  type TrainingHistory,
  type TrainingMonitor,
  type TrainingProblem,
  type TrainOptions,
  train,
} from "./train.js";
import { trainMiniBatch } from "./train-minibatch.js";
import { DEFAULT_VALIDATION, heldOutClassificationError, holdOut } from "./validation.js";

/** Options of {@link NeuralNMF.fit}. */
export interface FitOptions extends TrainOptions {
  /**
   * Mini-batch training: columns per batch (default: all of them, full-batch training). Each
   * epoch visits the columns in a seeded random order; every batch takes one optimiser step on its
   * own columns, with the NNLS warm starts kept per column, and the full loss is reported after
   * each epoch (see the package README for when it pays off: on the 100 000-document benchmark
   * full-batch training reached the same loss sooner, so it is the default).
   */
  batchSize?: number;
  /**
   * The loss. Default ({@link defaultLoss}): the reconstruction loss of every level,
   * `Σ_l ‖X − A⁽¹⁾⋯A⁽ˡ⁾S⁽ˡ⁾‖²` (sum reduction), plus, for every supervised level l,
   * `λ_l ×` the least-squares classification loss `‖Y − B_l S⁽ˡ⁾‖²` over its labelled columns.
   *
   * A custom loss together with `supervision`: if the loss declares `needs.classifier` it is
   * trusted to train the classifier(s) itself and used as it is; otherwise the default
   * classification terms are added to it (and appear in the history as `classificationL2[l]`), so the
   * labels are never silently ignored.
   */
  loss?: Loss;
  /**
   * Labels (all known: supervised; some known: semi-supervised), of the top level or, with
   * `level`, of any level — or a list, one entry per supervised level, each with its own labels
   * and classifier `B_l` (c_l × k_l).
   */
  supervision?: SupervisionInput;
  /**
   * Weight λ of every default classification term (a level's own `weight` wins). Default:
   * {@link defaultClassificationWeight}, `0.5 · ‖X‖² / |known|`, which balances the
   * classification error of the labelled columns against the energy of the data whatever its scale.
   * `"auto"` chooses it by 3-fold cross-validation on the known labels only (candidates: the
   * default × 0.1, 1, 10, 100), scoring the trained classifier on the held-out known labels.
   */
  classificationWeight?: number | "auto";
  /**
   * Early stopping for supervised and semi-supervised fits (default `false`: off): this fraction
   * of each supervised level's known labels (seeded, at least one per level) is held out of
   * training, and every 5 epochs the classification error of the trained classifiers on them is
   * measured; training stops after 10 such checks without improvement and the model keeps the
   * parameters of the best one. On the 20 Newsgroups subsample (6 seeds) 0.2 gave +0.052 held-out
   * accuracy over unsupervised at the supervised level against +0.071 without it — the labels it
   * holds back cost more than the memorisation it prevents — so it is opt-in.
   */
  validation?: number | false;
}

/** The constraints of every option of {@link NeuralNMF.fit}. */
export const FIT_OPTION_SPEC: OptionSpec = {
  ...TRAIN_OPTION_SPEC,
  batchSize: { kind: "integer", min: 1 },
  loss: { kind: "any" },
  supervision: { kind: "any" },
  classificationWeight: {
    kind: "oneOf",
    options: [
      { kind: "number", min: 0 },
      { kind: "enum", values: ["auto"] },
    ],
  },
  validation: {
    kind: "oneOf",
    options: [
      { kind: "number", min: 0, max: 1, exclusiveMin: true },
      { kind: "enum", values: [false] },
    ],
  },
};

/** A summary of the model's accuracy at one level. */
export interface AccuracyOptions {
  /** Level whose representation S⁽ˡ⁾ is scored (1-based; default: the top level). */
  level?: number;
  /**
   * `"posthoc"` (default): the authors' least-squares classifier `B̂ = (Y⊙M) pinv(S⁽ˡ⁾)`;
   * `"classifier"`: the trained classifier of that level (supervised levels only).
   */
  method?: "posthoc" | "classifier";
  /** Columns the post-hoc classifier is fitted on (default: all). */
  fitOn?: ArrayLike<number>;
  /** Columns that are scored (default: all). */
  scoreOn?: ArrayLike<number>;
}

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
      this.layerMatrices = this.initialise(data);
    } else if ((this.layerMatrices[0] as Tensor).rows !== data.rows) {
      throw new ShapeError(
        `fit: X has ${data.rows} rows but the model was fitted on ${(this.layerMatrices[0] as Tensor).rows}`,
        "X",
      );
    }
    const layers = this.layerMatrices;
    // Early stopping holds some known labels out of everything below, the classifiers' start
    // included, so the held-out score is an honest one.
    const split = this.validationSplit(supervised, options);
    const trained = split?.train ?? supervised;
    const monitor = split ? this.monitorOf(data, supervised, split.validation) : undefined;
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
    const loss = this.lossFor(options.loss, classification);
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
      : trainMiniBatch(problem, { ...rest, batchSize, seed: this.options.seed + 1 });
  }

  /** The known labels held out for early stopping (null when disabled or impossible). */
  private validationSplit(
    supervised: readonly SupervisedLevel[],
    options: FitOptions,
  ): ReturnType<typeof holdOut> {
    const fraction: number | false = options.validation ?? DEFAULT_VALIDATION;
    if (fraction === false || supervised.length === 0) return null;
    if (options.batchSize !== undefined) return null;
    return holdOut(supervised, fraction, this.options.seed + 3);
  }

  /** Early stopping on the held-out labels' classification error (see FitOptions.validation). */
  private monitorOf(
    data: Data,
    supervised: readonly SupervisedLevel[],
    validation: readonly Int32Array[],
  ): TrainingMonitor {
    return {
      every: 5,
      patience: 10,
      score: (layers, classifiers) =>
        heldOutClassificationError(
          forwardPass(data, layers, null, this.options.solver),
          supervised,
          classifiers,
          validation,
        ),
    };
  }

  /** The loss to train with: the default, or the user's plus the classification terms it lacks. */
  private lossFor(
    custom: Loss | undefined,
    classification: { level: number; weight: number }[],
  ): Loss {
    const L = this.options.ranks.length;
    if (custom === undefined) return defaultLoss(L, classification);
    if (classification.length === 0 || custom.needs?.classifier === true) return custom;
    const terms = defaultLoss(0, classification);
    return combine(custom, terms);
  }

  /** The weight of each supervised level's classification term (see FitOptions). */
  private classificationWeights(
    data: Data,
    supervised: readonly SupervisedLevel[],
    options: FitOptions,
  ): number[] {
    const asked = supervised.map((s) => s.weight ?? options.classificationWeight);
    for (const w of asked) {
      if (w !== undefined && w !== "auto" && !(Number.isFinite(w) && w >= 0)) {
        throw new ValueError(
          `fit: classificationWeight must be a finite number ≥ 0 or "auto", got ${String(w)}`,
          "classificationWeight",
        );
      }
    }
    const weights = supervised.map((s, i) => {
      const w = asked[i];
      return typeof w === "number" ? w : defaultClassificationWeight(data, s.supervision);
    });
    if (!asked.includes("auto")) return weights;
    return chooseWeightsByCrossValidation({
      supervised,
      weights,
      auto: asked.map((w) => w === "auto"),
      seed: this.options.seed,
      evaluate: (trainOn, weightsTried, scoreOn) => {
        const loss = this.lossFor(
          options.loss,
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
    const layers = this.fitted("toJSON");
    const o = this.options;
    return {
      format: MODEL_FORMAT,
      version: MODEL_FORMAT_VERSION,
      options: {
        ranks: [...o.ranks],
        seed: o.seed,
        init: o.init,
        pretrainStart: o.pretrainStart,
        pretrainIterations: o.pretrainIterations,
        solver: { ...o.solver } as Record<string, number>,
      },
      inputSize: (layers[0] as Tensor).rows,
      layers: layers.map((a) => a.toRows()),
      classifiers: this.supervisedLevels.map((level) => {
        const b = this.classifierMatrices.get(level) as Tensor;
        return { level, classes: b.rows, B: b.toRows() };
      }),
      usage: this.usageTotals.map((u) => Array.from(u)),
    };
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
      init: o.init as NeuralNMFOptions["init"],
      pretrainStart: o.pretrainStart as NeuralNMFOptions["pretrainStart"],
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

  private initialise(x: Data): Tensor[] {
    const { ranks, seed, init, pretrainIterations, pretrainStart } = this.options;
    const rng = new Random(seed);
    const layers: Tensor[] = [];
    let input: Data = x;
    ranks.forEach((k, l) => {
      const rows = l === 0 ? x.rows : (ranks[l - 1] as number);
      let a: Tensor;
      if (init === "random") {
        a = new Tensor(rng.fillUniform(new Float64Array(rows * k)), [rows, k]);
      } else if (init === "nndsvd") {
        a = unitColumns(nndsvd(input, k, { fill: "zero", seed: seed + l }));
      } else {
        const below = [...layers];
        a = pretrainLayer(input, k, {
          seed: seed + l,
          start: pretrainStart,
          iterations: pretrainIterations,
          ...(l > 0
            ? {
                score: (candidate: Tensor) => {
                  const chain = [...below, candidate];
                  const s = forwardPass(x, chain, null, this.options.solver);
                  return relativeErrorOf(
                    x,
                    topicProducts(chain).at(-1) as Tensor,
                    s.at(-1) as Tensor,
                  );
                },
              }
            : {}),
        }).A;
      }
      layers.push(a);
      if (l < ranks.length - 1 && init !== "random") {
        input = forwardPass(input, [a], null, this.options.solver)[0] as Tensor;
      }
    });
    return layers;
  }
}

/** A history of a fit on data scaled by 2^−e, in the units of the original data (×4^e). */
function rescaleHistory(history: TrainingHistory, e: number): void {
  // Two factors of 2^e, not one of 4^e: 4^e overflows (or underflows) where the products do not.
  const f = 2 ** e;
  const scale = (v: number) => v * f * f;
  history.initialLoss = scale(history.initialLoss);
  for (const info of history.epochs) {
    info.loss = scale(info.loss);
    for (const key of Object.keys(info.terms)) info.terms[key] = scale(info.terms[key] as number);
  }
  const weights = history.classificationWeights;
  if (weights) {
    for (const key of Object.keys(weights))
      weights[Number(key)] = scale(weights[Number(key)] as number);
  }
}
