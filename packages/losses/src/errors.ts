import { NeuralNmfError } from "@neural-nmf/tensor";

/** What a loss may require of the model state beyond X, the A's and the S's. */
export type LossRequirement = "classifier" | "supervision";

/**
 * A loss was evaluated on a model state that lacks something it declared in `needs`
 * (a classifier `B`, or label supervision). Thrown before the loss runs, so the message names
 * the loss instead of surfacing as an `undefined` deep inside its arithmetic.
 */
export class LossRequirementError extends NeuralNmfError {
  /** Name of the loss whose requirement is not met. */
  readonly loss: string;
  /** The missing piece of the state. */
  readonly requirement: LossRequirement;
  constructor(loss: string, requirement: LossRequirement, message: string) {
    super(message, requirement === "classifier" ? "state.B" : "state.supervision");
    this.loss = loss;
    this.requirement = requirement;
  }
}
