import { NeuralNmfError, type Tensor } from "@neural-nmf/tensor";

/**
 * Training stopped because the loss or a gradient became NaN or infinite. The model keeps the
 * last parameters whose loss was finite; `epoch` says where it happened.
 */
export class TrainingError extends NeuralNmfError {
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
  ) {
    super(message, "loss");
    this.epoch = epoch;
    this.lastGood = lastGood;
  }
}

/** A method that needs a fitted model was called before `fit` (or `fromJSON`). */
export class NotFittedError extends NeuralNmfError {}
