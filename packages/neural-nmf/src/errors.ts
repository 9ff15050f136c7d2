import { NeuralNmfError } from "@neural-nmf/tensor";

/**
 * Training stopped because the loss or a gradient became NaN or infinite. The model keeps the
 * last parameters whose loss was finite; `epoch` says where it happened.
 */
export class TrainingError extends NeuralNmfError {
  /** Epoch at which the non-finite value appeared. */
  readonly epoch: number;
  constructor(message: string, epoch: number) {
    super(message, "loss");
    this.epoch = epoch;
  }
}

/** A method that needs a fitted model was called before `fit` (or `fromJSON`). */
export class NotFittedError extends NeuralNmfError {}
