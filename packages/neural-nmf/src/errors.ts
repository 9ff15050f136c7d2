import { BRAND, NeuralNmfError, type NeuralNmfErrorOptions, type Tensor } from "@neural-nmf/tensor";

/**
 * Training stopped because the loss or a gradient became NaN or infinite. The model keeps the
 * last parameters whose loss was finite; `epoch` says where it happened.
 */
export class TrainingError extends NeuralNmfError {
  static override readonly [BRAND]: string = "neural-nmf:TrainingError";
  /** Epoch at which the non-finite value appeared. */
  readonly epoch: number;
  /**
   * Parameters of the last epoch whose loss was finite (null when training had not started): the
   * A's and the classifiers of the supervised levels.
   */
  readonly lastGood: { layers: Tensor[]; classifiers: Tensor[] } | null;
  constructor(
    message: string,
    epoch: number,
    lastGood: { layers: Tensor[]; classifiers: Tensor[] } | null = null,
    options?: NeuralNmfErrorOptions,
  ) {
    super(message, "loss", options);
    this.epoch = epoch;
    this.lastGood = lastGood;
  }
}

/** The one `NotFittedError` of every package, re-exported where users meet it. */
export { NotFittedError } from "@neural-nmf/tensor";
