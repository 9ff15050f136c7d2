import { ArgumentTypeError, add, scalar, scale, Tensor, ValueError } from "@neural-nmf/tensor";
import { checkName, checkOptions, checkWeight, describeValue } from "./checks.js";

/**
 * How a built-in loss turns its entrywise sum into a number.
 *
 * - `"sum"` (the default): the plain sum, e.g. ‖X − PS‖²_F. Its gradient grows with the size of
 *   the data (twice the columns, twice the gradient), so a step size tuned on one data set is too
 *   large on a bigger one.
 * - `"mean"`: the same sum divided by the number of entries it runs over — each built-in states
 *   its count (m·n for reconstruction, k_{l−1}·n per energy layer, c·|known| for the L2
 *   classification, |known| for cross-entropy, the size of each penalised matrix for the
 *   regularisers). Gradients shrink by that count, so the step size must grow by it to move the
 *   same distance: η_mean = N·η_sum. This is what the reference implementation does (mean of
 *   squares everywhere), which is why its step sizes are 1 on the 87×90 synthetic data and 1e10 on
 *   20 Newsgroups.
 *
 * Mixing reductions changes the meaning of a weight λ. With a "mean" NMF term over N₁ entries and
 * a "mean" classification term over N₂ entries, `L₁/N₁ + λ·L₂/N₂ = (L₁ + λ·(N₁/N₂)·L₂)/N₁`: the
 * equivalent "sum" weight is λ·N₁/N₂, and the equivalent "sum" step size is η/N₁.
 */
export type Reduction = "sum" | "mean";

/** Options every built-in loss accepts. */
export interface LossOptions {
  /** `"sum"` (default) or `"mean"`; see {@link Reduction} for what "mean" divides by. */
  reduction?: Reduction;
  /** Multiplies the value and every term (default 1): the λ of `NMF loss + λ·classification`. */
  weight?: number;
  /** Name of the loss and of its term in the training history (each built-in has a default). */
  name?: string;
}

/** {@link LossOptions} with the defaults filled in and checked. */
export interface ResolvedLossOptions {
  readonly reduction: Reduction;
  readonly weight: number;
  readonly name: string;
}

/** Throws {@link ValueError} unless `value` is `"sum"`, `"mean"` (or undefined → `"sum"`). */
export function checkReduction(value: unknown, where: string): Reduction {
  if (value === undefined) return "sum";
  if (value !== "sum" && value !== "mean") {
    throw new ValueError(
      `${where}: \`reduction\` must be "sum" or "mean", got ${describeValue(value)}`,
      "reduction",
    );
  }
  return value;
}

/**
 * Checks an options object of a loss factory: the common {@link LossOptions} plus the factory's
 * own `extraKeys`. Returns the resolved common options and the raw object for the extras.
 */
export function resolveLossOptions(
  options: unknown,
  defaultName: string,
  where: string,
  extraKeys: readonly string[] = [],
): { common: ResolvedLossOptions; raw: Record<string, unknown> } {
  const raw = checkOptions(options, ["reduction", "weight", "name", ...extraKeys], where);
  const common: ResolvedLossOptions = {
    reduction: checkReduction(raw.reduction, where),
    weight: raw.weight === undefined ? 1 : checkWeight(raw.weight, "weight", where),
    name: raw.name === undefined ? defaultName : checkName(raw.name, "name", where),
  };
  return { common, raw };
}

/**
 * Applies a reduction to an entrywise sum over `count` entries: unchanged for `"sum"`, divided by
 * `count` for `"mean"`. A mean over no entries is taken as the (zero) sum rather than 0/0.
 */
export function applyReduction(total: Tensor, count: number, reduction: Reduction): Tensor {
  const where = "applyReduction";
  if (!(total instanceof Tensor)) {
    throw new ArgumentTypeError(
      `${where}: \`total\` must be a Tensor, got ${describeValue(total)}`,
      "total",
    );
  }
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
    throw new ValueError(
      `${where}: \`count\` must be a non-negative integer, got ${describeValue(count)}`,
      "count",
    );
  }
  if (checkReduction(reduction, where) === "sum" || count === 0) return total;
  return scale(total, 1 / count);
}

/**
 * The result of a built-in: the sum of its (already reduced) named parts times `weight`, as a bare
 * scalar when there is one part named after the loss, else with the parts as terms.
 * @internal
 */
export function weightedTerms(
  parts: readonly (readonly [string, Tensor])[],
  weight: number,
  name: string,
): Tensor | { value: Tensor; terms: Record<string, Tensor> } {
  const scaled = parts.map(([key, t]) => [key, weight === 1 ? t : scale(t, weight)] as const);
  if (scaled.length === 0) return scalar(0);
  let value = (scaled[0] as readonly [string, Tensor])[1];
  for (let i = 1; i < scaled.length; i++)
    value = add(value, (scaled[i] as readonly [string, Tensor])[1]);
  if (scaled.length === 1 && (scaled[0] as readonly [string, Tensor])[0] === name) return value;
  return { value, terms: Object.fromEntries(scaled) };
}
