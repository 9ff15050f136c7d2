import {
  ArgumentTypeError,
  formatShape,
  NonFiniteError,
  ShapeError,
  sum,
  Tensor,
} from "@neural-nmf/tensor";
import { describeValue } from "./checks.js";
import { LossRequirementError } from "./errors.js";
import { type ModelState, validateModelState } from "./state.js";

/** Parts of the model state a loss requires beyond X, the A's and the S's. */
export interface LossNeeds {
  /** The loss reads `state.B` (a classifier c×k_L). */
  readonly classifier?: boolean;
  /** The loss reads `state.supervision` (labels). */
  readonly supervision?: boolean;
}

/** What {@link Loss.compute} may return instead of a bare scalar: the value and its breakdown. */
export interface LossResult {
  /** The scalar to minimise. */
  value: Tensor;
  /**
   * Named scalar parts of `value`, shown separately in the training history (e.g. one per
   * layer). They should add up to `value`; they are reported, not differentiated.
   */
  terms?: Record<string, Tensor>;
}

/**
 * A training objective: a named function from the model state to a scalar tensor. Built-in losses
 * are plain objects of this shape written on the public `@neural-nmf/tensor` API, so a custom loss
 * is written exactly the same way.
 *
 * @example
 * ```ts
 * // Σ of the top-level codes: an L1 penalty on S⁽ᴸ⁾ (which is ≥ 0)
 * const topSparsity: Loss = {
 *   name: "topSparsity",
 *   compute: ({ S }) => sum(S[S.length - 1]!),
 * };
 * ```
 */
export interface Loss {
  /** Name of the loss, used for its term in the training history and in error messages. */
  readonly name: string;
  /** What the loss needs from the state; checked by {@link evaluateLoss} before `compute` runs. */
  readonly needs?: LossNeeds;
  /**
   * Computes the loss from the state (whose tensors may be traced: use only differentiable ops on
   * them). Returns a scalar tensor, or a {@link LossResult} with named terms.
   */
  compute(state: ModelState): Tensor | LossResult;
}

/** A loss evaluated by {@link evaluateLoss}: its total and its named terms. */
export interface EvaluatedLoss {
  /** The scalar total (shape `[]`), differentiable wherever the state is traced. */
  total: Tensor;
  /** Named scalar terms (shape `[]`); a loss that reports none has one term under its own name. */
  terms: Record<string, Tensor>;
}

/**
 * Evaluates a loss on a model state, normalising both return forms of {@link Loss.compute}.
 *
 * Before `compute` runs, the state's shapes are checked ({@link validateModelState}) and the
 * loss's `needs` are checked against it. Afterwards the value and every term must be finite
 * one-element tensors (a 1×1 matrix is accepted and turned into a scalar).
 *
 * @throws {@link LossRequirementError} (naming the loss) when `needs` are not met;
 *   {@link ArgumentTypeError} when `loss` is not a Loss or `compute` returns something else;
 *   {@link ShapeError} for a value or term with more than one element; {@link NonFiniteError}
 *   (naming the loss and term) for NaN or ±Infinity.
 */
export function evaluateLoss(loss: Loss, state: ModelState): EvaluatedLoss {
  checkLoss(loss, "loss", "evaluateLoss");
  const where = `evaluateLoss(${loss.name})`;
  validateModelState(state, where);
  checkNeeds(loss, state);
  const result: unknown = loss.compute(state);
  let value: unknown;
  let rawTerms: unknown;
  if (result instanceof Tensor) {
    value = result;
  } else if (result !== null && typeof result === "object" && "value" in result) {
    value = result.value;
    rawTerms = (result as LossResult).terms;
  } else {
    throw new ArgumentTypeError(
      `${where}: compute must return a scalar Tensor or { value, terms? }, got ${describeValue(result)}`,
      "loss",
    );
  }
  const total = toScalar(value, loss.name, "value");
  const terms: Record<string, Tensor> = {};
  if (rawTerms === undefined || (isRecord(rawTerms) && Object.keys(rawTerms).length === 0)) {
    terms[loss.name] = total;
  } else {
    if (!isRecord(rawTerms)) {
      throw new ArgumentTypeError(
        `${where}: \`terms\` must be a record of scalar Tensors, got ${describeValue(rawTerms)}`,
        "loss",
      );
    }
    for (const [key, t] of Object.entries(rawTerms)) {
      if (key.length === 0) {
        throw new ArgumentTypeError(`${where}: a term has an empty name`, "loss");
      }
      terms[key] = toScalar(t, loss.name, `term \`${key}\``);
    }
  }
  return { total, terms };
}

/** Throws {@link ArgumentTypeError} unless `loss` has a non-empty name and a compute function. */
export function checkLoss(loss: unknown, argument: string, where: string): asserts loss is Loss {
  if (
    loss === null ||
    typeof loss !== "object" ||
    typeof (loss as Loss).name !== "string" ||
    (loss as Loss).name.length === 0 ||
    typeof (loss as Loss).compute !== "function"
  ) {
    throw new ArgumentTypeError(
      `${where}: \`${argument}\` must be a Loss ({ name: non-empty string, compute(state) }), got ${describeValue(loss)}`,
      argument,
    );
  }
}

/** Throws {@link LossRequirementError} when the state lacks what the loss declared it needs. */
function checkNeeds(loss: Loss, state: ModelState): void {
  const needs = loss.needs;
  if (needs === undefined) return;
  if (needs.classifier === true && state.B === undefined) {
    throw new LossRequirementError(
      loss.name,
      "classifier",
      `loss \`${loss.name}\` needs a classifier, but \`state.B\` is missing (is the model supervised?)`,
    );
  }
  if (needs.supervision === true && state.supervision === undefined) {
    throw new LossRequirementError(
      loss.name,
      "supervision",
      `loss \`${loss.name}\` needs labels, but \`state.supervision\` is missing (pass labels to fit the model)`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !(value instanceof Tensor)
  );
}

/** A finite one-element tensor as a scalar; 1×1 products (xᵀy) are common enough to accept. */
function toScalar(value: unknown, lossName: string, what: string): Tensor {
  if (!(value instanceof Tensor)) {
    throw new ArgumentTypeError(
      `evaluateLoss(${lossName}): the ${what} must be a Tensor, got ${describeValue(value)}`,
      "loss",
    );
  }
  if (value.size !== 1) {
    throw new ShapeError(
      `evaluateLoss(${lossName}): the ${what} must be a scalar, got shape ${formatShape(value.shape)}`,
      "loss",
    );
  }
  const v = value.data[0] as number;
  if (!Number.isFinite(v)) {
    throw new NonFiniteError(`evaluateLoss(${lossName}): the ${what} is ${v}`, "loss");
  }
  return value.shape.length === 0 ? value : sum(value);
}
