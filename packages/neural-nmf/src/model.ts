import {
  combine,
  crossEntropyLoss,
  type Loss,
  reconstructionLoss,
  type Supervision,
  supervisionFromLabels,
  weighted,
} from "@neural-nmf/losses";
import {
  type Executor,
  gemm,
  inThreadExecutor,
  Random,
  ShapeError,
  Tensor,
  ValueError,
  withExecutor,
} from "@neural-nmf/tensor";
import { sharedThreadPool } from "@neural-nmf/threads";
import { type Data, squaredNorm, validateData } from "./data.js";
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
import { type NeuralNMFOptions, resolveOptions } from "./options.js";
import { type TrainingHistory, type TrainOptions, train } from "./train.js";
import { trainMiniBatch } from "./train-minibatch.js";

/** Labels for supervised or semi-supervised training. */
export interface LabelsInput {
  /** Class of every column (integers from 0); entries of unknown columns are ignored. */
  labels: ArrayLike<number>;
  /** Indices of the columns whose label is known (default: all). */
  known?: ArrayLike<number>;
  /** Number of classes (default: largest label + 1). */
  classes?: number;
}

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
   * The loss. Default: the reconstruction loss of every level, `Σ_l ‖X − A⁽¹⁾⋯A⁽ˡ⁾S⁽ˡ⁾‖²`
   * (sum reduction; pass `reconstructionLoss()` from `@neural-nmf/losses` for the top level
   * only, as the reference does), plus, when
   * `supervision` is given, `classificationWeight` × the softmax cross-entropy of `B S⁽ᴸ⁾` over
   * the labelled columns.
   */
  loss?: Loss;
  /** Labels (all known: supervised; some known: semi-supervised). Adds a classifier B. */
  supervision?: Supervision | LabelsInput;
  /**
   * Weight λ of the default classification term. Default: `0.01 · ‖X‖²_F / n`, i.e. relative to
   * the average energy of a column, so it does not depend on the scale of the data.
   */
  classificationWeight?: number;
}

/** A summary of the model's accuracy at one level. */
export interface AccuracyOptions {
  /** Level whose representation S⁽ˡ⁾ is scored (1-based; default: the top level). */
  level?: number;
  /**
   * `"posthoc"` (default): the authors' least-squares classifier `B̂ = (Y⊙M) pinv(S⁽ˡ⁾)`;
   * `"classifier"`: the trained B (top level of a supervised model only).
   */
  method?: "posthoc" | "classifier";
  /** Columns the post-hoc classifier is fitted on (default: all). */
  fitOn?: ArrayLike<number>;
  /** Columns that are scored (default: all). */
  scoreOn?: ArrayLike<number>;
}

const FORMAT = "neural-nmf-model";
const FORMAT_VERSION = 1;

/** The JSON form of a model (see {@link NeuralNMF.toJSON}). */
export interface NeuralNMFJSON {
  format: typeof FORMAT;
  version: number;
  options: {
    ranks: number[];
    seed: number;
    init: string;
    pretrainStart: string;
    pretrainIterations: number;
    solver: Record<string, number>;
  };
  inputSize: number;
  layers: number[][][];
  classifier: number[][] | null;
  classes: number | null;
  usage: number[][];
}

/**
 * A Neural NMF model: L stacked NNLS layers `S⁽ˡ⁾ = argmin_{S≥0} ‖S⁽ˡ⁻¹⁾ − A⁽ˡ⁾S‖` trained by
 * backpropagation, giving topics at L levels — and optionally a classifier on the top layer.
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
  private classifierMatrix: Tensor | null = null;
  private classCount: number | null = null;
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

  /** The classifier B (c×k_L) of a supervised model, or null. */
  get classifier(): Tensor | null {
    return this.classifierMatrix;
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
    const data = validateData(x, "fit");
    const supervision = this.resolveSupervision(options.supervision, data.cols);
    if (this.layerMatrices === null) {
      this.checkRanksFit(data);
      this.layerMatrices = this.initialise(data);
    } else if ((this.layerMatrices[0] as Tensor).rows !== data.rows) {
      throw new ShapeError(
        `fit: X has ${data.rows} rows but the model was fitted on ${(this.layerMatrices[0] as Tensor).rows}`,
        "X",
      );
    }
    if (supervision && this.classifierMatrix === null) {
      this.classCount = supervision.classes;
      const kL = this.options.ranks[this.options.ranks.length - 1] as number;
      const rng = new Random(this.options.seed + 7919);
      const bound = 1 / Math.sqrt(kL);
      const b = new Float64Array(supervision.classes * kL);
      for (let i = 0; i < b.length; i++) b[i] = rng.uniformRange(-bound, bound);
      this.classifierMatrix = new Tensor(b, [supervision.classes, kL]);
    }
    const loss = options.loss ?? this.defaultLoss(data, supervision, options.classificationWeight);
    let outcome: ReturnType<typeof train>;
    try {
      const problem = {
        x: data,
        layers: this.layerMatrices,
        classifier: supervision ? this.classifierMatrix : null,
        loss,
        supervision,
        solver: this.options.solver,
      };
      const { batchSize, ...rest } = options;
      outcome =
        batchSize === undefined || batchSize >= data.cols
          ? train(problem, rest)
          : trainMiniBatch(problem, { ...rest, batchSize, seed: this.options.seed + 1 });
    } catch (e) {
      if (e instanceof TrainingError && e.lastGood) {
        this.layerMatrices = e.lastGood.layers;
        if (e.lastGood.classifier) this.classifierMatrix = e.lastGood.classifier;
      }
      throw e;
    }
    this.layerMatrices = outcome.layers;
    if (outcome.classifier) this.classifierMatrix = outcome.classifier;
    this.usageTotals = this.transform(data).map(rowSums);
    this.lastHistory = outcome.history;
    return outcome.history;
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

  /** Class of every column of X by the trained classifier: `argmax(B S⁽ᴸ⁾)`. */
  predict(x: Data): Int32Array {
    const b = this.classifierMatrix;
    if (b === null || this.classCount === null) {
      throw new NotFittedError("predict: the model has no classifier; fit it with `supervision`");
    }
    const s = this.transform(x).at(-1) as Tensor;
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
      if (level !== this.options.ranks.length) {
        throw new ValueError("accuracy: the trained classifier only scores the top level", "level");
      }
      return accuracyOf(this.predict(x), labels, options.scoreOn);
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
      format: FORMAT,
      version: FORMAT_VERSION,
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
      classifier: this.classifierMatrix ? this.classifierMatrix.toRows() : null,
      classes: this.classCount,
      usage: this.usageTotals.map((u) => Array.from(u)),
    };
  }

  /**
   * Restores a model saved with {@link NeuralNMF.toJSON} (a JSON string or the parsed object).
   * `runtime.threads` sets the threads of the restored model (not part of the saved model; default
   * every core).
   */
  static fromJSON(json: string | NeuralNMFJSON, runtime: { threads?: number } = {}): NeuralNMF {
    const obj = (typeof json === "string" ? JSON.parse(json) : json) as Partial<NeuralNMFJSON>;
    if (obj === null || typeof obj !== "object" || obj.format !== FORMAT) {
      throw new ValueError(
        `NeuralNMF.fromJSON: not a saved model (format must be "${FORMAT}")`,
        "json",
      );
    }
    if (obj.version !== FORMAT_VERSION) {
      throw new ValueError(
        `NeuralNMF.fromJSON: unsupported version ${obj.version} (this library reads ${FORMAT_VERSION})`,
        "json",
      );
    }
    const o = obj.options;
    if (!o || !Array.isArray(obj.layers))
      throw new ValueError("NeuralNMF.fromJSON: missing options or layers", "json");
    const model = new NeuralNMF({
      ranks: o.ranks,
      seed: o.seed,
      init: o.init as NeuralNMFOptions["init"],
      pretrainStart: o.pretrainStart as NeuralNMFOptions["pretrainStart"],
      pretrainIterations: o.pretrainIterations,
      solver: o.solver,
      ...(runtime.threads === undefined ? {} : { threads: runtime.threads }),
    });
    const layers = obj.layers.map((rows, l) => {
      const t = tensorFromRows(rows, `layers[${l}]`);
      const expectedRows = l === 0 ? obj.inputSize : (o.ranks[l - 1] as number);
      if (t.rows !== expectedRows || t.cols !== o.ranks[l]) {
        throw new ShapeError(
          `NeuralNMF.fromJSON: layers[${l}] has shape [${t.rows}, ${t.cols}]`,
          "json",
        );
      }
      return t;
    });
    model.layerMatrices = layers;
    model.classifierMatrix = obj.classifier ? tensorFromRows(obj.classifier, "classifier") : null;
    model.classCount = obj.classes ?? null;
    model.usageTotals = (obj.usage ?? []).map((u) => Float64Array.from(u));
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

  private resolveSupervision(
    input: Supervision | LabelsInput | undefined,
    n: number,
  ): Supervision | undefined {
    if (input === undefined) return undefined;
    const sup =
      "Y" in input && input.Y instanceof Tensor
        ? (input as Supervision)
        : supervisionFromLabels((input as LabelsInput).labels, {
            ...((input as LabelsInput).classes !== undefined
              ? { classes: (input as LabelsInput).classes }
              : {}),
            ...((input as LabelsInput).known !== undefined
              ? { known: (input as LabelsInput).known }
              : {}),
          });
    if (sup.Y.cols !== n) {
      throw new ShapeError(
        `fit: supervision has ${sup.Y.cols} columns but X has ${n}`,
        "supervision",
      );
    }
    if (this.classCount !== null && sup.classes !== this.classCount) {
      throw new ShapeError(
        `fit: supervision has ${sup.classes} classes, the model's classifier ${this.classCount}`,
        "supervision",
      );
    }
    return sup;
  }

  private defaultLoss(
    x: Data,
    supervision: Supervision | undefined,
    weight: number | undefined,
  ): Loss {
    // Every level is a topic model of X in its own right, so the default fits all of them:
    // Σ_l ‖X − A⁽¹⁾⋯A⁽ˡ⁾S⁽ˡ⁾‖². On the paper's data this reaches the SVD bound at every level at
    // once, where the top-level loss alone leaves the intermediate levels free to drift.
    const levels = this.options.ranks.map((_, l) => reconstructionLoss({ level: l + 1 }));
    const rec = levels.length === 1 ? (levels[0] as Loss) : combine(...levels);
    if (!supervision) return rec;
    const lambda = weight ?? (0.01 * squaredNorm(x)) / Math.max(1, x.cols);
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new ValueError(
        `fit: classificationWeight must be a finite number ≥ 0, got ${weight}`,
        "classificationWeight",
      );
    }
    return combine(rec, weighted(crossEntropyLoss(), lambda));
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
        a = pretrainLayer(input, k, {
          seed: seed + l,
          start: pretrainStart,
          iterations: pretrainIterations,
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

function tensorFromRows(rows: unknown, name: string): Tensor {
  if (!Array.isArray(rows) || rows.length === 0 || !Array.isArray(rows[0])) {
    throw new ValueError(`NeuralNMF.fromJSON: ${name} must be an array of rows`, "json");
  }
  const n = (rows[0] as unknown[]).length;
  const data = new Float64Array(rows.length * n);
  rows.forEach((r: unknown, i) => {
    if (!Array.isArray(r) || r.length !== n)
      throw new ShapeError(`NeuralNMF.fromJSON: ${name} is ragged`, "json");
    r.forEach((v: unknown, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new ValueError(
          `NeuralNMF.fromJSON: ${name}[${i}][${j}] is not a finite number`,
          "json",
        );
      }
      data[i * n + j] = v;
    });
  });
  return new Tensor(data, [rows.length, n]);
}
